using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Mmu.Walk;
using HarmonyRenode.Core.Oracle;
using HarmonyRenode.Core.Tests.Facade;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Oracle
{
    /// <summary>
    /// --sanitize for page-granular memory: freed page blocks, contiguous pages, single pages and vmalloc areas unmapped and held
    /// in a quarantine of VA, sampled heap blocks on their own page before a guard page; an access faults in the
    /// guest's real tables and the abort becomes a finding at its PC.
    /// </summary>
    public class PageSanitizeTests
    {
        private const uint AllocLr = 0x40001000;
        private const uint FreeLr = 0x40002000;
        private const uint FaultPc = 0x40003000;
        private const uint Str = 0xE5801000;   // str r1, [r0]
        private const uint Ldrb = 0xE5D01000;  // ldrb r1, [r0]
        private OracleFixture o;

        [SetUp]
        public void SetUp() => o = Sanitizing(sample: 0);

        private static OracleFixture Sanitizing(uint sample, uint quarantine = 256 * 1024) =>
            new OracleFixture(new OracleOptions { Sanitize = true, SampleInterval = sample, PageQuarantineBytes = quarantine });

        private uint Pool => o.Api.SystemPool;

        private bool Faults(uint va)
        {
            var r = o.F.Manager.Mmu.RegistersFor(null);
            return new TranslationWalker(o.F.Memory).Walk(r, va, AccessKind.Read, privileged: true).IsFault;
        }

        /// <summary>The guest's kernel-mode data abort at <paramref name="far"/>, taken by the instruction at FaultPc.</summary>
        private int Abort(uint far, bool write, uint instruction)
        {
            o.F.Memory.WriteUInt32(o.F.Config.KernelVaToPa(FaultPc), instruction);
            var fsr = ManagerFixture.FsrTranslationPage | (write ? ManagerFixture.FsrWrite : 0);
            o.From(0x40000200, 0, 0, fsr, far, FaultPc, ManagerFixture.SvcCpsr);
            return o.Api.OsArmSharedPageFault(false, fsr, far, ManagerFixture.SvcCpsr);
        }

        private void NoViolations() => Assert.That(o.F.Manager.CheckInvariants().Select(v => v.ToString()), Is.Empty);

        [Test]
        public void A_write_into_a_freed_page_block_faults_and_is_a_use_after_free_at_the_writing_PC()
        {
            var p = o.From(AllocLr).LOS_KernelMalloc(64 * 1024);
            Assert.That(Faults(p + 0x1004), Is.False);
            o.From(FreeLr).LOS_KernelFree(p);
            Assert.That(Enumerable.Range(0, 16).All(i => Faults(p + (uint)i * 0x1000)), "all 16 pages out of the linear map");
            NoViolations();

            Assert.That(Abort(p + 0x1004, write: true, Str), Is.EqualTo(0), "reported, then retried: LiteOS-A had the page mapped");

            var f = o.Reported.Single();
            Assert.That((f.Kind, f.Address, f.BlockAddress, f.Size, f.Pc.Pc, f.IsWrite, f.AccessSize),
                Is.EqualTo((FindingKind.UseAfterFree, p + 0x1004, (uint?)p, 64u * 1024, FaultPc, (bool?)true, (uint?)4)));
            Assert.That((f.AllocSite.Pc, f.AllocApi, f.FreeSite.Pc, f.FreeApi), Is.EqualTo((AllocLr, "LOS_KernelMalloc", FreeLr, "LOS_KernelFree")));
            Assert.That(f.Detail, Is.EqualTo("4100 bytes into a freed 65536-byte page block"));
            Assert.That(Faults(p + 0x1004), Is.False, "that page is back");
            Assert.That(Faults(p + 0x2000), Is.True, "the others are still out");
            NoViolations();
        }

        [Test]
        public void A_freed_page_block_keeps_its_VA_until_it_leaves_the_quarantine_and_the_linear_map_is_whole_again()
        {
            o = Sanitizing(sample: 0, quarantine: 128 * 1024);
            var kernel = o.F.Manager.Vm.Spaces.KernelSpace.ArchMmu;
            var p = o.From(AllocLr).LOS_KernelMalloc(64 * 1024);
            o.From(FreeLr).LOS_KernelFree(p);
            var q = o.From(AllocLr).LOS_KernelMalloc(64 * 1024);
            Assert.That(q, Is.Not.EqualTo(p), "held back");
            var bare = new ManagerFixture().Manager;
            var b = bare.LOS_KernelMalloc(64 * 1024);
            bare.LOS_KernelFree(b);
            Assert.That(bare.LOS_KernelMalloc(64 * 1024), Is.EqualTo(b), "without --sanitize LiteOS-A hands the pages out again at once");

            o.From(FreeLr).LOS_KernelFree(q);
            Assert.That(Faults(p) && Faults(q), "128 KiB held: the bound, not above it");
            var r = o.From(AllocLr).LOS_KernelMalloc(64 * 1024);
            Assert.That(new[] { p, q }, Does.Not.Contain(r));
            o.From(FreeLr).LOS_KernelFree(r);
            Assert.That(Faults(p), Is.False, "192 KiB: the oldest, p, left the quarantine and is mapped again");
            Assert.That(Faults(q) && Faults(r));
            o.From(AllocLr).LOS_KernelFree(o.From(AllocLr).LOS_KernelMalloc(100 * 1024)); // 100 KiB: pushes q and r out
            Assert.That(kernel.LinearMapHoles.Count(h => !VmIomap.IsUncachedAddr(h)), Is.EqualTo(25), "only the last block is held");
            Assert.That(kernel.LinearMapHoles.Count(VmIomap.IsUncachedAddr), Is.EqualTo(25), "and its uncached alias");
            Assert.That(o.Reported, Is.Empty);
            NoViolations();
        }

        [Test]
        public void When_everything_left_the_quarantine_the_sections_and_the_free_pages_are_as_before()
        {
            o = Sanitizing(sample: 0, quarantine: 64 * 1024);
            var kernel = o.F.Manager.Vm.Spaces.KernelSpace.ArchMmu;
            var tables = kernel.PtList.Count;
            var free = o.F.Manager.Phys.FreePageCount;
            var p = o.From(AllocLr).LOS_KernelMalloc(64 * 1024);
            o.From(FreeLr).LOS_KernelFree(p);
            Assert.That(o.F.Manager.Phys.FreePageCount, Is.LessThanOrEqualTo(free - 16), "held: 16 pages (and an L2 table page unless a sibling's is shared)");
            o.From(FreeLr).LOS_PhysPagesFreeContiguous(o.From(AllocLr).LOS_PhysPagesAllocContiguous(17), 17); // 68 KiB > 64 KiB: both leave
            Assert.That(kernel.LinearMapHoles, Is.Empty);
            Assert.That(kernel.SplitSections, Is.Empty);
            Assert.That((kernel.PtList.Count, o.F.Manager.Phys.FreePageCount), Is.EqualTo((tables, free)));
            NoViolations();
        }

        [Test]
        public void Without_sanitize_a_freed_page_block_stays_mapped_as_in_LiteOS_A()
        {
            var plain = new OracleFixture();
            var p = plain.From(AllocLr).LOS_KernelMalloc(64 * 1024);
            plain.From(FreeLr).LOS_KernelFree(p);
            Assert.That(plain.F.Manager.Vm.Spaces.KernelSpace.ArchMmu.LinearMapHoles, Is.Empty);
            Assert.That(new Pte1(plain.F.Manager.Vm.Spaces.KernelSpace.ArchMmu.L1Entry(p >> 20)).IsSection);
        }

        /// <summary>LOS_PhysPageAlloc's page: the LosVmPage pointer the guest gets, and the kernel VA it uses the page at.</summary>
        private (uint Page, uint Kva) SinglePage()
        {
            var page = o.From(AllocLr).LOS_PhysPageAlloc();
            var item = o.Api.Bare.PageOf(page);
            Assert.That(item, Is.Not.Null);
            return (page, o.F.Config.PaToKernelVa(item!.PhysAddr));
        }

        [Test]
        public void A_write_into_a_freed_single_page_faults_and_is_a_use_after_free_at_the_writing_PC()
        {
            var (page, kva) = SinglePage();
            Assert.That(Faults(kva), Is.False);
            var free = o.F.Manager.Phys.FreePageCount;
            o.From(FreeLr).LOS_PhysPageFree(page);
            Assert.That(Faults(kva), Is.True, "out of the linear map");
            Assert.That(o.F.Manager.Phys.IsFree(o.Api.Bare.PageOf(page)!), Is.False, "held: not the allocator's yet");
            Assert.That(o.F.Manager.Phys.FreePageCount, Is.LessThanOrEqualTo(free));
            NoViolations();

            Assert.That(Abort(kva + 8, write: true, Str), Is.EqualTo(0), "reported, then retried: LiteOS-A had the page mapped");

            var f = o.Reported.Single();
            Assert.That((f.Kind, f.Address, f.BlockAddress, f.Size, f.Pc.Pc, f.IsWrite, f.AccessSize),
                Is.EqualTo((FindingKind.UseAfterFree, kva + 8, (uint?)page, 4096u, FaultPc, (bool?)true, (uint?)4)));
            Assert.That((f.AllocSite.Pc, f.AllocApi, f.FreeSite.Pc, f.FreeApi), Is.EqualTo((AllocLr, "LOS_PhysPageAlloc", FreeLr, "LOS_PhysPageFree")));
            Assert.That(f.Detail, Is.EqualTo("8 bytes into a freed 4096-byte page"));
            NoViolations();
        }

        [Test]
        public void A_single_page_freed_twice_while_held_is_a_page_double_free_and_the_model_frees_nothing()
        {
            var (page, kva) = SinglePage();
            o.From(FreeLr).LOS_PhysPageFree(page);
            var free = o.F.Manager.Phys.FreePageCount;
            o.From(FreeLr + 4).LOS_PhysPageFree(page);
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.Address, f.FreeSite.Pc, f.FreeApi, f.Pc.Pc), Is.EqualTo((FindingKind.PageDoubleFree, page, FreeLr, "LOS_PhysPageFree", FreeLr + 4)));
            Assert.That(o.F.Manager.Phys.FreePageCount, Is.EqualTo(free), "the model frees nothing");
            Assert.That(Faults(kva), Is.True, "still held");
            NoViolations();
        }

        [Test]
        public void A_single_page_leaves_the_quarantine_freed_by_the_model_and_mapped_again()
        {
            o = Sanitizing(sample: 0, quarantine: 4096);
            var (first, firstKva) = SinglePage();
            var (second, secondKva) = SinglePage();
            o.From(FreeLr).LOS_PhysPageFree(first);
            Assert.That(o.F.Manager.Phys.IsFree(o.Api.Bare.PageOf(first)!), Is.False, "4 KiB held: the bound, not above it");
            o.From(FreeLr).LOS_PhysPageFree(second);
            Assert.That(o.F.Manager.Phys.IsFree(o.Api.Bare.PageOf(first)!), Is.True, "8 KiB: the first page left and the model freed it");
            Assert.That(Faults(firstKva), Is.False);
            Assert.That(Faults(secondKva), Is.True);
            Assert.That(o.Reported, Is.Empty);
            NoViolations();
        }

        /// <summary>An empty LOS_DL_LIST in the heap (LOS_ListInit), for LOS_PhysPagesAlloc/Free.</summary>
        private uint GuestList()
        {
            var list = o.Api.LOS_MemAlloc(Pool, 8);
            o.F.Memory.WriteUInt32(o.F.Config.KernelVaToPa(list), list);
            o.F.Memory.WriteUInt32(o.F.Config.KernelVaToPa(list + 4), list);
            return list;
        }

        [Test]
        public void Pages_freed_as_a_list_are_unlinked_and_held_and_a_write_into_one_is_a_use_after_free()
        {
            var list = GuestList();
            Assert.That(o.From(AllocLr).LOS_PhysPagesAlloc(2, list), Is.EqualTo(2u));
            var first = o.F.Memory.ReadUInt32(o.F.Config.KernelVaToPa(list + 4));
            var second = o.F.Memory.ReadUInt32(o.F.Config.KernelVaToPa(first + 4));
            var kva = o.F.Config.PaToKernelVa(o.Api.Bare.PageOf(second)!.PhysAddr);

            Assert.That(o.From(FreeLr).LOS_PhysPagesFree(list), Is.EqualTo(2u));
            Assert.That(o.F.Memory.ReadUInt32(o.F.Config.KernelVaToPa(list + 4)), Is.EqualTo(list), "the list is empty, as LOS_PhysPagesFree leaves it");
            Assert.That(new[] { first, second }.Select(p => o.F.Manager.Phys.IsFree(o.Api.Bare.PageOf(p)!)), Has.All.False, "both held");
            Assert.That(Faults(kva), Is.True);
            NoViolations();

            Assert.That(Abort(kva + 0x40, write: true, Str), Is.EqualTo(0));
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.BlockAddress, f.AllocApi, f.FreeApi, f.Detail),
                Is.EqualTo((FindingKind.UseAfterFree, (uint?)second, "LOS_PhysPagesAlloc", "LOS_PhysPagesFree", "64 bytes into a freed 4096-byte page")));
            NoViolations();
        }

        [Test]
        public void Pages_freed_as_a_list_leave_the_quarantine_freed_by_the_model()
        {
            o = Sanitizing(sample: 0, quarantine: 4096);
            var list = GuestList();
            o.From(AllocLr).LOS_PhysPagesAlloc(2, list);
            var first = o.F.Memory.ReadUInt32(o.F.Config.KernelVaToPa(list + 4));
            var second = o.F.Memory.ReadUInt32(o.F.Config.KernelVaToPa(first + 4));
            o.From(FreeLr).LOS_PhysPagesFree(list);
            Assert.That(o.F.Manager.Phys.IsFree(o.Api.Bare.PageOf(first)!), Is.True, "8 KiB held: the first left and the model freed it");
            Assert.That(o.F.Manager.Phys.IsFree(o.Api.Bare.PageOf(second)!), Is.False);
            Assert.That(o.Reported, Is.Empty);
            NoViolations();
        }

        [Test]
        public void A_page_block_moved_by_LOS_KernelRealloc_is_held_and_a_read_of_the_old_one_is_a_use_after_free()
        {
            var p = o.From(AllocLr).LOS_KernelMalloc(64 * 1024);
            o.F.Memory.WriteUInt32(o.F.Config.KernelVaToPa(p + 0x2000), 0x600DF00D);
            var q = o.From(FreeLr).LOS_KernelRealloc(p, 128 * 1024);
            Assert.That(q, Is.Not.EqualTo(p).And.Not.Zero, "moved: a page block cannot grow in place");
            Assert.That(o.F.Memory.ReadUInt32(o.F.Config.KernelVaToPa(q + 0x2000)), Is.EqualTo(0x600DF00Du), "copied");
            Assert.That(Enumerable.Range(0, 16).All(i => Faults(p + (uint)i * 0x1000)), "the old block's pages are out");
            Assert.That(Faults(q), Is.False);
            NoViolations();

            Assert.That(Abort(p + 0x2000, write: false, Ldrb), Is.EqualTo(0));
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.BlockAddress, f.FreeApi, f.FreeSite.Pc, f.Detail),
                Is.EqualTo((FindingKind.UseAfterFree, (uint?)p, "LOS_KernelRealloc", FreeLr, "8192 bytes into a freed 65536-byte page block")));
            o.From(FreeLr).LOS_KernelFree(q);
            Assert.That(o.Reported, Has.Count.EqualTo(1), "the new block is freed once, cleanly");
            NoViolations();
        }

        [Test]
        public void A_page_with_a_second_reference_is_not_freed_so_not_held()
        {
            var (page, kva) = SinglePage();
            o.Api.Bare.PageOf(page)!.RefCounts = 2; // e.g. mapped twice (LOS_ArchMmuMap does not count; the fault paths do)
            o.From(FreeLr).LOS_PhysPageFree(page);
            Assert.That(Faults(kva), Is.False, "one reference left: the page is in use");
            Assert.That(o.Api.Bare.PageOf(page)!.RefCounts, Is.EqualTo(1));
            NoViolations();
        }

        [Test]
        public void A_read_of_a_freed_uncached_DMA_buffer_through_its_alias_faults_and_is_a_use_after_free()
        {
            var buffer = o.From(AllocLr).LOS_DmaMemAlloc(0x5000, 64, (uint)DmaMemType.DmaNoCache, out _);
            Assert.That(VmIomap.IsUncachedAddr(buffer), Is.True, "DMA_NOCACHE: the uncached alias");
            var kva = VmIomap.UncachedToVmmAddr(buffer);
            Assert.That(Faults(buffer + 0x1010), Is.False);
            o.From(FreeLr).LOS_DmaMemFree(buffer);
            Assert.That(Faults(buffer + 0x1010) && Faults(kva + 0x1010), "both ways into the freed pages are out");
            NoViolations();

            Assert.That(Abort(buffer + 0x1010, write: false, Ldrb), Is.EqualTo(0), "reported, then retried");

            var f = o.Reported.Single();
            Assert.That((f.Kind, f.Address, f.BlockAddress, f.IsWrite, f.AccessSize),
                Is.EqualTo((FindingKind.UseAfterFree, buffer + 0x1010, (uint?)kva, (bool?)false, (uint?)1)));
            Assert.That(f.Detail, Is.EqualTo("4112 bytes into a freed 20480-byte page block, through its uncached alias"));
            Assert.That((f.AllocApi, f.FreeApi), Is.EqualTo(("LOS_DmaMemAlloc", "LOS_DmaMemFree")));
            Assert.That(Faults(buffer + 0x1010), Is.False, "that alias page is back");
            Assert.That(Faults(kva + 0x1010), Is.True, "its kernel-window page is still out");
            NoViolations();
        }

        [Test]
        public void When_a_held_block_leaves_the_quarantine_its_uncached_alias_is_whole_again()
        {
            o = Sanitizing(sample: 0, quarantine: 16 * 1024);
            var kernel = o.F.Manager.Vm.Spaces.KernelSpace.ArchMmu;
            var p = o.From(AllocLr).LOS_PhysPagesAllocContiguous(4);
            o.From(FreeLr).LOS_PhysPagesFreeContiguous(p, 4);
            Assert.That(Faults(VmIomap.VmmToUncachedAddr(p)), Is.True);
            o.From(FreeLr).LOS_PhysPagesFreeContiguous(o.From(AllocLr).LOS_PhysPagesAllocContiguous(5), 5); // pushes both out
            Assert.That(Faults(VmIomap.VmmToUncachedAddr(p)), Is.False);
            Assert.That((kernel.LinearMapHoles.Count, kernel.SplitSections.Count), Is.EqualTo((0, 0)));
            NoViolations();
        }

        [Test]
        public void Contiguous_pages_freed_twice_while_held_are_a_page_double_free_and_stay_held()
        {
            var p = o.From(AllocLr).LOS_PhysPagesAllocContiguous(3);
            o.From(FreeLr).LOS_PhysPagesFreeContiguous(p, 3);
            Assert.That(Faults(p) && Faults(p + 0x2000));
            var free = o.F.Manager.Phys.FreePageCount;
            o.From(FreeLr + 4).LOS_PhysPagesFreeContiguous(p, 3);
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.FreeSite.Pc, f.Pc.Pc), Is.EqualTo((FindingKind.PageDoubleFree, FreeLr, FreeLr + 4)));
            Assert.That(o.F.Manager.Phys.FreePageCount, Is.EqualTo(free), "the model frees nothing");
            Assert.That(Abort(p + 0x2010, write: false, Ldrb), Is.EqualTo(0));
            Assert.That((o.Reported.Last().Kind, o.Reported.Last().IsWrite, o.Reported.Last().AccessSize),
                Is.EqualTo((FindingKind.UseAfterFree, (bool?)false, (uint?)1)));
            NoViolations();
        }

        [Test]
        public void A_freed_vmalloc_area_keeps_its_VA_and_an_access_is_still_a_kernel_fault()
        {
            var v = o.From(AllocLr).LOS_VMalloc(0x3000);
            o.From(FreeLr).LOS_VFree(v);
            var w = o.From(AllocLr).LOS_VMalloc(0x3000);
            Assert.That(w, Is.Not.EqualTo(v));
            var bare = new ManagerFixture().Manager;
            var b = bare.LOS_VMalloc(0x3000);
            bare.LOS_VFree(b);
            Assert.That(bare.LOS_VMalloc(0x3000), Is.EqualTo(b), "LiteOS-A: first fit, the same VA");

            Assert.That(Abort(v + 8, write: true, Str), Is.Not.EqualTo(0), "freed in LiteOS-A too: the kernel panics");
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.BlockAddress, f.FreeSite.Pc), Is.EqualTo((FindingKind.UseAfterFree, (uint?)v, FreeLr)));
            o.From(FreeLr + 4).LOS_VFree(v);
            Assert.That(o.Reported.Last().Kind, Is.EqualTo(FindingKind.DoubleFree));
            Assert.That(o.F.Api.LOS_RegionFind(o.F.Api.LOS_GetVmallocSpace(), v), Is.Not.EqualTo(0u), "the placeholder still keeps the VA");
            NoViolations();
        }

        [Test]
        public void A_sampled_block_ends_at_its_page_end_and_an_overflow_faults_on_the_guard_page_at_its_PC()
        {
            o = Sanitizing(sample: 1);
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 40);
            Assert.That((p + 40) % 0x1000, Is.EqualTo(0u), "the object's end is the page's");
            Assert.That(Faults(p + 40), Is.True, "the guard page");
            Assert.That(Faults(p), Is.False);
            NoViolations();

            Assert.That(Abort(p + 40, write: true, 0xE5C01000 /* strb r1, [r0] */), Is.EqualTo(0));

            var f = o.Reported.Single();
            Assert.That((f.Kind, f.Address, f.BlockAddress, f.Size, f.Pc.Pc, f.IsWrite, f.AccessSize, f.AllocSite.Pc),
                Is.EqualTo((FindingKind.OutOfBounds, p + 40, (uint?)p, 40u, FaultPc, (bool?)true, (uint?)1, AllocLr)));
            Assert.That(FindingText.Name(f.Kind), Is.EqualTo("out-of-bounds"));
            Assert.That(o.From(FreeLr).LOS_MemFree(Pool, p), Is.EqualTo(LosReturn.Ok));
            NoViolations();
        }

        [Test]
        public void A_write_into_a_freed_sampled_block_is_a_use_after_free_at_the_writing_PC()
        {
            o = Sanitizing(sample: 1);
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 64);
            o.From(FreeLr).LOS_MemFree(Pool, p);
            Assert.That(Faults(p), Is.True);
            Assert.That(Abort(p + 8, write: true, Str), Is.EqualTo(0));
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.Pc.Pc, f.AllocSite.Pc, f.FreeSite.Pc, f.Detail),
                Is.EqualTo((FindingKind.UseAfterFree, FaultPc, AllocLr, FreeLr, "8 bytes into a freed 64-byte heap block")));
            Assert.That(o.From(FreeLr + 4).LOS_MemFree(Pool, p), Is.EqualTo(LosReturn.Nok), "a double free the pool would refuse");
            NoViolations();
        }

        [Test]
        public void The_bytes_around_a_sampled_block_on_its_page_are_checked_at_free()
        {
            o = Sanitizing(sample: 1);
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 41);
            Assert.That(0x1000 - p % 0x1000, Is.EqualTo(44u), "aligned down to the pool's 4 bytes");
            o.F.Memory.Fill(o.F.Config.KernelVaToPa(p + 42), 1, 0);
            o.From(FreeLr).LOS_MemFree(Pool, p);
            var f = o.Reported.Single();
            Assert.That((f.Kind, f.Address, f.Detail), Is.EqualTo((FindingKind.RedzoneOverwrite, p + 42, "1 bytes after the 41-byte block (sampled: its page's canary)")));
            Assert.That((f.Api, f.Pc.Pc), Is.EqualTo(("LOS_MemFree", FreeLr)));

            var q = o.From(AllocLr).LOS_KernelMalloc(100);
            o.F.Memory.Fill(o.F.Config.KernelVaToPa(q - 3), 1, 0);
            o.Api.CheckAtExit();
            Assert.That(o.Reported.Last().Detail, Is.EqualTo("3 bytes before the 100-byte block (sampled: its page's canary)"));
        }

        [Test]
        public void Every_Nth_heap_allocation_is_sampled_and_the_others_stay_in_the_pool()
        {
            o = Sanitizing(sample: 3);
            var blocks = Enumerable.Range(0, 6).Select(_ => o.From(AllocLr).LOS_MemAlloc(Pool, 32)).ToList();
            Assert.That(blocks.Select(b => o.F.Manager.Heap.OsMemIsHeapNode(b)), Is.EqualTo(new[] { true, true, false, true, true, false }));
            Assert.That(blocks.Select(b => (b + 32) % 0x1000 == 0), Is.EqualTo(new[] { false, false, true, false, false, true }));
        }

        [Test]
        public void A_sampled_aligned_block_keeps_its_boundary_and_a_boundary_the_pool_refuses_still_fails()
        {
            o = Sanitizing(sample: 1);
            var p = o.From(AllocLr).LOS_MemAllocAlign(Pool, 40, 64);
            Assert.That((p % 64, 0x1000 - p % 0x1000), Is.EqualTo((0u, 64u)), "aligned down to 64 from the page end");
            var bare = new ManagerFixture().Api;
            Assert.That(bare.LOS_MemAllocAlign(bare.SystemPool, 40, 0), Is.EqualTo(0u), "LiteOS-A refuses boundary 0");
            Assert.That(o.From(AllocLr).LOS_MemAllocAlign(Pool, 40, 0), Is.EqualTo(0u));
            Assert.That(o.From(AllocLr).LOS_MemAllocAlign(Pool, 40, 24), Is.EqualTo(0u), "nor a boundary that is not a power of two");
        }

        [Test]
        public void Realloc_of_a_sampled_block_moves_its_contents()
        {
            o = Sanitizing(sample: 1);
            var p = o.From(AllocLr).LOS_MemAlloc(Pool, 16);
            o.F.Memory.WriteUInt32(o.F.Config.KernelVaToPa(p), 0xCAFEF00D);
            var q = o.From(FreeLr).LOS_MemRealloc(Pool, p, 100);
            Assert.That(o.F.Memory.ReadUInt32(o.F.Config.KernelVaToPa(q)), Is.EqualTo(0xCAFEF00D));
            Assert.That(Faults(p), Is.True, "the old block is freed and held");
            var k = o.From(AllocLr).LOS_KernelMalloc(50);
            Assert.That(o.From(FreeLr).LOS_KernelRealloc(k, 60), Is.Not.EqualTo(0u));
            Assert.That(o.Reported, Is.Empty);
            NoViolations();
        }
    }
}
