using System.Linq;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Mmu.Walk;
using HarmonyRenode.Core.Vm;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Mmu
{
    public class BootMappingsTests
    {
        private uint L1(MmuFixture f, uint index) => f.Memory.ReadUInt32(f.Kernel.PhysTtb + index * 4);

        [Test]
        public void Boot_sections_of_the_init_mapping_table_outside_the_remapped_window()
        {
            var f = new MmuFixture(withBootMappings: true);
            Assert.That(L1(f, 0x440), Is.EqualTo(0x4400142Eu), "cached window above 64 MiB stays as booted");
            Assert.That(L1(f, 0x7FF), Is.EqualTo(0x7FF0142Eu));
            Assert.That(L1(f, 0x840), Is.EqualTo(0x44001422u), "uncached alias above 64 MiB");
            Assert.That(L1(f, 0xBFF), Is.EqualTo(0x7FF01422u));
            Assert.That(L1(f, 0xC80), Is.EqualTo(0x00000426u), "periph device");
            Assert.That(L1(f, 0xD00), Is.EqualTo(0x08000426u), "GIC at PA 0x08000000 → VA 0xD0000000");
            Assert.That(L1(f, 0xD70), Is.EqualTo(0x0000142Eu), "periph cached");
            Assert.That(L1(f, 0xE60), Is.EqualTo(0x00000422u), "strongly ordered");
            Assert.That(L1(f, 0xF4F), Is.EqualTo(0x0EF00422u));
            Assert.That(L1(f, 0xF50), Is.Zero);
            Assert.That(L1(f, 0xC00), Is.Zero, "vmalloc area starts empty");
            Assert.That(L1(f, 0x3FF), Is.Zero);
        }

        [Test]
        public void Rest_of_the_64MiB_window_becomes_rw_xn_sections()
        {
            var f = new MmuFixture(withBootMappings: true);
            // READ|WRITE cached: 0x100C | 0x20 | 0x400 | XN 0x10 | 2.
            Assert.That(L1(f, 0x401), Is.EqualTo(0x4010143Eu));
            Assert.That(L1(f, 0x43F), Is.EqualTo(0x43F0143Eu));
            Assert.That(L1(f, 0x801), Is.EqualTo(0x40101432u), "uncached: TEX 1, no C/B");
        }

        [Test]
        public void Image_is_remapped_with_pages_text_rx_rodata_r_data_rw()
        {
            var f = new MmuFixture(withBootMappings: true);
            var layout = KernelImageLayout.Default(f.Phys.Config);
            Assert.That(new Pte1(L1(f, 0x400)).IsPageTable, Is.True);
            Assert.That(new Pte1(L1(f, 0x800)).IsPageTable, Is.True);
            var rwx = RegionFlags.PermRead | RegionFlags.PermWrite | RegionFlags.PermExecute;
            var text = RegionFlags.PermRead | RegionFlags.PermExecute;
            var rodata = RegionFlags.PermRead;
            var data = RegionFlags.PermRead | RegionFlags.PermWrite;
            foreach (var (window, cache) in new[] { (0x40000000u, RegionFlags.Cached), (0x80000000u, RegionFlags.Uncached) })
            {
                for (var va = 0x40000000u; va < 0x40100000; va += 0x1000)
                {
                    var flags = va < layout.TextStart ? rwx : va < layout.TextEnd ? text : va < layout.RodataEnd ? rodata : data;
                    var alias = va - 0x40000000 + window;
                    ExpectedAttributes.AssertTranslation(f.Walk(null, alias, AccessKind.Read, true), va, flags | cache, $"0x{alias:X8}");
                }
            }
            Assert.That(f.Walk(null, layout.TextStart, AccessKind.Fetch, true).IsFault, Is.False);
            Assert.That(f.Walk(null, layout.RodataStart, AccessKind.Write, true).Fault, Is.EqualTo(FaultStatus.PermissionFaultPage));
            Assert.That(f.Walk(null, layout.RamDataStart, AccessKind.Fetch, true).Fault, Is.EqualTo(FaultStatus.PermissionFaultPage));
            Assert.That(f.Walk(null, 0x40200000, AccessKind.Fetch, true).Fault, Is.EqualTo(FaultStatus.PermissionFaultSection));
            Assert.That(f.Walk(null, 0x40200000, AccessKind.Read, false).Fault, Is.EqualTo(FaultStatus.PermissionFaultSection), "kernel is priv only");
        }

        [Test]
        public void Boot_returns_the_kernel_space_regions_to_reserve_and_ends_with_tlbiall()
        {
            var f = new MmuFixture(withBootMappings: true);
            var layout = KernelImageLayout.Default(f.Phys.Config);
            Assert.That(f.Regions.Select(r => r.Name), Is.EqualTo(new[] { "kernel_text", "kernel_rodata", "kernel_data_bss", "kernel_heap" }));
            Assert.That(f.Regions[0].Va, Is.EqualTo(layout.TextStart));
            Assert.That(f.Regions[3].Va, Is.EqualTo(0x40100000u));
            Assert.That(f.Regions[3].Size, Is.EqualTo(0x03F00000u));
            f.Tlb.Verify(t => t.InvalidateAll(), Times.Once);
            Assert.That(f.Tlb.Invocations.Last().Method.Name, Is.EqualTo(nameof(HarmonyRenode.Core.Ports.ITlbMaintenance.InvalidateAll)));
            Assert.That(f.Log.Errors, Is.Empty);
        }

        [Test]
        public void Boot_takes_one_L2_page_per_window_from_the_allocator_onto_the_kernel_ptList()
        {
            var f = new MmuFixture();
            var free = f.Allocator.FreePageCount;
            BootMappings.Apply(f.Context, f.Kernel);
            Assert.That(f.Kernel.PtList.Count, Is.EqualTo(2));
            Assert.That(f.Allocator.FreePageCount, Is.EqualTo(free - 2));
        }
    }
}
