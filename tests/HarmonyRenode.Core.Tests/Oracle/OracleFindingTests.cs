using System.Linq;
using HarmonyRenode.Core.Oracle;
using NUnit.Framework;
using static HarmonyRenode.Core.Tests.Facade.ManagerFixture;

namespace HarmonyRenode.Core.Tests.Oracle
{
    /// <summary>Each finding of the oracle (always on, no address changed) with the sites of the block involved.</summary>
    public class OracleFindingTests
    {
        private const uint AllocLr = 0x40001000;
        private const uint FreeLr = 0x40002000;
        private const uint AgainLr = 0x40003000;

        private OracleFixture o;

        [SetUp]
        public void SetUp() => o = new OracleFixture();

        private uint Pool => o.Api.SystemPool;

        [Test]
        public void Double_free_names_the_allocation_and_the_first_free()
        {
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 40);
            Assert.That(o.From(FreeLr).LOS_MemFree(Pool, p), Is.EqualTo(LosReturn.Ok));
            Assert.That(o.Reported, Is.Empty);

            Assert.That(o.From(AgainLr).LOS_MemFree(Pool, p), Is.EqualTo(LosReturn.Nok), "the model's answer is unchanged");

            var f = o.Reported.Single();
            Assert.That(f.Kind, Is.EqualTo(FindingKind.DoubleFree));
            Assert.That((f.Address, f.Size, f.Pc.Pc, f.AllocSite.Pc, f.FreeSite.Pc), Is.EqualTo((p, 40u, AgainLr, AllocLr, FreeLr)));
            Assert.That((f.AllocApi, f.FreeApi, f.Api), Is.EqualTo(("LOS_MemAlloc", "LOS_MemFree", "LOS_MemFree")));
        }

        [Test]
        public void Free_of_a_pointer_never_allocated_is_an_invalid_free()
        {
            o.From(FreeLr).LOS_MemFree(Pool, 0x40000100);
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.Address, f.Pc.Pc), Is.EqualTo((FindingKind.InvalidFree, 0x40000100u, FreeLr)));
            Assert.That(f.AllocSite, Is.Null);
            Assert.That(f.Detail, Does.Contain("never allocated"));
        }

        [Test]
        public void Free_of_an_interior_pointer_names_the_block_it_points_into()
        {
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 64);
            Assert.That(o.From(FreeLr).LOS_MemFree(Pool, p + 8), Is.EqualTo(LosReturn.Nok));
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.BlockAddress, f.Size, f.AllocSite.Pc), Is.EqualTo((FindingKind.InvalidFree, (uint?)p, 64u, AllocLr)));
            Assert.That(f.Detail, Does.Contain("interior pointer: 8 bytes into a 64-byte live heap block"));
            Assert.That(o.From(FreeLr).LOS_MemFree(Pool, p), Is.EqualTo(LosReturn.Ok), "the block itself is still live");
            Assert.That(o.Reported, Has.Count.EqualTo(1));
        }

        [Test]
        public void Free_in_another_pool_is_an_invalid_free()
        {
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 16);
            Assert.That(o.From(FreeLr).LOS_MemFree(Pool + 0x100, p), Is.EqualTo(LosReturn.Nok));
            Assert.That(o.Reported.Single().Detail, Does.Contain($"wrong pool 0x{Pool + 0x100:x8}"));
        }

        [Test]
        public void LOS_MemFree_of_a_KernelMalloc_page_block_is_a_wrong_API_free()
        {
            var p = o.From(AllocLr).LOS_KernelMalloc(0x5000);
            Assert.That(o.From(FreeLr).LOS_MemFree(Pool, p), Is.EqualTo(LosReturn.Nok));
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.AllocApi, f.Api, f.AllocSite.Pc), Is.EqualTo((FindingKind.WrongApiFree, "LOS_KernelMalloc", "LOS_MemFree", AllocLr)));
            Assert.That(f.Detail, Does.Contain("page block"));
            o.From(FreeLr).LOS_KernelFree(p);
            Assert.That(o.Reported, Has.Count.EqualTo(1), "LOS_KernelFree is the right function");
        }

        [Test]
        public void LOS_VFree_of_heap_memory_is_a_wrong_API_free()
        {
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 100);
            o.From(FreeLr).LOS_VFree(p);
            Assert.That(o.Reported.Single().Kind, Is.EqualTo(FindingKind.WrongApiFree));
        }

        [Test]
        public void Small_KernelMalloc_blocks_may_be_freed_with_LOS_MemFree_as_in_LiteOS()
        {
            var p = o.From(AllocLr).LOS_KernelMalloc(100);
            Assert.That(o.From(FreeLr).LOS_MemFree(Pool, p), Is.EqualTo(LosReturn.Ok));
            Assert.That(o.Reported, Is.Empty);
        }

        [Test]
        public void A_write_over_the_next_header_is_a_heap_overflow_of_the_block_before_at_free()
        {
            var a = o.From(AllocLr).LOS_MemAlloc(Pool, 32);
            var b = o.From(AllocLr + 8).LOS_MemAlloc(Pool, 32);
            for (var at = a; at < b; at += 4)
            {
                o.F.Memory.WriteUInt32(o.F.Config.KernelVaToPa(at), 0xEEEEEEEE);
            }
            Assert.That(o.From(FreeLr).LOS_MemFree(Pool, b), Is.EqualTo(LosReturn.Nok));
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.BlockAddress, f.Size, f.AllocSite.Pc, f.Pc.Pc, f.IsWrite),
                Is.EqualTo((FindingKind.HeapOverflow, (uint?)a, 32u, AllocLr, FreeLr, (bool?)true)));
            Assert.That(f.Address, Is.InRange(b - 12, b - 1), "a word of b's node header");

            // The kernel's LOS_MemIntegrityCheck panics on the broken node; the oracle adds no second finding.
            Assert.Throws<KernelPanicException>(() => o.From(AgainLr).LOS_MemIntegrityCheck(Pool));
            o.Api.CheckAtExit();
            Assert.That(o.Reported, Has.Count.EqualTo(1), "one broken node, one finding");
        }

        [Test]
        public void A_header_overwrite_is_found_by_LOS_MemIntegrityCheck_and_at_exit()
        {
            var a = o.From(AllocLr).LOS_MemAlloc(Pool, 32);
            var b = o.From(AllocLr).LOS_MemAlloc(Pool, 32);
            var c = o.From(AllocLr).LOS_MemAlloc(Pool, 32);
            o.F.Memory.WriteUInt32(o.F.Config.KernelVaToPa(b - 4), 0x12345678);
            Assert.Throws<KernelPanicException>(() => o.From(AgainLr).LOS_MemIntegrityCheck(Pool), "the kernel's LOS_Panic");
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.BlockAddress, f.Api, f.Pc.Pc), Is.EqualTo((FindingKind.HeapOverflow, (uint?)a, "LOS_MemIntegrityCheck", AgainLr)));

            o.F.Memory.WriteUInt32(o.F.Config.KernelVaToPa(c - 4), 0x12345678);
            o.Api.CheckAtExit();
            Assert.That(o.Reported.Skip(1).Single().Api, Is.EqualTo("exit"));
            Assert.That(o.Reported.Skip(1).Single().BlockAddress, Is.EqualTo(b));
        }

        [Test]
        public void A_page_freed_twice_is_a_page_double_free()
        {
            var page = o.From(AllocLr).LOS_PhysPageAlloc();
            o.From(FreeLr).LOS_PhysPageFree(page);
            var free = o.F.Manager.Phys.FreePageCount;
            o.From(AgainLr).LOS_PhysPageFree(page);
            Assert.That(o.F.Manager.Phys.FreePageCount, Is.EqualTo(free), "the model still refuses it");
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.Address, f.AllocSite.Pc, f.FreeSite.Pc, f.Pc.Pc),
                Is.EqualTo((FindingKind.PageDoubleFree, page, AllocLr, FreeLr, AgainLr)));
        }

        [Test]
        public void Contiguous_pages_freed_twice_are_a_page_double_free()
        {
            var p = o.From(AllocLr).LOS_PhysPagesAllocContiguous(4);
            o.From(FreeLr).LOS_PhysPagesFreeContiguous(p, 4);
            o.From(AgainLr).LOS_PhysPagesFreeContiguous(p, 4);
            Assert.That(o.Reported.Single().Kind, Is.EqualTo(FindingKind.PageDoubleFree));
        }

        [Test]
        public void A_kernel_fault_in_a_freed_vmalloc_area_is_a_use_after_free_at_the_faulting_pc()
        {
            var v = o.From(AllocLr).LOS_VMalloc(3 * 4096);
            o.From(FreeLr).LOS_VFree(v);
            const uint pc = 0x40004444;
            var status = o.From(0x40005000, args: new[] { FsrTranslationPage | FsrWrite, v + 0x1010, pc, SvcCpsr })
                .OsArmSharedPageFault(false, FsrTranslationPage | FsrWrite, v + 0x1010, SvcCpsr);
            Assert.That(status, Is.Not.EqualTo(0), "still a kernel panic for the guest");
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.Address, f.Pc.Pc, f.Size, f.IsWrite, f.AllocSite.Pc, f.FreeSite.Pc),
                Is.EqualTo((FindingKind.UseAfterFree, v + 0x1010, pc, 3u * 4096, (bool?)true, AllocLr, FreeLr)));
        }

        [Test]
        public void A_user_fault_is_not_a_kernel_use_after_free()
        {
            var v = o.From(AllocLr).LOS_VMalloc(4096);
            o.From(FreeLr).LOS_VFree(v);
            o.From(0, args: new[] { FsrTranslationPage, v, 0x02000000u, UsrCpsr }).OsArmSharedPageFault(false, FsrTranslationPage, v, UsrCpsr);
            Assert.That(o.Reported, Is.Empty);
        }

        [Test]
        public void Call_sites_follow_the_frame_records()
        {
            // GCC's ARM frame: [fp] = saved lr, [fp - 4] = the caller's fp.
            const uint fp1 = 0x40F00100, fp2 = 0x40F00200;
            Write(fp1, 0x40006000);
            Write(fp1 - 4, fp2);
            Write(fp2, 0x40007000);
            Write(fp2 - 4, 0);
            var p = o.From(AllocLr, fp1, 0x40F00000).LOS_MemAlloc(Pool, 8);
            Assert.That(o.Oracle.LiveAt(p).AllocSite.Frames, Is.EqualTo(new[] { AllocLr, 0x40006000u, 0x40007000u }));
        }

        [Test]
        public void Call_sites_stop_at_a_frame_pointer_that_is_not_a_frame()
        {
            var p = o.From(AllocLr, 0x12345678, 0x40F00000).LOS_MemAlloc(Pool, 8);
            Assert.That(o.Oracle.LiveAt(p).AllocSite.Frames, Is.EqualTo(new[] { AllocLr }));
        }

        [Test]
        public void Leaks_are_grouped_by_site_biggest_first_and_a_mark_leaves_out_earlier_ones()
        {
            o.From(AllocLr).LOS_MemAlloc(Pool, 100);
            o.From(AllocLr).LOS_MemAlloc(Pool, 100);
            o.From(FreeLr).LOS_KernelMalloc(0x5000);
            var freed = o.From(AgainLr).LOS_MemAlloc(Pool, 10);
            o.From(AgainLr).LOS_MemFree(Pool, freed);

            var leaks = o.Oracle.Leaks();
            Assert.That(leaks.Select(l => (l.AllocSite.Pc, l.Count, l.Bytes)),
                Is.EqualTo(new[] { (FreeLr, 1, 0x5000UL), (AllocLr, 2, 200UL) }));

            o.Api.Mark();
            var late = o.From(AgainLr).LOS_VMalloc(4096);
            Assert.That(o.Oracle.Leaks().Select(l => (l.AllocSite.Pc, l.AllocApi, l.Addresses.Single())),
                Is.EqualTo(new[] { (AgainLr, "LOS_VMalloc", late) }));
            Assert.That(o.Oracle.Leaks(sinceMark: false), Has.Count.EqualTo(3));
        }

        [Test]
        public void Realloc_that_moves_the_block_frees_the_old_pointer()
        {
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 16);
            o.From(AllocLr).LOS_MemAlloc(Pool, 16); // keeps p from growing in place
            var q = o.From(FreeLr).LOS_MemRealloc(Pool, p, 4000);
            Assert.That(q, Is.Not.EqualTo(p));
            o.From(AgainLr).LOS_MemFree(Pool, p);
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.FreeApi, f.FreeSite.Pc), Is.EqualTo((FindingKind.DoubleFree, "LOS_MemRealloc", FreeLr)));
            Assert.That(o.Oracle.LiveAt(q).Size, Is.EqualTo(4000u));
        }

        [Test]
        public void Clear_findings_empties_the_list()
        {
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 16);
            o.From(FreeLr).LOS_MemFree(Pool, p);
            o.From(FreeLr).LOS_MemFree(Pool, p);
            Assert.That(o.Oracle.Findings, Has.Count.EqualTo(1));
            o.Oracle.ClearFindings();
            Assert.That(o.Oracle.Findings, Is.Empty);
        }

        private void Write(uint va, uint value) => o.F.Memory.WriteUInt32(o.F.Config.KernelVaToPa(va), value);
    }
}
