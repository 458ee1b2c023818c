using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Oracle;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Facade
{
    /// <summary>LOS_DmaMemAlloc / LOS_DmaMemFree / LOS_DmaVaddrToPaddr (los_vm_iomap.c) over the model's kernel allocations.</summary>
    public class DmaMemTests
    {
        [Test]
        public void A_cached_buffer_is_a_kernel_allocation_and_its_DMA_address_is_LOS_PaddrQuerys()
        {
            var f = new ManagerFixture();
            var m = f.Api;

            var small = m.LOS_DmaMemAlloc(0x100, 64, (uint)HarmonyRenode.Core.Vm.DmaMemType.DmaCache, out var smallPa);
            var large = m.LOS_DmaMemAlloc(0x5000, 64, (uint)HarmonyRenode.Core.Vm.DmaMemType.DmaCache, out var largePa);

            Assert.That(m.Model.Heap.OsMemIsHeapNode(small), Is.True, "below 16 KiB: LOS_KernelMallocAlign takes it from the heap");
            Assert.That(m.Model.Heap.OsMemIsHeapNode(large), Is.False, "16 KiB and more: contiguous pages");
            Assert.That(smallPa, Is.EqualTo(f.Config.KernelVaToPa(small)));
            Assert.That(largePa, Is.EqualTo(f.Config.KernelVaToPa(large)));
            Assert.That(m.LOS_DmaVaddrToPaddr(large + 0x4FFF), Is.EqualTo(largePa + 0x4FFF));
            m.LOS_DmaMemFree(small);
            m.LOS_DmaMemFree(large);
            Assert.That(m.LOS_MemTotalUsedGet(m.SystemPool), Is.EqualTo(new ManagerFixture().Api.LOS_MemTotalUsedGet(m.SystemPool)));
            Assert.That(m.Model.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void An_uncached_buffer_is_the_same_memory_through_the_uncached_alias_which_LOS_DmaVaddrToPaddr_does_not_know()
        {
            var f = new ManagerFixture();
            var m = f.Api;
            var freeBefore = m.Model.Phys.FreePageCount;

            var cached = m.LOS_KernelMallocAlign(0x800, 64);
            m.LOS_KernelFree(cached);
            var uncached = m.LOS_DmaMemAlloc(0x800, 64, (uint)HarmonyRenode.Core.Vm.DmaMemType.DmaNoCache, out var pa);

            Assert.That(uncached, Is.EqualTo(cached + 0x40000000), "VMM_TO_UNCACHED_ADDR of the block LOS_KernelMallocAlign gives");
            Assert.That(pa, Is.EqualTo(f.Config.KernelVaToPa(cached)));
            Assert.That(m.LOS_DmaVaddrToPaddr(uncached), Is.Zero);
            Assert.That(f.Log.Errors, Is.EqualTo(new[] { "[ERR]LOS_PaddrQuery vaddr is beyond range" }));
            Assert.That(m.LOS_DmaVaddrToPaddr(cached), Is.EqualTo(pa));

            m.LOS_DmaMemFree(uncached);

            Assert.That(m.LOS_KernelMallocAlign(0x800, 64), Is.EqualTo(cached), "freed through its kernel address");
            Assert.That(m.Model.Phys.FreePageCount, Is.EqualTo(freeBefore));
        }

        [Test]
        public void Size_0_and_an_unknown_type_give_NULL_and_a_free_outside_the_DMA_area_one_line()
        {
            var f = new ManagerFixture();
            var m = f.Api;
            var used = m.LOS_MemTotalUsedGet(m.SystemPool);

            Assert.That(m.LOS_DmaMemAlloc(0, 64, (uint)HarmonyRenode.Core.Vm.DmaMemType.DmaCache, out _), Is.Zero);
            Assert.That(m.LOS_DmaMemAlloc(64, 64, 2, out _), Is.Zero);
            Assert.That(m.LOS_DmaMemAlloc(0x7FFFFFFF, 64, (uint)HarmonyRenode.Core.Vm.DmaMemType.DmaCache, out _), Is.Zero);
            m.LOS_DmaMemFree(0);
            m.LOS_DmaMemFree(0xD1000000);

            // (the kernel-malloc refusal of the huge size adds its own line before LOS_DmaMemAlloc's)
            Assert.That(f.Log.Errors.First(), Is.EqualTo("[ERR]LOS_DmaMemAlloc The dma type = 2 is not supported!"));
            Assert.That(f.Log.Errors, Does.Contain("[ERR]LOS_DmaMemAlloc failed, size = 2147483647, align = 64"));
            Assert.That(f.Log.Errors.Last(), Is.EqualTo("[ERR]LOS_DmaMemFree addr 0xd1000000 not in dma area!!!"));
            Assert.That(m.LOS_MemTotalUsedGet(m.SystemPool), Is.EqualTo(used));
        }

        [Test]
        public void The_oracle_follows_a_DMA_buffer_as_the_kernel_allocation_it_is()
        {
            var f = new ManagerFixture();
            var oracle = new MemoryOracle(new OracleOptions());
            var api = new OracleMemoryApi(f.Manager, oracle, null);

            var leaked = api.LOS_DmaMemAlloc(0x100, 64, (uint)HarmonyRenode.Core.Vm.DmaMemType.DmaNoCache, out _);
            var freed = api.LOS_DmaMemAlloc(0x100, 64, (uint)HarmonyRenode.Core.Vm.DmaMemType.DmaCache, out _);
            api.LOS_DmaMemFree(freed);
            api.LOS_DmaMemFree(freed);

            Assert.That(oracle.Findings, Has.Count.EqualTo(1));
            Assert.That(oracle.Findings[0].Kind, Is.EqualTo(FindingKind.DoubleFree));
            Assert.That(oracle.LiveAt(leaked - 0x40000000), Is.Not.Null, "tracked at its kernel address");
        }
    }
}
