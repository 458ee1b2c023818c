using System.Linq;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.EndToEnd
{
    /// <summary>The factory reads the image layout from a real firmware ELF, so boot mappings match the image.</summary>
    [TestFixture]
    public class LiteOsModelFactoryTests
    {
        [Test]
        public void Image_layout_is_the_ELFs_LiteOS_A_section_symbols()
        {
            var symbols = ElfSymbols.Load(FirmwareBuild.Elf("demo"));
            var layout = LiteOsModelFactory.ImageLayoutOf(symbols);
            Assert.That(layout.TextStart, Is.EqualTo(symbols.AddressOf("__text_start")));
            Assert.That(layout.TextEnd, Is.EqualTo(symbols.AddressOf("__text_end")));
            Assert.That(layout.RodataStart, Is.EqualTo(symbols.AddressOf("__rodata_start")));
            Assert.That(layout.RodataEnd, Is.EqualTo(symbols.AddressOf("__rodata_end")));
            Assert.That(layout.RamDataStart, Is.EqualTo(symbols.AddressOf("__ram_data_start")));
            Assert.That(layout.BssEnd, Is.EqualTo(symbols.AddressOf("__bss_end")));
        }

        [Test]
        public void Boot_regions_of_the_model_are_the_firmwares_text_rodata_and_data()
        {
            var symbols = ElfSymbols.Load(FirmwareBuild.Elf("demo"));
            var config = new MemoryConfig
            {
                ImageEnd = symbols.AddressOf(GuestAbi.BssEnd),
                KernelL1Table = symbols.AddressOf(GuestAbi.FirstPageTable),
            };
            var memory = new InMemoryGuestMemory(config.RamBase, (int)config.ManagedSize);
            var model = LiteOsModelFactory.CreateModel(symbols, config, memory, new RecordedTlb(), new ListLog());

            // OsSetKSectionAttr: last text page RX, first rodata page R, first data page RW, each at its PA.
            var kernel = model.Vm.Spaces.KernelSpace.ArchMmu;
            const uint Perms = RegionFlags.PermRead | RegionFlags.PermWrite | RegionFlags.PermExecute;
            AssertPage(kernel, symbols.AddressOf("__text_end") - VmZone.PageSize, RegionFlags.PermRead | RegionFlags.PermExecute);
            AssertPage(kernel, symbols.AddressOf("__rodata_start"), RegionFlags.PermRead);
            AssertPage(kernel, symbols.AddressOf("__ram_data_start"), RegionFlags.PermRead | RegionFlags.PermWrite);

            void AssertPage(Core.Mmu.ArchMmu mmu, uint va, uint expected)
            {
                Assert.That(mmu.Query(va, out var pa, out var flags), Is.EqualTo(VmStatus.NoError), $"0x{va:X8} mapped");
                Assert.That(pa, Is.EqualTo(config.KernelVaToPa(va)));
                Assert.That(flags & Perms, Is.EqualTo(expected), $"permissions of 0x{va:X8}");
            }

            Assert.That(model.CheckInvariants(), Is.Empty);
        }
    }
}
