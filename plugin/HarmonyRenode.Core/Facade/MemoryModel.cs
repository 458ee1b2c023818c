using System.Collections.Generic;
using HarmonyRenode.Core.Events;
using HarmonyRenode.Core.Faults;
using HarmonyRenode.Core.Heap;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Facade
{
    /// <summary>
    /// The LiteOS-A memory manager, booted as OsSysMemInit does it, and its typed entry point: the kernel's functions
    /// that do more than reach one layer (trace events, heap-size tracing, the expected-fault word, the page
    /// descriptors the guest reads) take the model's own objects (<see cref="MemPool"/>, <see cref="LosVmSpace"/>,
    /// <see cref="LosVmPage"/>, the flag enums); the rest is the layers themselves (<see cref="Vm"/>, <see cref="Phys"/>,
    /// <see cref="Pools"/>...), which stay reachable for diagnostics, the invariant checker and tests. The guest's raw
    /// words (pointers as handles, flag masks, LiteOS-A codes) are Guest.LosMemoryApi's business.
    /// </summary>
    public sealed partial class MemoryModel
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

        /// <summary>m_aucSysMem0/1 after boot: the system pool's VA.</summary>
        public uint SystemPool => Heap.Pool;

        /// <summary>TTBR1 the guest loads at start-up: kernel L1 table PA | walk attributes (docs/memory-manager.md §4.4).</summary>
        public uint KernelTtbr1 => Mmu.RegistersFor(null).Ttbr1;

        // ---- los_memory.h -------------------------------------------------------------------------------------
        // A null pool is a call the guest made on no pool (NULL, or a pointer that is not one: the guest ABI said
        // which): it fails as the kernel's does and still shows in a trace.

        public uint LOS_MemAlloc(MemPool? pool, uint size)
        {
            var heapBefore = HeapSizeIfTraced();
            return Allocated(nameof(LOS_MemAlloc), size, pool?.LOS_MemAlloc(size) ?? 0, heapBefore);
        }

        public uint LOS_MemAllocAlign(MemPool? pool, uint size, uint boundary)
        {
            var heapBefore = HeapSizeIfTraced();
            return Allocated(nameof(LOS_MemAllocAlign), size, pool?.LOS_MemAllocAlign(size, boundary) ?? 0, heapBefore);
        }

        public uint LOS_MemRealloc(MemPool? pool, uint ptr, uint size)
        {
            var heapBefore = HeapSizeIfTraced();
            return Reallocated(nameof(LOS_MemRealloc), ptr, size, pool?.LOS_MemRealloc(ptr, size) ?? 0, heapBefore);
        }

        public uint LOS_MemFree(MemPool? pool, uint ptr)
        {
            var heapBefore = HeapSizeIfTraced();
            return Freed(nameof(LOS_MemFree), ptr, pool == null || ptr == 0 ? LosReturn.Nok : pool.LOS_MemFree(ptr), heapBefore);
        }

        /// <summary>LOS_MemPoolList: every pool's line logged (OsMemInfoPrint's format); how many pools.</summary>
        public uint LOS_MemPoolList()
        {
            Log.Log(LogLevel.Info, Pools.PoolListText().TrimEnd('\n'));
            return (uint)Pools.All.Count;
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

        /// <param name="holdMovedBlock">See <see cref="Vm.KernelMalloc.LOS_KernelRealloc"/>: the oracle's --sanitize keeps a moved page block's pages.</param>
        public uint LOS_KernelRealloc(uint ptr, uint size, System.Func<uint, int, bool>? holdMovedBlock = null)
        {
            var heapBefore = HeapSizeIfTraced();
            return Reallocated(nameof(LOS_KernelRealloc), ptr, size, KernelMalloc.LOS_KernelRealloc(ptr, size, holdMovedBlock), heapBefore);
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

        // ---- los_vm_map.h: spaces ------------------------------------------------------------------------------

        /// <summary>OsCreateUserVmSpace: a new user space, or null with one line when no page or ASID is left.</summary>
        public LosVmSpace? OsCreateUserVmSpace()
        {
            var space = Vm.Spaces.OsCreateUserVmSpace();
            if (space == null)
            {
                Log.Log(LogLevel.Error, "[ERR]OsCreateUserVmSpace no page or ASID left for a user space");
                return null;
            }
            SpaceEvent(MemoryEventKind.SpaceCreate, space.GuestAddress, space);
            return space;
        }

        public VmStatus LOS_VmSpaceFree(LosVmSpace space)
        {
            var address = space.GuestAddress; // the trace names the space by the pointer the guest held
            var status = Vm.Map.LOS_VmSpaceFree(space);
            SpaceEvent(MemoryEventKind.SpaceFree, address, space);
            return status;
        }

        public uint LOS_PaddrQuery(uint vaddr) => Vm.VMalloc.LOS_PaddrQuery(vaddr);

        /// <summary>LOS_CurrSpaceGet as OsCurrProcessGet()->vmSpace: with no user process current, the kernel process's space.</summary>
        public LosVmSpace LOS_CurrSpaceGet() => Vm.Spaces.LOS_CurrSpaceGet() ?? Vm.Spaces.KernelSpace;

        /// <summary>LOS_SpaceGet: a user address belongs to LOS_CurrSpaceGet, the kernel's space when no user process runs.</summary>
        public LosVmSpace? LOS_SpaceGet(uint vaddr) => VmZone.IsUserAddress(vaddr) ? LOS_CurrSpaceGet() : Vm.Spaces.LOS_SpaceGet(vaddr);

        // ---- los_vm_syscall.h ------------------------------------------------------------------------------------

        public uint LOS_MMap(uint vaddr, uint len, ProtFlags prot, MapFlags flags, int fd, uint pgoff) =>
            Vm.Syscalls.LOS_MMap(vaddr, len, prot, flags, fd, pgoff);

        public int LOS_UnMMap(uint addr, uint size) => Vm.Syscalls.LOS_UnMMap(addr, size);

        public uint LOS_DoBrk(uint addr) => Vm.Syscalls.LOS_DoBrk(addr);

        public int LOS_DoMprotect(uint vaddr, uint len, ProtFlags prot) => Vm.Syscalls.LOS_DoMprotect(vaddr, len, prot);

        public uint LOS_DoMremap(uint oldAddress, uint oldSize, uint newSize, MremapFlags flags, uint newAddr) =>
            Vm.Syscalls.LOS_DoMremap(oldAddress, oldSize, newSize, flags, newAddr);

        // ---- los_vm_phys.h / los_vm_page.h -------------------------------------------------------------------------
        // A page the guest gets a pointer to has its descriptor in g_vmPageArray written first (Pages.VmPageArray).

        public LosVmPage? LOS_PhysPageAlloc()
        {
            var page = Phys.LOS_PhysPageAlloc();
            Allocated(nameof(LOS_PhysPageAlloc), VmZone.PageSize, PageArray.Publish(page));
            return page;
        }

        public void LOS_PhysPageFree(LosVmPage page)
        {
            Phys.LOS_PhysPageFree(page);
            if (PageArray.GuestListed.Count != 0 && Phys.IsFree(page))
            {
                PageArray.GuestListed.Remove(page); // a freed page's node is the allocator's again
            }
            Freed(nameof(LOS_PhysPageFree), PageArray.Publish(page), 0);
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

        /// <summary>LOS_VmPageGet: the page at <paramref name="paddr"/> (null outside the segment), its descriptor written.</summary>
        public LosVmPage? LOS_VmPageGet(uint paddr)
        {
            var page = Phys.LOS_VmPageGet(paddr);
            PageArray.Publish(page);
            return page;
        }

        // ---- context switch and faults -----------------------------------------------------------------------------

        /// <summary>
        /// Makes <paramref name="space"/> the current process's space (null or a kernel space: none, kernel only) and
        /// returns what LOS_ArchMmuContextSwitch would load (docs/memory-manager.md §4.4).
        /// </summary>
        public MmuRegisters ActivateSpace(LosVmSpace? space)
        {
            var target = space != null && space.Kind == VmSpaceKind.User ? space : null;
            Vm.Spaces.CurrentSpace = target;
            SpaceEvent(MemoryEventKind.SpaceSwitch, target?.GuestAddress ?? 0, target);
            return Mmu.RegistersFor(target?.ArchMmu);
        }

        /// <summary>
        /// OsArmSharedPageFault's full decision for an abort taken in user mode or not, with the kernel's report lines
        /// logged when it is not resumable: as errors, or at info level when the firmware announced this fault
        /// (<see cref="ExpectedFaultWord"/>).
        /// </summary>
        public FaultOutcome HandleAbort(bool prefetch, uint fsr, uint far, bool userMode)
        {
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
    }
}
