using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Session;
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
        public void Image_layout_is_the_section_boundaries_binutils_reads_from_the_ELF()
        {
            // An independent reader: binutils' nm, not the host's ELF loader.
            var nm = Nm(FirmwareBuild.Elf("demo"));
            var layout = LiteOsModelFactory.ImageLayoutOf(ElfSymbols.Load(FirmwareBuild.Elf("demo")));

            Assert.That(
                new[] { layout.TextStart, layout.TextEnd, layout.RodataStart, layout.RodataEnd, layout.RamDataStart, layout.RamDataEnd,
                    layout.BssStart, layout.BssEnd },
                Is.EqualTo(new[] { nm["__text_start"], nm["__text_end"], nm["__rodata_start"], nm["__rodata_end"], nm["__ram_data_start"],
                    nm["__ram_data_end"], nm["__bss_start"], nm["__bss_end"] }));
            // firmware/linker.ld: text, rodata, data, bss in this order, the mapped boundaries on pages.
            Assert.That(layout.TextStart % 4096 + layout.TextEnd % 4096 + layout.RodataEnd % 4096 + layout.RamDataStart % 4096, Is.Zero);
            Assert.That(layout.TextStart, Is.LessThan(layout.TextEnd));
            Assert.That(layout.TextEnd, Is.LessThanOrEqualTo(layout.RodataStart));
            Assert.That(layout.RodataEnd, Is.LessThanOrEqualTo(layout.RamDataStart));
            Assert.That(layout.RamDataEnd, Is.LessThanOrEqualTo(layout.BssStart));
            Assert.That(layout.BssStart, Is.LessThan(layout.BssEnd));
        }

        private static System.Collections.Generic.Dictionary<string, uint> Nm(string elf)
        {
            var start = new System.Diagnostics.ProcessStartInfo("arm-none-eabi-nm") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(elf);
            using var nm = System.Diagnostics.Process.Start(start);
            var lines = nm.StandardOutput.ReadToEnd().Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
            nm.WaitForExit();
            Assert.That(nm.ExitCode, Is.Zero, "arm-none-eabi-nm");
            var symbols = new System.Collections.Generic.Dictionary<string, uint>();
            foreach (var parts in lines.Select(l => l.Split(' ')).Where(p => p.Length == 3))
            {
                symbols[parts[2]] = uint.Parse(parts[0], System.Globalization.NumberStyles.HexNumber);
            }
            return symbols;
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
            const RegionFlags Perms = RegionFlags.PermRead | RegionFlags.PermWrite | RegionFlags.PermExecute;
            AssertPage(kernel, symbols.AddressOf("__text_end") - VmZone.PageSize, RegionFlags.PermRead | RegionFlags.PermExecute);
            AssertPage(kernel, symbols.AddressOf("__rodata_start"), RegionFlags.PermRead);
            AssertPage(kernel, symbols.AddressOf("__ram_data_start"), RegionFlags.PermRead | RegionFlags.PermWrite);

            void AssertPage(Core.Mmu.ArchMmu mmu, uint va, RegionFlags expected)
            {
                var (queryStatus, pa, flags) = mmu.LOS_ArchMmuQuery(va);
                Assert.That(queryStatus, Is.EqualTo(VmStatus.NoError), $"0x{va:X8} mapped");
                Assert.That(pa, Is.EqualTo(config.KernelVaToPa(va)));
                Assert.That(flags & Perms, Is.EqualTo(expected), $"permissions of 0x{va:X8}");
            }

            Assert.That(model.CheckInvariants(), Is.Empty);
        }
    }
}
