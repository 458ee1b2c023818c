using System.Collections.Generic;
using HarmonyRenode.Core.Events;
using HarmonyRenode.Core.Faults;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Heap;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Facade
{
    /// <summary>
    /// The LiteOS-A memory manager, booted as OsSysMemInit does it, with the kernel's entry points as the guest calls
    /// them: arguments and results are guest values (VAs, handles, LiteOS-A codes), so an adapter only moves registers.
    /// The layers stay reachable for diagnostics, the invariant checker and tests.
    /// </summary>
    public sealed partial class MemoryModel : ILosMemoryApi
    {
        /// <summary>sizeof the temporary L1 table OsSwitchTmpTTB allocates, and its alignment (MMU_DESCRIPTOR_L1_SMALL_ENTRY_NUMBERS).</summary>
        private const uint TmpTtbSize = 0x4000;

        private readonly ExpectedFaultLog faultLog;

        /// <param name="globals">Where the image holds g_kVmSpace, g_vMallocSpace and g_vmSpaceList; by default at the start
        /// of the image's data (<see cref="VmGlobals.Default"/>).</param>
        public MemoryModel(MemoryConfig config, IGuestMemory memory, ITlbMaintenance tlb, ILogSink log,
            KernelImageLayout? image = null, VmGlobals? globals = null)
        {
            Config = config;
            Memory = memory;
            Image = image ?? KernelImageLayout.Default(config);
            Log = log;
            Layout = new BootLayout(config);
            Phys = new VmPhys(config, Layout, memory, log);
            PageArray = new VmPageArray(Layout, config, Phys);
            Mmu = new MmuContext(Phys, config, memory, tlb, log);
            // OsKSpaceInit comes before OsKHeapInit in OsSysMemInit; the model makes the heap first because the VM
            // layer allocates its structures from it. Nothing is lost: the two spaces are globals (g_kVmSpace,
            // g_vMallocSpace) and take neither heap nor pages, only the ASIDs 0 and 1. The boot mappings still take
            // their L2 pages from the page allocator before any guest allocation (OsInitMappingStartUp below).
            // MemoryConfig.Validate admits only layouts whose boot heap is larger than a pool's minimum.
            Heap = SystemHeap.OsKHeapInit(Phys, Layout, memory, config, log)
                ?? throw new System.InvalidOperationException("OsKHeapInit: the boot heap could not be initialised");
            var objects = new VmGuestObjects(Phys.Ram, config, new SystemPoolObjects(Heap), globals ?? VmGlobals.Default(Image.RamDataStart));
            Vm = new VirtualMemory(Phys, Mmu, config.KernelL1Table, log, objects);
            Pools = new MemPools(Heap, memory, config, log, new VmPhysContiguousPages(Phys));
            KernelMalloc = new KernelMalloc(Heap, new VmPhysContiguousPages(Phys), memory, config, log);
            OsInitMappingStartUp();
            faultLog = new ExpectedFaultLog(log);
            Faults = new PageFaultHandler(Phys, new VmFaultView(Vm.Spaces), tlb, faultLog);
            ShareEvents();
        }

        /// <summary>
        /// OsInitMappingStartUp (arch/arm/arm/src/los_arch_mmu.c): OsSwitchTmpTTB takes a 16 KiB, 16 KiB aligned block
        /// of the system pool for a copy of the boot table; OsSetKSectionAttr re-maps the image with pages (L2 tables
        /// from the page allocator) and reserves four kernel-space regions (text, rodata, data+bss, the rest of the
        /// managed window), each a LosVmMapRegion from the pool; OsKSectionNewAttrEnable frees the temporary table.
        /// So the pool after boot holds the four regions behind a free block where the table was.
        /// </summary>
        private void OsInitMappingStartUp()
        {
            // The table's copy itself only matters to a live CPU: the model edits g_firstPageTable, which the engine installs.
            var tmpTtbase = Heap.LOS_MemAllocAlign(TmpTtbSize, TmpTtbSize);
            foreach (var region in BootMappings.Apply(Mmu, Vm.Spaces.KernelSpace.ArchMmu, Image))
            {
                Vm.Map.LOS_VmSpaceReserve(Vm.Spaces.KernelSpace, region.Size, region.Va);
            }
            Heap.LOS_MemFree(tmpTtbase);
        }

        /// <summary>
        /// PA of the firmware's g_hrExpectedFault word (0: it has none). An abort the model cannot resolve at the
        /// address stored there is the firmware's deliberate one: logged at info level, and the word is cleared.
        /// </summary>
        public uint ExpectedFaultWord { get; set; }

        public MemoryConfig Config { get; }

        public IGuestMemory Memory { get; }

        public ILogSink Log { get; }

        public BootLayout Layout { get; }

        /// <summary>Where the firmware's text, rodata and data/bss lie (boot mappings, `free`'s section table).</summary>
        public KernelImageLayout Image { get; }

        public VmPhys Phys { get; }

        /// <summary>The LosVmPage descriptors the guest sees (g_vmPageArray).</summary>
        public VmPageArray PageArray { get; }

        public MmuContext Mmu { get; }

        public VirtualMemory Vm { get; }

        public MemPool Heap { get; }

        /// <summary>Every pool LOS_MemInit made, the system pool first.</summary>
        public MemPools Pools { get; }

        public KernelMalloc KernelMalloc { get; }

        public PageFaultHandler Faults { get; }

        public uint SystemPool => Heap.Pool;

        public uint KernelTtbr1 => Mmu.RegistersFor(null).Ttbr1;

        // ---- los_memory.h -------------------------------------------------------------------------------------

        public uint LOS_MemAlloc(uint pool, uint size)
        {
            var heapBefore = HeapSizeIfTraced();
            return Allocated(nameof(LOS_MemAlloc), size, MemAlloc(pool, size), heapBefore);
        }

        private uint MemAlloc(uint pool, uint size)
        {
            if (pool == 0)
            {
                // docs/memory-manager.md §2.4 quirk: a NULL pool falls back to the boot allocator, which refuses once the heap is up.
                if (size != 0)
                {
                    Log.Log(LogLevel.Error, "[ERR]OsVmBootMemAlloc kernel heap has been initialized, do not to use boot memory allocation!");
                }
                return 0;
            }
            return PoolOf(pool, nameof(LOS_MemAlloc))?.LOS_MemAlloc(size) ?? 0;
        }

        public uint LOS_MemAllocAlign(uint pool, uint size, uint boundary)
        {
            var heapBefore = HeapSizeIfTraced();
            return Allocated(nameof(LOS_MemAllocAlign), size,
                pool == 0 ? 0 : PoolOf(pool, nameof(LOS_MemAllocAlign))?.LOS_MemAllocAlign(size, boundary) ?? 0, heapBefore);
        }

        public uint LOS_MemRealloc(uint pool, uint ptr, uint size)
        {
            var heapBefore = HeapSizeIfTraced();
            return Reallocated(nameof(LOS_MemRealloc), ptr, size,
                pool == 0 ? 0 : PoolOf(pool, nameof(LOS_MemRealloc))?.LOS_MemRealloc(ptr, size) ?? 0, heapBefore);
        }

        public uint LOS_MemFree(uint pool, uint ptr)
        {
            var heapBefore = HeapSizeIfTraced();
            return Freed(nameof(LOS_MemFree), ptr,
                pool == 0 || ptr == 0 ? LosReturn.Nok : PoolOf(pool, nameof(LOS_MemFree))?.LOS_MemFree(ptr) ?? LosReturn.Nok, heapBefore);
        }

        public uint LOS_MemPoolSizeGet(uint pool) => PoolOf(pool, nameof(LOS_MemPoolSizeGet))?.LOS_MemPoolSizeGet() ?? LosReturn.Nok;

        public uint LOS_MemTotalUsedGet(uint pool) => PoolOf(pool, nameof(LOS_MemTotalUsedGet))?.LOS_MemTotalUsedGet() ?? LosReturn.Nok;

        public uint LOS_MemIntegrityCheck(uint pool) => PoolOf(pool, nameof(LOS_MemIntegrityCheck))?.LOS_MemIntegrityCheck() ?? LosReturn.Nok;

        public uint LOS_MemInit(uint pool, uint size) => Pools.LOS_MemInit(pool, size);

        public uint LOS_MemDeInit(uint pool) => Pools.LOS_MemDeInit(pool);

        public uint LOS_MemPoolList()
        {
            Log.Log(LogLevel.Info, Pools.PoolListText().TrimEnd('\n'));
            return (uint)Pools.All.Count;
        }

        public void LOS_MemExpandEnable(uint pool)
        {
            // The kernel sets info.attr's bit on whatever it is given; NULL is ignored.
            if (pool != 0)
            {
                PoolOf(pool, nameof(LOS_MemExpandEnable))?.LOS_MemExpandEnable();
            }
        }

        public MemPoolStatus? LOS_MemInfoGet(uint pool)
        {
            var p = Pools.Find(pool);
            if (p == null)
            {
                Log.Log(LogLevel.Error, $"[ERR]wrong mem pool addr: {PrintfHex.Alternate(pool)}");
                return null;
            }
            return p.LOS_MemInfoGet();
        }

        public uint LOS_MemFreeNodeShow(uint pool)
        {
            var p = Pools.Find(pool);
            if (p == null)
            {
                Log.Log(LogLevel.Error, $"[ERR]wrong mem pool addr: {PrintfHex.Alternate(pool)}");
                return LosReturn.Nok;
            }
            Log.Log(LogLevel.Info, p.LOS_MemFreeNodeShow().TrimEnd('\n'));
            return LosReturn.Ok;
        }

        // ---- los_vm_map.h: kernel allocations ------------------------------------------------------------------

        public uint LOS_KernelMalloc(uint size)
        {
            var heapBefore = HeapSizeIfTraced();
            return Allocated(nameof(LOS_KernelMalloc), size, KernelMalloc.LOS_KernelMalloc(size), heapBefore);
        }

        public uint LOS_KernelMallocAlign(uint size, uint boundary)
        {
            var heapBefore = HeapSizeIfTraced();
            return Allocated(nameof(LOS_KernelMallocAlign), size, KernelMalloc.LOS_KernelMallocAlign(size, boundary), heapBefore);
        }

        public uint LOS_KernelRealloc(uint ptr, uint size)
        {
            var heapBefore = HeapSizeIfTraced();
            return Reallocated(nameof(LOS_KernelRealloc), ptr, size, KernelMalloc.LOS_KernelRealloc(ptr, size), heapBefore);
        }

        public void LOS_KernelFree(uint ptr)
        {
            var heapBefore = HeapSizeIfTraced();
            Freed(nameof(LOS_KernelFree), ptr, KernelMalloc.LOS_KernelFree(ptr), heapBefore);
        }

        public uint LOS_VMalloc(uint size) => Allocated(nameof(LOS_VMalloc), size, Vm.VMalloc.LOS_VMalloc(size));

        public void LOS_VFree(uint addr)
        {
            Vm.VMalloc.LOS_VFree(addr);
            Freed(nameof(LOS_VFree), addr, 0);
        }

        // ---- los_vm_map.h: spaces and regions ------------------------------------------------------------------

        public uint LOS_GetKVmSpace() => AddressOf(Vm.Spaces.KernelSpace);

        /// <summary>LOS_GetVmSpaceList: &amp;g_vmSpaceList, the LOS_DL_LIST head every space's node hangs on.</summary>
        public uint LOS_GetVmSpaceList() => Vm.Objects!.Globals.VmSpaceList; // the model always builds its VM with guest objects

        public uint OsCreateUserVmSpace()
        {
            var space = Vm.Spaces.OsCreateUserVmSpace();
            if (space == null)
            {
                Log.Log(LogLevel.Error, "[ERR]OsCreateUserVmSpace no page or ASID left for a user space");
            }
            var address = AddressOf(space);
            if (space != null)
            {
                SpaceEvent(MemoryEventKind.SpaceCreate, address, space);
            }
            return address;
        }

        public int LOS_VmSpaceFree(uint space)
        {
            var target = SpaceOf(space, nameof(LOS_VmSpaceFree));
            if (target == null)
            {
                return (int)VmStatus.InvalidArgs;
            }
            var status = (int)Vm.Map.LOS_VmSpaceFree(target);
            SpaceEvent(MemoryEventKind.SpaceFree, space, target);
            return status;
        }

        public int LOS_VmSpaceClone(uint cloneFlags, uint oldSpace, uint newSpace)
        {
            var from = SpaceOf(oldSpace, nameof(LOS_VmSpaceClone));
            var to = SpaceOf(newSpace, nameof(LOS_VmSpaceClone));
            return from == null || to == null ? (int)VmStatus.InvalidArgs : (int)Vm.Clone.LOS_VmSpaceClone(cloneFlags, from, to);
        }

        public uint LOS_RegionAlloc(uint space, uint vaddr, uint len, uint regionFlags, uint pgoff)
        {
            var target = SpaceOf(space, nameof(LOS_RegionAlloc));
            return target == null ? 0 : AddressOf(Vm.Map.LOS_RegionAlloc(target, vaddr, len, (RegionFlags)regionFlags, pgoff));
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
            return (int)Vm.Map.LOS_RegionFree(target, item);
        }

        public uint LOS_PaddrQuery(uint vaddr) => Vm.VMalloc.LOS_PaddrQuery(vaddr);

        /// <summary>OsCurrProcessGet()->vmSpace: with no user process current, the kernel process's space.</summary>
        public uint LOS_CurrSpaceGet() => AddressOf(Vm.Spaces.LOS_CurrSpaceGet() ?? Vm.Spaces.KernelSpace);

        /// <summary>LOS_SpaceGet: a user address belongs to LOS_CurrSpaceGet, the kernel's space when no user process runs.</summary>
        public uint LOS_SpaceGet(uint vaddr) =>
            VmZone.IsUserAddress(vaddr) ? LOS_CurrSpaceGet() : AddressOf(Vm.Spaces.LOS_SpaceGet(vaddr));

        public uint LOS_GetVmallocSpace() => AddressOf(Vm.Spaces.VmallocSpace);

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
            return target == null ? (int)VmStatus.InvalidArgs : (int)Vm.Map.LOS_VmSpaceReserve(target, size, vaddr);
        }

        public uint LOS_PaddrToKVaddr(uint paddr) => Config.PaToKernelVa(paddr);

        // ---- los_vm_syscall.h ------------------------------------------------------------------------------------

        // Typed here; the guest's raw words are converted by the ILosMemoryApi members below.
        public uint LOS_MMap(uint vaddr, uint len, ProtFlags prot, MapFlags flags, int fd, uint pgoff) =>
            Vm.Syscalls.LOS_MMap(vaddr, len, prot, flags, fd, pgoff);

        uint ILosMemoryApi.LOS_MMap(uint vaddr, uint len, uint prot, uint flags, int fd, uint pgoff) =>
            LOS_MMap(vaddr, len, (ProtFlags)prot, (MapFlags)flags, fd, pgoff);

        public int LOS_UnMMap(uint addr, uint size) => Vm.Syscalls.LOS_UnMMap(addr, size);

        public uint LOS_DoBrk(uint addr) => Vm.Syscalls.LOS_DoBrk(addr);

        public int LOS_DoMprotect(uint vaddr, uint len, ProtFlags prot) => Vm.Syscalls.LOS_DoMprotect(vaddr, len, prot);

        int ILosMemoryApi.LOS_DoMprotect(uint vaddr, uint len, uint prot) => LOS_DoMprotect(vaddr, len, (ProtFlags)prot);

        public uint LOS_DoMremap(uint oldAddress, uint oldSize, uint newSize, MremapFlags flags, uint newAddr) =>
            Vm.Syscalls.LOS_DoMremap(oldAddress, oldSize, newSize, flags, newAddr);

        uint ILosMemoryApi.LOS_DoMremap(uint oldAddress, uint oldSize, uint newSize, int flags, uint newAddr) =>
            LOS_DoMremap(oldAddress, oldSize, newSize, unchecked((MremapFlags)flags), newAddr);

        // ---- los_load_elf.c / los_process.c: exec --------------------------------------------------------------

        public uint OsGetRndOffset(int randomDevFD) => Vm.Exec.OsGetRndOffset();

        public uint OsStackAlloc(uint space, uint vaddr, uint vsize, uint psize, uint regionFlags)
        {
            var target = SpaceOf(space, nameof(OsStackAlloc));
            return target == null ? LosReturn.Nok : Vm.Exec.OsStackAlloc(target, vaddr, vsize, psize, (RegionFlags)regionFlags);
        }

        public uint OsExecProcessVmSpaceReplace(uint newSpace, uint stackBase, int randomDevFD)
        {
            var target = SpaceOf(newSpace, nameof(OsExecProcessVmSpaceReplace));
            if (target == null || target.Kind != VmSpaceKind.User)
            {
                return 0;
            }
            return AddressOf(Vm.Exec.OsExecProcessVmSpaceReplace(target, stackBase));
        }

        public uint OsGetKernelVaddr(uint space, uint vaddr, out uint kvaddr)
        {
            kvaddr = 0;
            var target = space == 0 ? null : SpaceOf(space, nameof(OsGetKernelVaddr));
            return space != 0 && target == null ? LosReturn.Nok : Vm.Exec.OsGetKernelVaddr(target, vaddr, out kvaddr);
        }

        // ---- los_vm_phys.h / los_vm_page.h -------------------------------------------------------------------------

        public uint LOS_PhysPageAlloc() => Allocated(nameof(LOS_PhysPageAlloc), VmZone.PageSize, PublishPage(Phys.LOS_PhysPageAlloc()));

        public void LOS_PhysPageFree(uint page)
        {
            if (page == 0)
            {
                return;
            }
            var item = PageOf(page);
            if (item == null)
            {
                Log.Log(LogLevel.Error, $"[ERR]LOS_PhysPageFree 0x{page:x8} is not a LosVmPage of g_vmPageArray");
                return;
            }
            Phys.LOS_PhysPageFree(item);
            if (PageArray.GuestListed.Count != 0 && Phys.IsFree(item))
            {
                PageArray.GuestListed.Remove(item); // a freed page's node is the allocator's again
            }
            PublishPage(item);
            Freed(nameof(LOS_PhysPageFree), page, 0);
        }

        public uint LOS_PhysPagesAllocContiguous(uint nPages) => Allocated(nameof(LOS_PhysPagesAllocContiguous),
            nPages << VmZone.PageShift, nPages > int.MaxValue ? 0 : Phys.LOS_PhysPagesAllocContiguous((int)nPages));

        public void LOS_PhysPagesFreeContiguous(uint ptr, uint nPages)
        {
            if (ptr == 0)
            {
                return;
            }
            var page = Vm.VMalloc.OsVmVaddrToPage(ptr);
            if (page == null)
            {
                Log.Log(LogLevel.Error, $"[ERR]LOS_PhysPagesFreeContiguous vm page of ptr(0x{ptr:x}) is null");
                return;
            }
            Freed(nameof(LOS_PhysPagesFreeContiguous), ptr, (uint)Phys.LOS_PhysPagesFreeContiguous(page, (int)System.Math.Min(nPages, int.MaxValue)));
        }

        public uint LOS_VmPageGet(uint paddr) => PublishPage(Phys.LOS_VmPageGet(paddr));

        // ---- context switch and faults -----------------------------------------------------------------------------

        public MmuRegisters ActivateSpace(uint space)
        {
            LosVmSpace? target = null;
            if (space != 0)
            {
                target = SpaceOf(space, nameof(ActivateSpace));
                if (target != null && target.Kind == VmSpaceKind.User)
                {
                    Vm.Spaces.CurrentSpace = target;
                }
                else
                {
                    target = null;
                }
            }
            if (target == null)
            {
                Vm.Spaces.CurrentSpace = null;
            }
            SpaceEvent(MemoryEventKind.SpaceSwitch, target == null ? 0 : space, target);
            return Mmu.RegistersFor(target?.ArchMmu);
        }

        public int OsArmSharedPageFault(bool prefetch, uint fsr, uint far, uint interruptedCpsr)
        {
            var outcome = HandleAbort(prefetch, fsr, far, interruptedCpsr);
            switch (outcome.Action)
            {
                case FaultAction.Resume:
                case FaultAction.RetryAfterTlbInvalidate:
                    return 0;
                default:
                    return outcome.Status == VmStatus.NoError ? (int)VmStatus.Fault : (int)outcome.Status;
            }
        }

        /// <summary>
        /// The full decision for an abort, with the kernel's report lines logged when it is not resumable: as errors,
        /// or at info level when the firmware announced this fault (<see cref="ExpectedFaultWord"/>).
        /// </summary>
        public FaultOutcome HandleAbort(bool prefetch, uint fsr, uint far, uint interruptedCpsr)
        {
            const uint usrMode = 0x10;
            var userMode = (interruptedCpsr & 0x1F) == usrMode;
            faultLog.Hold();
            var expected = false;
            try
            {
                var outcome = Faults.OsArmSharedPageFault(prefetch ? FaultKind.Prefetch : FaultKind.Data, far, fsr, userMode);
                FaultEvent(prefetch, fsr, far, outcome);
                if (outcome.Action != FaultAction.Resume && outcome.Action != FaultAction.RetryAfterTlbInvalidate)
                {
                    foreach (var line in outcome.Lines)
                    {
                        faultLog.Log(LogLevel.Error, line);
                    }
                    // Only an unresolved abort reads the guest word: demand faults cost no extra guest access.
                    expected = ExpectedFaultWord != 0 && far != 0 && Memory.ReadUInt32(ExpectedFaultWord) == far;
                    if (expected)
                    {
                        Memory.WriteUInt32(ExpectedFaultWord, 0); // one announcement, one fault
                    }
                }
                return outcome;
            }
            finally
            {
                faultLog.Release(expected);
            }
        }

        // ---- guest values of spaces and regions: their addresses -----------------------------------------------------

        /// <summary>The space whose LosVmSpace lies at <paramref name="address"/> (the guest's pointer to it), or null.</summary>
        public LosVmSpace? SpaceAt(uint address) => Vm.Objects?.SpaceAt(address);

        /// <summary>
        /// The space whose archMmu member lies at <paramref name="archMmu"/>: what LOS_ArchMmu* receive is
        /// &amp;space->archMmu, i.e. the space's address + offsetof(LosVmSpace, archMmu). Null when no space is there.
        /// </summary>
        public LosVmSpace? SpaceOfArchMmu(uint archMmu) => SpaceAt(unchecked(archMmu - LosVmSpaceLayout.ArchMmu));

        /// <summary>The live region whose LosVmMapRegion lies at <paramref name="address"/>, or null.</summary>
        public LosVmMapRegion? RegionAt(uint address) => Vm.Objects?.RegionAt(address);

        /// <summary>The guest's pointer to <paramref name="space"/>: its LosVmSpace's address (0 for none).</summary>
        public static uint AddressOf(LosVmSpace? space) => space?.GuestAddress ?? 0;

        /// <summary>The guest's pointer to <paramref name="region"/> (0 for none).</summary>
        public static uint AddressOf(LosVmMapRegion? region) => region?.GuestAddress ?? 0;

        /// <summary>Kernel VA of the page's descriptor in g_vmPageArray.</summary>
        public uint PageHandle(LosVmPage page) => PageArray.PageHandle(page);

        public LosVmPage? PageOf(uint pagePointer) => PageArray.PageOf(pagePointer);

        private uint PublishPage(LosVmPage? page) => PageArray.Publish(page);

        private MemPool? PoolOf(uint pool, string function)
        {
            if (pool == Heap.Pool)
            {
                return Heap;
            }
            var found = Pools.Find(pool);
            if (found == null)
            {
                Log.Log(LogLevel.Error, $"[ERR]{function} 0x{pool:x8} is not a memory pool (no LOS_MemInit made one there)");
            }
            return found;
        }

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
