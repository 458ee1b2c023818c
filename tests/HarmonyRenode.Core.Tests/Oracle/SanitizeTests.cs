using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Oracle;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Oracle
{
    /// <summary>--sanitize: redzones after heap blocks and a poisoned quarantine of freed ones.</summary>
    public class SanitizeTests
    {
        private const uint AllocLr = 0x40001000;
        private const uint FreeLr = 0x40002000;
        private OracleFixture o;

        [SetUp]
        public void SetUp() => o = new OracleFixture(new OracleOptions { Sanitize = true, QuarantineBytes = 1024 });

        private uint Pool => o.Api.SystemPool;

        private void Poke(uint va, byte value) => o.F.Memory.Fill(o.F.Config.KernelVaToPa(va), 1, value);

        [Test]
        public void A_write_one_byte_past_the_block_is_a_redzone_overwrite_at_free()
        {
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 20);
            Poke(p + 20, 0x41);
            Assert.That(o.From(FreeLr).LOS_MemFree(Pool, p), Is.EqualTo(LosReturn.Ok));
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.Address, f.Size, f.AllocSite.Pc, f.IsWrite), Is.EqualTo((FindingKind.RedzoneOverwrite, p + 20, 20u, AllocLr, (bool?)true)));
            Assert.That((f.Api, f.Pc.Pc), Is.EqualTo(("LOS_MemFree", FreeLr)), "found in the free: its call site");
        }

        /// <summary>
        /// A kernel malloc just under KMALLOC_LARGE_SIZE grows past it with its redzone and gets pages; freed as a page
        /// block, its redzone must not be checked on the large block that takes the same pages next. The page
        /// quarantine would hold those pages (PageSanitizer), so here it holds nothing: they go back to the buddy
        /// allocator at the free, and the next 5-page block is the same one.
        /// </summary>
        [Test]
        public void A_page_block_that_reuses_a_freed_redzoned_block_address_has_no_redzone_to_check()
        {
            o = new OracleFixture(new OracleOptions { Sanitize = true, QuarantineBytes = 1024, PageQuarantineBytes = 0 });
            var small = o.From(AllocLr).LOS_KernelMalloc(0x4000 - 8);
            o.From(FreeLr).LOS_KernelFree(small);
            var large = o.From(AllocLr).LOS_KernelMalloc(0x4000 - 8 + 0x1000);
            Assert.That(large, Is.EqualTo(small), "the same pages again (setup)");
            Poke(large + 0x4000 - 8, 0x41); // inside the large block, where the old redzone was
            o.Api.CheckAtExit();
            Assert.That(o.Reported.Where(f => f.Kind == FindingKind.RedzoneOverwrite), Is.Empty);
        }

        [Test]
        public void A_redzone_overwrite_of_a_kernel_malloc_that_became_a_page_block_is_found_at_its_free()
        {
            var p = o.From(AllocLr).LOS_KernelMalloc(0x4000 - 8);
            Poke(p + 0x4000 - 8 + 3, 0x41);
            o.From(FreeLr).LOS_KernelFree(p);
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.Address, f.Api, f.Pc.Pc), Is.EqualTo((FindingKind.RedzoneOverwrite, p + 0x4000 - 8 + 3, "LOS_KernelFree", FreeLr)));
            o.Api.CheckAtExit();
            Assert.That(o.Reported, Has.Count.EqualTo(1), "checked once, at the free: the held pages have no redzone any more");
        }

        /// <summary>LOS_KernelRealloc keeps a heap node in the heap whatever the new size (los_vm_map.c: LOS_MemRealloc).</summary>
        [Test]
        public void A_kernel_realloc_of_a_heap_block_to_a_large_size_stays_in_the_heap()
        {
            var p = o.From(AllocLr).LOS_KernelMalloc(100);
            var free = o.F.Manager.Phys.FreePageCount;
            var q = o.From(AllocLr).LOS_KernelRealloc(p, 0x5000);
            Assert.That(o.F.Manager.Heap.OsMemIsHeapNode(q), Is.True);
            o.From(FreeLr).LOS_KernelFree(q);
            for (var i = 0; i < 20; i++)
            {
                o.From(AllocLr + 4).LOS_MemFree(Pool, o.From(AllocLr + 4).LOS_MemAlloc(Pool, 1000)); // pushes q out of the quarantine
            }
            Assert.That(o.F.Manager.Phys.FreePageCount, Is.EqualTo(free), "no pages taken and none leaked");
            Assert.That(o.F.Manager.CheckInvariants().Select(v => v.ToString()), Is.Empty);
        }

        [Test]
        public void A_redzone_overwrite_of_a_live_block_is_found_at_exit()
        {
            var p = o.From(AllocLr).LOS_KernelMalloc(100);
            Poke(p + 110, 0);
            o.Api.CheckAtExit();
            Assert.That(o.Reported.Single().Address, Is.EqualTo(p + 110));
        }

        [Test]
        public void A_freed_block_is_held_back_so_the_next_allocation_gets_other_memory()
        {
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 64);
            o.From(FreeLr).LOS_MemFree(Pool, p);
            Assert.That(o.From(AllocLr).LOS_MemAlloc(Pool, 64), Is.Not.EqualTo(p));
            var bare = new Facade.ManagerFixture().Api;
            var q = bare.LOS_MemAlloc(bare.SystemPool, 64);
            bare.LOS_MemFree(bare.SystemPool, q);
            Assert.That(bare.LOS_MemAlloc(bare.SystemPool, 64), Is.EqualTo(q), "without --sanitize LiteOS-A reuses it at once");
        }

        [Test]
        public void A_write_into_a_quarantined_block_is_a_use_after_free_when_it_leaves_the_quarantine()
        {
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 64);
            o.From(FreeLr).LOS_MemFree(Pool, p);
            Poke(p + 5, 0x00);
            Assert.That(o.Reported, Is.Empty);
            for (var i = 0; i < 20; i++)
            {
                o.From(AllocLr + 4).LOS_MemFree(Pool, o.From(AllocLr + 4).LOS_MemAlloc(Pool, 100));
            }
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.Address, f.Size, f.AllocSite.Pc, f.FreeSite.Pc, f.Api),
                Is.EqualTo((FindingKind.UseAfterFree, p + 5, 64u, AllocLr, FreeLr, "quarantine release")));
        }

        [Test]
        public void A_write_into_a_quarantined_block_is_found_at_exit()
        {
            var p = o.From(AllocLr).LOS_KernelMalloc(32);
            o.From(FreeLr).LOS_KernelFree(p);
            Poke(p, 0x12);
            o.Api.CheckAtExit();
            Assert.That(o.Reported.Single().Kind, Is.EqualTo(FindingKind.UseAfterFree));
        }

        [Test]
        public void A_double_free_of_a_quarantined_block_is_refused_and_reported()
        {
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 64);
            o.From(FreeLr).LOS_MemFree(Pool, p);
            var used = o.Api.LOS_MemTotalUsedGet(Pool);
            Assert.That(o.From(FreeLr + 4).LOS_MemFree(Pool, p), Is.EqualTo(LosReturn.Nok));
            Assert.That(o.Api.LOS_MemTotalUsedGet(Pool), Is.EqualTo(used));
            Assert.That(o.Reported.Single().Kind, Is.EqualTo(FindingKind.DoubleFree));
        }

        [Test]
        public void Realloc_keeps_the_contents_and_quarantines_the_old_block()
        {
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 16);
            o.F.Memory.WriteUInt32(o.F.Config.KernelVaToPa(p), 0xCAFEF00D);
            var q = o.From(FreeLr).LOS_MemRealloc(Pool, p, 32);
            Assert.That(q, Is.Not.EqualTo(p));
            Assert.That(o.F.Memory.ReadUInt32(o.F.Config.KernelVaToPa(q)), Is.EqualTo(0xCAFEF00D));
            o.F.Memory.WriteUInt32(o.F.Config.KernelVaToPa(p), 1);
            o.Api.CheckAtExit();
            Assert.That(o.Reported.Single().FreeApi, Is.EqualTo("LOS_MemRealloc"));
        }
    }
}
