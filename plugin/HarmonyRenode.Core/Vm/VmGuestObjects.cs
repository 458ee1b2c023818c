using System.Collections.Generic;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// The guest copies of the VM's kernel structures: every LosVmSpace and LosVmMapRegion (with its RB node, the
    /// range and the LosArchMmu inside the space) lives where the kernel would keep it, user spaces and all regions
    /// in the system pool (LOS_MemAlloc(m_aucSysMem0, sizeof ...), los_vm_map.c OsCreateUserVmSpace / OsCreateRegion),
    /// g_kVmSpace and g_vMallocSpace in the image, and g_vmSpaceList links them. The model keeps its own objects and
    /// publishes them here as it changes them; what the guest writes into them is the guest's business, as in the
    /// kernel, and the invariant checker reports where the two disagree. A space's or region's guest value is its
    /// address here, which is also how the model finds the object again (<see cref="SpaceAt"/>, <see cref="RegionAt"/>).
    /// </summary>
    public sealed class VmGuestObjects
    {
        private readonly GuestRam ram;
        private readonly MemoryConfig config;
        private readonly IVmObjectHeap heap;
        private readonly Dictionary<uint, LosVmSpace> spaces = new Dictionary<uint, LosVmSpace>();
        private readonly Dictionary<uint, LosVmMapRegion> regions = new Dictionary<uint, LosVmMapRegion>();

        public VmGuestObjects(GuestRam ram, MemoryConfig config, IVmObjectHeap heap, VmGlobals globals)
        {
            this.ram = ram;
            this.config = config;
            this.heap = heap;
            Globals = globals;
        }

        public VmGlobals Globals { get; }

        /// <summary>The space whose LosVmSpace is at <paramref name="address"/> (its guest value), or null.</summary>
        public LosVmSpace? SpaceAt(uint address) => spaces.TryGetValue(address, out var space) ? space : null;

        /// <summary>The region whose LosVmMapRegion is at <paramref name="address"/>, or null (freed, or never one).</summary>
        public LosVmMapRegion? RegionAt(uint address) => regions.TryGetValue(address, out var region) ? region : null;

        /// <summary>Every region with a guest copy: those in a tree and those a split left out of it (still allocated, as in the kernel).</summary>
        public IEnumerable<LosVmMapRegion> Regions => regions.Values;

        public IEnumerable<LosVmSpace> Spaces => spaces.Values;

        /// <summary>One word of guest RAM (kernel VA).</summary>
        public uint ReadWord(uint kva) => ram.Read(config.KernelVaToPa(kva));

        internal void Write(uint kva, uint value) => ram.Write(config.KernelVaToPa(kva), value);

        /// <summary>LOS_MemAlloc(m_aucSysMem0, sizeof(LosVmSpace)): 0 when the pool has no room.</summary>
        internal uint AllocSpaceStorage() => heap.LOS_MemAlloc(LosVmSpaceLayout.Size);

        /// <summary>LOS_MemAlloc(m_aucSysMem0, sizeof(LosVmMapRegion)).</summary>
        internal uint AllocRegionStorage() => heap.LOS_MemAlloc(LosVmMapRegionLayout.Size);

        /// <summary>LOS_MemFree of storage no object was published in (a failed create).</summary>
        internal void FreeStorage(uint address) => heap.LOS_MemFree(address);

        /// <summary>
        /// OsVmSpaceInitCommon and the space's own init on its storage: every field the kernel writes, the tree
        /// mirrored from now on. The list node is written by <see cref="PublishSpaceList"/>.
        /// </summary>
        internal void AttachSpace(LosVmSpace space, uint address)
        {
            space.Attach(this, address);
            spaces[address] = space;
            space.RegionRbTree.MirrorTo(new SpaceTreeMirror(this, address), address + LosVmSpaceLayout.NilT);
            foreach (var field in SpaceImage(space))
            {
                Write(address + field.Offset, field.Value);
            }
            // LOS_ListInit(&archMmu->ptList): the page-table pages are not linked in guest RAM (their LosVmPage
            // descriptors are the model's), so the list stays as OsArchMmuInit leaves it.
            var ptList = address + LosVmSpaceLayout.ArchMmu + LosArchMmuLayout.PtList;
            Write(ptList + LosDlListLayout.PstPrev, ptList);
            Write(ptList + LosDlListLayout.PstNext, ptList);
        }

        /// <summary>LOS_VmSpaceFree's last step: LOS_MemFree(m_aucSysMem0, space).</summary>
        internal void FreeSpace(LosVmSpace space)
        {
            var address = space.GuestAddress;
            if (address == 0)
            {
                return;
            }
            spaces.Remove(address);
            space.Detach();
            space.RegionRbTree.NilT.HasGuestCopy = false;
            heap.LOS_MemFree(address);
        }

        /// <summary>
        /// OsCreateRegion on the storage LOS_MemAlloc gave: memset 0, then range, pgOff, flags, type NONE, shmid -1. The
        /// image covers every word of the struct, so each word is written once with what the memset and the field
        /// stores leave there; the image is filled into a reused array (a vmalloc pair allocates nothing).
        /// </summary>
        internal void AttachRegion(LosVmMapRegion region, uint address)
        {
            region.Attach(this, address);
            regions[address] = region;
            FillRegionImage(region, regionImage);
            for (var i = 0; i < regionImage.Length; i++)
            {
                Write(address + regionImage[i].Offset, regionImage[i].Value);
            }
        }

        /// <summary>LOS_MemFree(m_aucSysMem0, region): the model's object stops writing, the address may be handed out again.</summary>
        internal void FreeRegion(LosVmMapRegion region)
        {
            if (!region.HasGuestCopy)
            {
                return;
            }
            var address = region.GuestAddress;
            regions.Remove(address);
            region.Detach();
            heap.LOS_MemFree(address);
        }

        /// <summary>
        /// g_vmSpaceList as LOS_ListAdd (head insert) and LOS_ListDelete leave it: the head and every space's node,
        /// in <paramref name="list"/> order. A space just deleted from it gets NULL links, as LOS_ListDelete writes.
        /// </summary>
        internal void PublishSpaceList(IReadOnlyList<LosVmSpace> list, LosVmSpace? deleted)
        {
            var head = Globals.VmSpaceList;
            if (deleted != null && deleted.GuestAddress != 0)
            {
                Write(deleted.GuestAddress + LosVmSpaceLayout.Node + LosDlListLayout.PstPrev, 0);
                Write(deleted.GuestAddress + LosVmSpaceLayout.Node + LosDlListLayout.PstNext, 0);
            }
            var prev = head;
            foreach (var space in list)
            {
                var node = space.GuestAddress + LosVmSpaceLayout.Node;
                Write(prev + LosDlListLayout.PstNext, node);
                Write(node + LosDlListLayout.PstPrev, prev);
                prev = node;
            }
            Write(prev + LosDlListLayout.PstNext, head);
            Write(head + LosDlListLayout.PstPrev, prev);
        }

        /// <summary>
        /// Every field of the space the model decides, at its offset, with the value the kernel would hold: the tree
        /// header (pstRoot, stNilT, stWalkHead, ulNodes; the three callbacks are NULL: the guest has no such
        /// functions), regionMux as LOS_MuxInit(NULL) leaves it (holdList is not initialised by the kernel either),
        /// base to mapSize, and archMmu (lock 0, virtTtb, physTtb, asid; ptList as OsArchMmuInit leaves it, an empty list).
        /// </summary>
        public IEnumerable<GuestField> SpaceImage(LosVmSpace space)
        {
            var a = space.GuestAddress;
            var tree = space.RegionRbTree;
            const uint t = LosVmSpaceLayout.RegionRbTree;
            yield return new GuestField("regionRbTree.pstRoot", t + LosRbTreeLayout.PstRoot, Link(tree.RawRoot));
            yield return new GuestField("regionRbTree.stNilT.pstParent", LosVmSpaceLayout.NilT + LosRbNodeLayout.PstParent, Link(tree.NilT.RawParent));
            yield return new GuestField("regionRbTree.stNilT.pstRight", LosVmSpaceLayout.NilT + LosRbNodeLayout.PstRight, Link(tree.NilT.RawRight));
            yield return new GuestField("regionRbTree.stNilT.pstLeft", LosVmSpaceLayout.NilT + LosRbNodeLayout.PstLeft, Link(tree.NilT.RawLeft));
            yield return new GuestField("regionRbTree.stNilT.lColor", LosVmSpaceLayout.NilT + LosRbNodeLayout.LColor, (uint)RbColor.Black);
            yield return new GuestField("regionRbTree.stWalkHead.pstPrev", t + LosRbTreeLayout.StWalkHead + LosDlListLayout.PstPrev, a + t + LosRbTreeLayout.StWalkHead);
            yield return new GuestField("regionRbTree.stWalkHead.pstNext", t + LosRbTreeLayout.StWalkHead + LosDlListLayout.PstNext, a + t + LosRbTreeLayout.StWalkHead);
            yield return new GuestField("regionRbTree.ulNodes", t + LosRbTreeLayout.UlNodes, (uint)tree.NodeCount);
            yield return new GuestField("regionRbTree.pfCmpKey", t + LosRbTreeLayout.PfCmpKey, 0);
            yield return new GuestField("regionRbTree.pfFree", t + LosRbTreeLayout.PfFree, 0);
            yield return new GuestField("regionRbTree.pfGetKey", t + LosRbTreeLayout.PfGetKey, 0);

            const uint m = LosVmSpaceLayout.RegionMux;
            yield return new GuestField("regionMux.magic", m + LosMuxLayout.Magic, LosMuxLayout.OsMuxMagic);
            yield return new GuestField("regionMux.attr", m + LosMuxLayout.AttrProtocol,
                LosMuxLayout.DefaultProtocol | LosMuxLayout.DefaultPrioceiling << 8 | LosMuxLayout.DefaultType << 16);
            yield return new GuestField("regionMux.muxList.pstPrev", m + LosMuxLayout.MuxList + LosDlListLayout.PstPrev, a + m + LosMuxLayout.MuxList);
            yield return new GuestField("regionMux.muxList.pstNext", m + LosMuxLayout.MuxList + LosDlListLayout.PstNext, a + m + LosMuxLayout.MuxList);
            yield return new GuestField("regionMux.owner", m + LosMuxLayout.Owner, 0);
            yield return new GuestField("regionMux.muxCount", m + LosMuxLayout.MuxCount, 0);

            yield return new GuestField("base", LosVmSpaceLayout.Base, space.Base);
            yield return new GuestField("size", LosVmSpaceLayout.SpaceSize, space.Size);
            yield return new GuestField("heapBase", LosVmSpaceLayout.HeapBase, space.HeapBase);
            yield return new GuestField("heapNow", LosVmSpaceLayout.HeapNow, space.HeapNow);
            yield return new GuestField("heap", LosVmSpaceLayout.Heap, space.HeapPointer);
            yield return new GuestField("mapBase", LosVmSpaceLayout.MapBase, space.MapBase);
            yield return new GuestField("mapSize", LosVmSpaceLayout.MapSize, space.MapSize);

            const uint mmu = LosVmSpaceLayout.ArchMmu;
            yield return new GuestField("archMmu.lock", mmu + LosArchMmuLayout.Lock, 0);
            yield return new GuestField("archMmu.virtTtb", mmu + LosArchMmuLayout.VirtTtb, space.ArchMmu.VirtTtb);
            yield return new GuestField("archMmu.physTtb", mmu + LosArchMmuLayout.PhysTtb, space.ArchMmu.PhysTtb);
            yield return new GuestField("archMmu.asid", mmu + LosArchMmuLayout.Asid, space.ArchMmu.Asid);
        }

        /// <summary>Every word of the region: RB links and colour, space, the (unused, zeroed) list node, range, pgOff, flags, shmid, forkFlags and regionType, the union (zero: no file or device data is modelled).</summary>
        public IReadOnlyList<GuestField> RegionImage(LosVmMapRegion region)
        {
            var image = new GuestField[RegionImageWords];
            FillRegionImage(region, image);
            return image;
        }

        private const int RegionImageWords = (int)LosVmMapRegionLayout.Size / 4;

        /// <summary>The image <see cref="AttachRegion"/> writes, reused from call to call.</summary>
        private readonly GuestField[] regionImage = new GuestField[RegionImageWords];

        private static void FillRegionImage(LosVmMapRegion region, GuestField[] image)
        {
            image[0] = new GuestField("rbNode.pstParent", LosRbNodeLayout.PstParent, Link(region.RawParent));
            image[1] = new GuestField("rbNode.pstRight", LosRbNodeLayout.PstRight, Link(region.RawRight));
            image[2] = new GuestField("rbNode.pstLeft", LosRbNodeLayout.PstLeft, Link(region.RawLeft));
            image[3] = new GuestField("rbNode.lColor", LosRbNodeLayout.LColor, (uint)region.NodeColor);
            image[4] = new GuestField("space", LosVmMapRegionLayout.Space, region.Space?.GuestAddress ?? 0);
            image[5] = new GuestField("node.pstPrev", LosVmMapRegionLayout.Node + LosDlListLayout.PstPrev, 0);
            image[6] = new GuestField("node.pstNext", LosVmMapRegionLayout.Node + LosDlListLayout.PstNext, 0);
            image[7] = new GuestField("range.base", LosVmMapRegionLayout.RangeBase, region.Base);
            image[8] = new GuestField("range.size", LosVmMapRegionLayout.RangeSize, region.Size);
            image[9] = new GuestField("pgOff", LosVmMapRegionLayout.PgOff, region.PgOff);
            image[10] = new GuestField("regionFlags", LosVmMapRegionLayout.RegionFlags, (uint)region.RegionFlags);
            image[11] = new GuestField("shmid", LosVmMapRegionLayout.Shmid, unchecked((uint)region.Shmid));
            image[12] = new GuestField("forkFlags, regionType", LosVmMapRegionLayout.ForkFlags, region.TypeWord);
            for (var i = 13; i < RegionImageWords; i++)
            {
                image[i] = new GuestField("unTypeData", LosVmMapRegionLayout.UnTypeData + (uint)(i - 13) * 4, 0);
            }
        }

        /// <summary>A node pointer as the guest holds it: the node's address (NilT's inside its space), NULL for none.</summary>
        internal static uint Link(LosRbNode? node) => node?.GuestAddress ?? 0;

        /// <summary>Writes what an RB insert or delete changed: the touched nodes' links, pstRoot and ulNodes.</summary>
        private sealed class SpaceTreeMirror : ILosRbTreeMirror
        {
            private readonly VmGuestObjects objects;
            private readonly uint space;

            public SpaceTreeMirror(VmGuestObjects objects, uint space)
            {
                this.objects = objects;
                this.space = space;
            }

            public void Publish(IReadOnlyList<LosRbNode> changed, LosRbNode root, int nodeCount)
            {
                for (var i = 0; i < changed.Count; i++)
                {
                    var node = changed[i];
                    if (!node.HasGuestCopy)
                    {
                        continue;
                    }
                    var a = node.GuestAddress;
                    objects.Write(a + LosRbNodeLayout.PstParent, Link(node.RawParent));
                    objects.Write(a + LosRbNodeLayout.PstRight, Link(node.RawRight));
                    objects.Write(a + LosRbNodeLayout.PstLeft, Link(node.RawLeft));
                    objects.Write(a + LosRbNodeLayout.LColor, (uint)node.NodeColor);
                }
                objects.Write(space + LosVmSpaceLayout.RegionRbTree + LosRbTreeLayout.PstRoot, Link(root));
                objects.Write(space + LosVmSpaceLayout.RegionRbTree + LosRbTreeLayout.UlNodes, (uint)nodeCount);
            }
        }
    }
}
