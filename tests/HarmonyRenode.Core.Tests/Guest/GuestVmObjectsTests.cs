using System;
using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Vm;
using HarmonyRenode.Core.Tests.Facade;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest
{
    /// <summary>
    /// Spaces and regions as kernel structures in guest RAM (firmware/ABI.md, "Kernel structures"): the guest's
    /// pointer is the structure, the fields are where kernel code reads them, the RB tree and g_vmSpaceList can be
    /// walked in guest RAM, and the invariant checker reports a guest copy that no longer matches the model.
    /// </summary>
    public class GuestVmObjectsTests
    {
        // The in-memory model's image (KernelImageLayout.Default with ImageEnd 0x40100000 and the L1 table at
        // 0x40004000): text from 0x40008000, half of the 0xF8000 left is text (to 0x40084000), a quarter rodata (to
        // 0x400C2000), then data; VmGlobals.Default puts g_kVmSpace, g_vMallocSpace (+136) and g_vmSpaceList (+272) there.
        private const uint KVmSpace = 0x400C2000;
        private const uint VMallocSpace = 0x400C2088;
        private const uint VmSpaceList = 0x400C2110;
        private const uint UserFlags = (uint)(RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite);

        private ManagerFixture f;

        private MemoryModel M => f.Manager;

        private LosMemoryApi G => f.Api;

        [SetUp]
        public void SetUp() => f = new ManagerFixture();

        private uint Word(uint kva) => f.Memory.ReadUInt32(f.Config.KernelVaToPa(kva));

        private void Poke(uint kva, uint value) => f.Memory.WriteUInt32(f.Config.KernelVaToPa(kva), value);

        [Test]
        public void The_kernel_and_vmalloc_spaces_are_their_globals_with_the_kernels_fields()
        {
            Assert.That((G.LOS_GetKVmSpace(), G.LOS_GetVmallocSpace(), G.LOS_GetVmSpaceList()), Is.EqualTo((KVmSpace, VMallocSpace, VmSpaceList)));

            // OsKernVmSpaceInit: base/size KERNEL_ASPACE_*, map window KERNEL_VMM_* (same values); OsArchMmuInit on
            // g_firstPageTable (0x40004000, PA = VA in the 0x40000000 window), ASID 0; the vmalloc space gets ASID 1.
            Assert.That(new[] { Word(KVmSpace + 84), Word(KVmSpace + 88), Word(KVmSpace + 104), Word(KVmSpace + 108) },
                Is.EqualTo(new[] { 0x40000000u, 0x40000000u, 0x40000000u, 0x40000000u }));
            Assert.That(new[] { Word(KVmSpace + 112), Word(KVmSpace + 116), Word(KVmSpace + 120), Word(KVmSpace + 124) },
                Is.EqualTo(new[] { 0u, 0x40004000u, 0x40004000u, 0u }), "archMmu: lock, virtTtb, physTtb, asid");
            Assert.That(new[] { Word(VMallocSpace + 84), Word(VMallocSpace + 88), Word(VMallocSpace + 116), Word(VMallocSpace + 124) },
                Is.EqualTo(new[] { 0xC0000000u, 0x08000000u, 0x40004000u, 1u }));
            Assert.That(Word(KVmSpace + 52), Is.EqualTo(0xEBCFDEA0u), "regionMux.magic after LOS_MuxInit");
        }

        [Test]
        public void The_space_list_is_walked_in_guest_RAM_newest_first()
        {
            Assert.That(WalkSpaceList(), Is.EqualTo(new[] { VMallocSpace, KVmSpace }), "OsKSpaceInit adds kernel, then vmalloc, at the head");

            var a = G.OsCreateUserVmSpace();
            var b = G.OsCreateUserVmSpace();
            Assert.That(WalkSpaceList(), Is.EqualTo(new[] { b, a, VMallocSpace, KVmSpace }));

            G.LOS_VmSpaceFree(b);
            Assert.That(WalkSpaceList(), Is.EqualTo(new[] { a, VMallocSpace, KVmSpace }));
            Assert.That(G.SpaceAt(b), Is.Null, "a freed space is no longer one");
        }

        [Test]
        public void A_region_is_read_where_kernel_code_reads_it_and_follows_the_model()
        {
            var space = f.EnterUserSpace();
            var r = G.LOS_RegionAlloc(space, 0, 0x3000, UserFlags, 0);

            // range 28/32, regionFlags 40, shmid 44 (-1 from OsCreateRegion), space 16, type NONE at 49.
            Assert.That(new[] { Word(r + 28), Word(r + 32), Word(r + 40), Word(r + 44), Word(r + 16), Word(r + 48) },
                Is.EqualTo(new[] { 0x1F800000u, 0x3000u, UserFlags, 0xFFFFFFFFu, space, 0u }));
            Assert.That(G.RegionAt(r).Base, Is.EqualTo(0x1F800000u));

            Assert.That(M.LOS_DoMprotect(0x1F800000, 0x3000, ProtFlags.Read), Is.Zero);
            Assert.That(Word(r + 40), Is.EqualTo((uint)G.RegionAt(r).RegionFlags).And.Not.EqualTo(UserFlags), "mprotect rewrote the flags");

            Assert.That(G.SpaceOfArchMmu(space + 112), Is.SameAs(G.SpaceAt(space)), "&space->archMmu leads back to the space");
            Assert.That(Word(space + 124), Is.EqualTo(G.SpaceAt(space).ArchMmu.Asid));
        }

        [Test]
        public void The_region_tree_in_guest_RAM_holds_the_regions_in_address_order()
        {
            var space = f.EnterUserSpace();
            var random = new Random(13);
            var bases = Enumerable.Range(0, 40).Select(i => 0x20000000u + (uint)i * 0x10000).OrderBy(_ => random.Next()).ToList();
            var regions = new Dictionary<uint, uint>();
            foreach (var va in bases)
            {
                regions[va] = G.LOS_RegionAlloc(space, va, 0x1000, UserFlags | (uint)RegionFlags.Fixed, 0);
            }
            foreach (var va in bases.Take(15))
            {
                Assert.That(G.LOS_RegionFree(space, regions[va]), Is.Zero);
                regions.Remove(va);
            }

            var inOrder = WalkTree(space);

            Assert.That(inOrder, Is.EqualTo(regions.OrderBy(p => p.Key).Select(p => p.Value)));
            Assert.That(Word(space + 8 + 28), Is.EqualTo(25u), "ulNodes");
            Assert.That(Word(Word(space + 8) + 12), Is.EqualTo(1u), "the root is black");
            Assert.That(M.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void The_checker_reports_a_region_field_the_guest_overwrote()
        {
            var space = f.EnterUserSpace();
            var r = G.LOS_RegionAlloc(space, 0, 0x3000, UserFlags, 0);
            Assert.That(M.CheckInvariants(), Is.Empty);

            Poke(r + 32, 0x1234);

            Assert.That(M.CheckInvariants().Select(v => v.ToString()), Is.EqualTo(new[]
            {
                $"guest VM structures: LosVmMapRegion 0x{r:x8} range.size (+0x20): guest 0x00001234, model 0x00003000",
            }));
        }

        [Test]
        public void The_checker_reports_a_broken_space_list_and_a_changed_space_field()
        {
            var space = G.OsCreateUserVmSpace();
            Poke(VmSpaceList + 4, KVmSpace); // head.pstNext skips the new space
            Poke(space + 104, 0x12345000); // mapBase

            var found = M.CheckInvariants().Select(v => v.ToString()).ToList();

            Assert.That(found, Does.Contain($"guest VM structures: g_vmSpaceList node 0x{VmSpaceList:x8} pstNext: guest 0x{KVmSpace:x8}, model 0x{space:x8}"));
            Assert.That(found, Does.Contain($"guest VM structures: LosVmSpace 0x{space:x8} mapBase (+0x68): guest 0x12345000, model 0x1f800000"));
        }

        [Test]
        public void A_freed_region_address_is_no_region_until_the_pool_hands_it_out_again()
        {
            var space = f.EnterUserSpace();
            var r = G.LOS_RegionAlloc(space, 0, 0x1000, UserFlags, 0);
            Assert.That(G.LOS_RegionFree(space, r), Is.Zero);

            Assert.That(G.RegionAt(r), Is.Null);
            Assert.That(G.LOS_RegionFree(space, r), Is.EqualTo((int)VmStatus.InvalidArgs), "a second free is refused");
            Assert.That(G.LOS_RegionAlloc(space, 0, 0x2000, UserFlags, 0), Is.EqualTo(r), "LOS_MemAlloc returns the same 64 bytes");
        }

        [Test]
        public void A_vmalloc_after_a_vfree_builds_its_region_in_the_freed_region_object_with_the_new_guest_copy()
        {
            var first = M.LOS_VMalloc(0x2000);
            var freed = G.RegionAt(G.LOS_RegionFind(VMallocSpace, first));
            M.LOS_VFree(first);
            G.LOS_MemAlloc(M.SystemPool, LosVmMapRegionLayout.Size); // the freed struct's bytes: the next one is elsewhere

            var second = M.LOS_VMalloc(0x3000);

            var address = G.LOS_RegionFind(VMallocSpace, second);
            Assert.That(G.RegionAt(address), Is.SameAs(freed), "a LOS_VMalloc/LOS_VFree pair allocates no model object");
            Assert.That((freed.Base, freed.Size, freed.GuestAddress), Is.EqualTo((second, 0x3000u, address)));
            Assert.That((Word(address + LosVmMapRegionLayout.RangeBase), Word(address + LosVmMapRegionLayout.RangeSize)), Is.EqualTo((second, 0x3000u)));
            Assert.That(M.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void The_region_image_is_every_word_of_the_struct_once_in_address_order()
        {
            var va = M.LOS_VMalloc(0x1000);
            var address = G.LOS_RegionFind(VMallocSpace, va);

            var image = M.Vm.Objects!.RegionImage(G.RegionAt(address));

            Assert.That(image.Select(w => w.Offset), Is.EqualTo(Enumerable.Range(0, 16).Select(i => (uint)i * 4)), "64 bytes");
            Assert.That(image.Where(w => w.Name == "range.base" || w.Name == "space").Select(w => w.Value), Is.EqualTo(new[] { VMallocSpace, va }));
        }

        [Test]
        public void A_freed_region_the_trees_NilT_parent_still_names_keeps_its_stale_address_through_later_vmallocs()
        {
            // A, B, C make B the root. Freeing C (a leaf) sets stNilT.pstParent to B; freeing B (one child) does not
            // write it again: it is left pointing at the freed B, a stale pointer, as LOS_RbDelNode leaves it.
            var nilTParent = VMallocSpace + LosVmSpaceLayout.NilT + LosRbNodeLayout.PstParent;
            M.LOS_VMalloc(0x1000);
            var b = M.LOS_VMalloc(0x1000);
            var c = M.LOS_VMalloc(0x1000);
            var bAddress = G.LOS_RegionFind(VMallocSpace, b);
            M.LOS_VFree(c);
            M.LOS_VFree(b);
            Assert.That(Word(nilTParent), Is.EqualTo(bAddress));
            G.LOS_MemAlloc(M.SystemPool, LosVmMapRegionLayout.Size); // B's struct bytes: the next regions are elsewhere

            // D and E take B's and C's ranges (first fit); E's insert rotates, which saves and restores NilT's parent,
            // so stNilT is written again (the word cleared here comes back): with B's address, not a new region's.
            var d = M.LOS_VMalloc(0x1000);
            Poke(nilTParent, 0);
            var e = M.LOS_VMalloc(0x1000);

            Assert.That((d, e), Is.EqualTo((b, c)));
            Assert.That(new[] { G.LOS_RegionFind(VMallocSpace, d), G.LOS_RegionFind(VMallocSpace, e) }, Has.None.EqualTo(bAddress));
            Assert.That(Word(nilTParent), Is.EqualTo(bAddress));
            Assert.That(M.CheckInvariants(), Is.Empty);
        }

        private List<uint> WalkSpaceList()
        {
            var spaces = new List<uint>();
            var prev = VmSpaceList;
            for (var node = Word(VmSpaceList + 4); node != VmSpaceList && spaces.Count < 100; node = Word(node + 4))
            {
                Assert.That(Word(node), Is.EqualTo(prev), "pstPrev");
                spaces.Add(node); // node is the first member: the node's address is the space's
                prev = node;
            }
            Assert.That(Word(VmSpaceList), Is.EqualTo(prev), "head.pstPrev is the last node");
            return spaces;
        }

        /// <summary>In-order walk by pstLeft (+8) and pstRight (+4) from pstRoot until &amp;stNilT.</summary>
        private List<uint> WalkTree(uint space)
        {
            var nil = space + 12;
            var result = new List<uint>();
            void Visit(uint node, uint parent)
            {
                if (node == nil)
                {
                    return;
                }
                Assert.That(Word(node), Is.EqualTo(parent), "pstParent");
                Visit(Word(node + 8), node);
                result.Add(node);
                Visit(Word(node + 4), node);
            }
            Visit(Word(space + 8), nil);
            return result;
        }
    }
}
