using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Heap;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// <see cref="ILosMemoryApi"/> over the typed model: the one place where the guest's raw words meet the model's
    /// objects. A pointer the guest passes is looked up (a pool head, a LosVmSpace, a LosVmMapRegion, a LosVmPage
    /// descriptor, &amp;space->archMmu) and a pointer that names nothing gets one "[ERR]... is not a ..." line and the
    /// kernel's error; flag words become the model's [Flags] enums; typed results become LiteOS-A's codes and the
    /// objects the guest's pointers to them. Partials follow the kernel's headers (los_arch_mmu.h, los_vm_phys.h,
    /// los_vm_syscall.h); this file is los_memory.h and los_vm_map.h.
    /// </summary>
    public sealed partial class LosMemoryApi : ILosMemoryApi
    {
        public LosMemoryApi(MemoryModel model)
        {
            Model = model;
        }

        public MemoryModel Model { get; }

        public uint SystemPool => Model.SystemPool;

        public uint KernelTtbr1 => Model.KernelTtbr1;

        private ILogSink Log => Model.Log;

        // ---- los_memory.h -------------------------------------------------------------------------------------

        public uint LOS_MemAlloc(uint pool, uint size)
        {
            if (pool == 0 && size != 0)
            {
                // docs/memory-manager.md §2.4 quirk: a NULL pool falls back to the boot allocator, which refuses once the heap is up.
                Log.Log(LogLevel.Error, "[ERR]OsVmBootMemAlloc kernel heap has been initialized, do not to use boot memory allocation!");
            }
            return Model.LOS_MemAlloc(pool == 0 ? null : PoolOf(pool, nameof(LOS_MemAlloc)), size);
        }

        public uint LOS_MemAllocAlign(uint pool, uint size, uint boundary) =>
            Model.LOS_MemAllocAlign(pool == 0 ? null : PoolOf(pool, nameof(LOS_MemAllocAlign)), size, boundary);

        public uint LOS_MemRealloc(uint pool, uint ptr, uint size) =>
            Model.LOS_MemRealloc(pool == 0 ? null : PoolOf(pool, nameof(LOS_MemRealloc)), ptr, size);

        public uint LOS_MemFree(uint pool, uint ptr) =>
            Model.LOS_MemFree(pool == 0 || ptr == 0 ? null : PoolOf(pool, nameof(LOS_MemFree)), ptr);

        public uint LOS_MemPoolSizeGet(uint pool) => PoolOf(pool, nameof(LOS_MemPoolSizeGet))?.LOS_MemPoolSizeGet() ?? LosReturn.Nok;

        public uint LOS_MemTotalUsedGet(uint pool) => PoolOf(pool, nameof(LOS_MemTotalUsedGet))?.LOS_MemTotalUsedGet() ?? LosReturn.Nok;

        public uint LOS_MemIntegrityCheck(uint pool) => PoolOf(pool, nameof(LOS_MemIntegrityCheck))?.LOS_MemIntegrityCheck() ?? LosReturn.Nok;

        public uint LOS_MemInit(uint pool, uint size) => Model.Pools.LOS_MemInit(pool, size);

        public uint LOS_MemDeInit(uint pool) => Model.Pools.LOS_MemDeInit(pool);

        public uint LOS_MemPoolList() => Model.LOS_MemPoolList();

        public void LOS_MemExpandEnable(uint pool)
        {
            // The kernel sets info.attr's bit on whatever it is given; NULL is ignored.
            if (pool != 0)
            {
                PoolOf(pool, nameof(LOS_MemExpandEnable))?.LOS_MemExpandEnable();
            }
        }

        public MemPoolStatus? LOS_MemInfoGet(uint pool) => PoolHeadOf(pool)?.LOS_MemInfoGet();

        public uint LOS_MemFreeNodeShow(uint pool)
        {
            var p = PoolHeadOf(pool);
            if (p == null)
            {
                return LosReturn.Nok;
            }
            Log.Log(LogLevel.Info, p.LOS_MemFreeNodeShow().TrimEnd('\n'));
            return LosReturn.Ok;
        }

        // ---- los_vm_map.h: kernel allocations ------------------------------------------------------------------

        public uint LOS_KernelMalloc(uint size) => Model.LOS_KernelMalloc(size);

        public uint LOS_KernelMallocAlign(uint size, uint boundary) => Model.LOS_KernelMallocAlign(size, boundary);

        public uint LOS_KernelRealloc(uint ptr, uint size) => Model.LOS_KernelRealloc(ptr, size);

        public void LOS_KernelFree(uint ptr) => Model.LOS_KernelFree(ptr);

        public uint LOS_VMalloc(uint size) => Model.LOS_VMalloc(size);

        public void LOS_VFree(uint addr) => Model.LOS_VFree(addr);

        // ---- los_vm_map.h: spaces and regions ------------------------------------------------------------------

        public uint LOS_GetKVmSpace() => AddressOf(Model.Vm.Spaces.KernelSpace);

        /// <summary>LOS_GetVmSpaceList: &amp;g_vmSpaceList, the LOS_DL_LIST head every space's node hangs on.</summary>
        public uint LOS_GetVmSpaceList() => Model.Vm.Objects!.Globals.VmSpaceList; // the model always builds its VM with guest objects

        public uint OsCreateUserVmSpace() => AddressOf(Model.OsCreateUserVmSpace());

        public int LOS_VmSpaceFree(uint space)
        {
            var target = SpaceOf(space, nameof(LOS_VmSpaceFree));
            return target == null ? (int)VmStatus.InvalidArgs : (int)Model.LOS_VmSpaceFree(target);
        }

        public int LOS_VmSpaceClone(uint cloneFlags, uint oldSpace, uint newSpace)
        {
            var from = SpaceOf(oldSpace, nameof(LOS_VmSpaceClone));
            var to = SpaceOf(newSpace, nameof(LOS_VmSpaceClone));
            return from == null || to == null ? (int)VmStatus.InvalidArgs : (int)Model.Vm.Clone.LOS_VmSpaceClone(cloneFlags, from, to);
        }

        public uint LOS_RegionAlloc(uint space, uint vaddr, uint len, uint regionFlags, uint pgoff)
        {
            var target = SpaceOf(space, nameof(LOS_RegionAlloc));
            return target == null ? 0 : AddressOf(Model.Vm.Map.LOS_RegionAlloc(target, vaddr, len, (RegionFlags)regionFlags, pgoff));
        }

        public int LOS_RegionFree(uint space, uint region)
        {
            var target = SpaceOf(space, nameof(LOS_RegionFree));
            var item = RegionAt(region);
            if (target == null || item == null)
            {
                if (target != null)
                {
                    Log.Log(LogLevel.Error, $"[ERR]LOS_RegionFree 0x{region:x8} is not a region");
                }
                return (int)VmStatus.InvalidArgs;
            }
            return (int)Model.Vm.Map.LOS_RegionFree(target, item);
        }

        public uint LOS_PaddrQuery(uint vaddr) => Model.LOS_PaddrQuery(vaddr);

        public uint LOS_CurrSpaceGet() => AddressOf(Model.LOS_CurrSpaceGet());

        public uint LOS_SpaceGet(uint vaddr) => AddressOf(Model.LOS_SpaceGet(vaddr));

        public uint LOS_GetVmallocSpace() => AddressOf(Model.Vm.Spaces.VmallocSpace);

        public uint LOS_RegionFind(uint space, uint addr)
        {
            var target = SpaceOf(space, nameof(LOS_RegionFind));
            return target == null ? 0 : AddressOf(VmMap.LOS_RegionFind(target, addr));
        }

        public uint LOS_RegionRangeFind(uint space, uint addr, uint len)
        {
            var target = SpaceOf(space, nameof(LOS_RegionRangeFind));
            return target == null ? 0 : AddressOf(VmMap.LOS_RegionRangeFind(target, addr, len));
        }

        public bool LOS_IsRangeInSpace(uint space, uint vaddr, uint size)
        {
            var target = SpaceOf(space, nameof(LOS_IsRangeInSpace));
            return target != null && VmMap.LOS_IsRangeInSpace(target, vaddr, size);
        }

        public int LOS_VmSpaceReserve(uint space, uint size, uint vaddr)
        {
            var target = SpaceOf(space, nameof(LOS_VmSpaceReserve));
            return target == null ? (int)VmStatus.InvalidArgs : (int)Model.Vm.Map.LOS_VmSpaceReserve(target, size, vaddr);
        }

        public uint LOS_PaddrToKVaddr(uint paddr) => Model.Config.PaToKernelVa(paddr);

        /// <summary>
        /// Makes the space at <paramref name="space"/> current (0: none, kernel only; a pointer that is not a space
        /// gets its line and counts as none) and returns what LOS_ArchMmuContextSwitch would load.
        /// </summary>
        public Mmu.MmuRegisters ActivateSpace(uint space) => Model.ActivateSpace(space == 0 ? null : SpaceOf(space, nameof(ActivateSpace)));

        // ---- guest pointers: what they name, and the pointers to the model's objects ------------------------------

        /// <summary>The space whose LosVmSpace lies at <paramref name="address"/> (the guest's pointer to it), or null.</summary>
        public LosVmSpace? SpaceAt(uint address) => Model.Vm.Objects?.SpaceAt(address);

        /// <summary>
        /// The space whose archMmu member lies at <paramref name="archMmu"/>: what LOS_ArchMmu* receive is
        /// &amp;space->archMmu, i.e. the space's address + offsetof(LosVmSpace, archMmu). Null when no space is there.
        /// </summary>
        public LosVmSpace? SpaceOfArchMmu(uint archMmu) => SpaceAt(unchecked(archMmu - LosVmSpaceLayout.ArchMmu));

        /// <summary>The live region whose LosVmMapRegion lies at <paramref name="address"/>, or null.</summary>
        public LosVmMapRegion? RegionAt(uint address) => Model.Vm.Objects?.RegionAt(address);

        /// <summary>The page whose LosVmPage descriptor in g_vmPageArray lies at <paramref name="pagePointer"/>, or null.</summary>
        public LosVmPage? PageOf(uint pagePointer) => Model.PageArray.PageOf(pagePointer);

        /// <summary>The guest's pointer to <paramref name="space"/>: its LosVmSpace's address (0 for none).</summary>
        public static uint AddressOf(LosVmSpace? space) => space?.GuestAddress ?? 0;

        /// <summary>The guest's pointer to <paramref name="region"/> (0 for none).</summary>
        public static uint AddressOf(LosVmMapRegion? region) => region?.GuestAddress ?? 0;

        /// <summary>The guest's pointer to <paramref name="page"/>: its descriptor's kernel VA in g_vmPageArray (0 for none).</summary>
        public uint AddressOf(LosVmPage? page) => Model.PageArray.PageHandle(page);

        /// <summary>The pool whose head lies at <paramref name="pool"/>, or null with one line naming the function.</summary>
        private MemPool? PoolOf(uint pool, string function)
        {
            if (pool == Model.Heap.Pool)
            {
                return Model.Heap;
            }
            var found = Model.Pools.Find(pool);
            if (found == null)
            {
                Log.Log(LogLevel.Error, $"[ERR]{function} 0x{pool:x8} is not a memory pool (no LOS_MemInit made one there)");
            }
            return found;
        }

        /// <summary>LOS_MemInfoGet / LOS_MemFreeNodeShow's own check of the pool, with the kernel's line for a wrong one.</summary>
        private MemPool? PoolHeadOf(uint pool)
        {
            var p = Model.Pools.Find(pool);
            if (p == null)
            {
                Log.Log(LogLevel.Error, $"[ERR]wrong mem pool addr: {PrintfHex.Alternate(pool)}");
            }
            return p;
        }

        /// <summary>The space at <paramref name="address"/>, or null with one line naming the function.</summary>
        private LosVmSpace? SpaceOf(uint address, string function)
        {
            var space = SpaceAt(address);
            if (space == null)
            {
                Log.Log(LogLevel.Error, $"[ERR]{function} 0x{address:x8} is not a LosVmSpace");
            }
            return space;
        }
    }
}
