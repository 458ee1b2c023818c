using System;
using System.Collections.Generic;
using HarmonyRenode.Core.Mmu;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// The spaces registry of los_vm_map.c: g_kVmSpace, g_vMallocSpace, g_vmSpaceList (head insert) and the
    /// current process's space (OsCurrProcessGet()->vmSpace, set by whoever models processes).
    /// </summary>
    public sealed class VmSpaces
    {
        private readonly MmuContext mmuContext;
        private readonly List<LosVmSpace> spaceList = new List<LosVmSpace>();

        /// <summary>
        /// OsKSpaceInit: kernel space then vmalloc space, both on the boot table g_firstPageTable
        /// (so their ASIDs come out 0 and 1, docs/memory-manager.md §4.1). With <paramref name="objects"/> they are
        /// published at g_kVmSpace and g_vMallocSpace and g_vmSpaceList links them; without, the model has no guest copies.
        /// </summary>
        public VmSpaces(MmuContext mmuContext, uint kernelL1TableKva, VmGuestObjects? objects = null)
        {
            this.mmuContext = mmuContext;
            Objects = objects;
            KernelSpace = new LosVmSpace(VmSpaceKind.Kernel, VmZone.KernelAspaceBase, VmZone.KernelAspaceSize,
                VmZone.KernelAspaceBase, VmZone.KernelAspaceSize, KernelMmu(mmuContext, kernelL1TableKva));
            objects?.AttachSpace(KernelSpace, objects.Globals.KVmSpace);
            AddToList(KernelSpace);
            VmallocSpace = new LosVmSpace(VmSpaceKind.Vmalloc, VmZone.VmallocStart, VmZone.VmallocSize,
                VmZone.VmallocStart, VmZone.VmallocSize, KernelMmu(mmuContext, kernelL1TableKva));
            objects?.AttachSpace(VmallocSpace, objects.Globals.VMallocSpace);
            AddToList(VmallocSpace);
        }

        /// <summary>The guest copies of spaces and regions (null: the model runs without them).</summary>
        public VmGuestObjects? Objects { get; }

        /// <summary>g_kVmSpace (LOS_GetKVmSpace).</summary>
        public LosVmSpace KernelSpace { get; }

        /// <summary>g_vMallocSpace (LOS_GetVmallocSpace).</summary>
        public LosVmSpace VmallocSpace { get; }

        /// <summary>OsCurrProcessGet()->vmSpace: null until a process space is made current.</summary>
        public LosVmSpace? CurrentSpace { get; set; }

        /// <summary>g_vmSpaceList in list order: newest first (LOS_ListAdd inserts at the head).</summary>
        public IReadOnlyList<LosVmSpace> SpaceList => spaceList;

        public LosVmSpace? LOS_CurrSpaceGet() => CurrentSpace;

        /// <summary>LOS_SpaceGet: kernel address → kernel space, user address → current space, vmalloc → vmalloc space, else null.</summary>
        public LosVmSpace? LOS_SpaceGet(uint va)
        {
            if (VmZone.IsKernelAddress(va))
            {
                return KernelSpace;
            }
            if (VmZone.IsUserAddress(va))
            {
                return CurrentSpace;
            }
            if (VmZone.IsVmallocAddress(va))
            {
                return VmallocSpace;
            }
            return null;
        }

        /// <summary>
        /// OsCreateUserVmSpace + OsUserVmSpaceInit (docs/memory-manager.md §3.2): one zeroed 4 KiB L1 page, base 0x01000000,
        /// mapBase USER_MAP_BASE, heap at USER_HEAP_BASE. Null when the table page or an ASID cannot be had.
        /// </summary>
        public LosVmSpace? OsCreateUserVmSpace()
        {
            // LOS_MemAlloc(m_aucSysMem0, sizeof(LosVmSpace)) first, then the table page; a failure frees the struct.
            var storage = 0u;
            if (Objects != null)
            {
                storage = Objects.AllocSpaceStorage();
                if (storage == 0)
                {
                    return null;
                }
            }
            // Model divergence: the kernel links the space into g_vmSpaceList before OsArchMmuInit can fail on ASIDs
            // and then frees it still linked; the model leaves the list alone.
            var mmu = mmuContext.CreateUserMmu();
            if (mmu == null)
            {
                if (storage != 0)
                {
                    Objects?.FreeStorage(storage); // storage != 0 only with Objects
                }
                return null;
            }
            var space = new LosVmSpace(VmSpaceKind.User, VmZone.UserAspaceBase, VmZone.UserAspaceSize,
                VmZone.UserMapBase, VmZone.UserMapSize, mmu)
            {
                HeapBase = VmZone.UserHeapBase,
                HeapNow = VmZone.UserHeapBase,
            };
            if (storage != 0)
            {
                Objects?.AttachSpace(space, storage); // storage != 0 only with Objects
            }
            AddToList(space);
            return space;
        }

        // The two boot spaces take ASIDs 0 and 1 of a fresh allocator, which cannot run out.
        private static ArchMmu KernelMmu(MmuContext mmuContext, uint l1TableKva) =>
            mmuContext.CreateKernelMmu(l1TableKva) ?? throw new InvalidOperationException("no ASID left for a kernel space");

        /// <summary>LOS_ListDelete(&amp;space->node).</summary>
        internal void RemoveFromList(LosVmSpace space)
        {
            spaceList.Remove(space);
            Objects?.PublishSpaceList(spaceList, space);
        }

        /// <summary>LOS_ListAdd(&amp;g_vmSpaceList, &amp;space->node): head insert.</summary>
        private void AddToList(LosVmSpace space)
        {
            spaceList.Insert(0, space);
            Objects?.PublishSpaceList(spaceList, null);
        }
    }
}
