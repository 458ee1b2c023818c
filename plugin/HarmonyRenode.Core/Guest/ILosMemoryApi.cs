namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// The model as the guest calls it: LiteOS-A's memory functions with the values a C caller passes and gets back
    /// (pointers are kernel or user VAs, LosVmSpace/LosVmMapRegion/LosVmPage pointers are handles the guest never
    /// dereferences, errors are LiteOS-A's codes). <see cref="LosMemoryHooks"/> binds each method to the symbol of
    /// the same name; <see cref="LosMemoryApi"/> implements it over the typed model, Oracle.OracleMemoryApi in front of that.
    /// </summary>
    public interface ILosMemoryApi
    {
        /// <summary>m_aucSysMem0/1 after boot: the kernel heap pool's VA.</summary>
        uint SystemPool { get; }

        /// <summary>TTBR1 the guest loads at start-up: kernel L1 table PA | walk attributes (docs/memory-manager.md §4.4).</summary>
        uint KernelTtbr1 { get; }

        // los_memory.h
        uint LOS_MemAlloc(uint pool, uint size);
        uint LOS_MemAllocAlign(uint pool, uint size, uint boundary);
        uint LOS_MemRealloc(uint pool, uint ptr, uint size);
        uint LOS_MemFree(uint pool, uint ptr);
        uint LOS_MemPoolSizeGet(uint pool);
        uint LOS_MemTotalUsedGet(uint pool);
        uint LOS_MemIntegrityCheck(uint pool);
        uint LOS_MemInit(uint pool, uint size);
        uint LOS_MemDeInit(uint pool);
        uint LOS_MemPoolList();
        void LOS_MemExpandEnable(uint pool);

        /// <summary>The pool's statistics, or null (LOS_NOK) when pool is not a pool head.</summary>
        Heap.MemPoolStatus? LOS_MemInfoGet(uint pool);
        uint LOS_MemFreeNodeShow(uint pool);

        // los_vm_map.h: kernel allocations
        uint LOS_KernelMalloc(uint size);
        uint LOS_KernelMallocAlign(uint size, uint boundary);
        uint LOS_KernelRealloc(uint ptr, uint size);
        void LOS_KernelFree(uint ptr);
        uint LOS_VMalloc(uint size);
        void LOS_VFree(uint addr);

        // los_vm_map.h: spaces and regions
        uint LOS_GetKVmSpace();
        uint OsCreateUserVmSpace();
        int LOS_VmSpaceFree(uint space);
        int LOS_VmSpaceClone(uint cloneFlags, uint oldSpace, uint newSpace);
        uint LOS_RegionAlloc(uint space, uint vaddr, uint len, uint regionFlags, uint pgoff);
        int LOS_RegionFree(uint space, uint region);
        uint LOS_PaddrQuery(uint vaddr);
        uint LOS_CurrSpaceGet();
        uint LOS_SpaceGet(uint vaddr);
        uint LOS_GetVmallocSpace();

        /// <summary>&amp;g_vmSpaceList: the LOS_DL_LIST head in guest RAM every LosVmSpace's node is linked on.</summary>
        uint LOS_GetVmSpaceList();
        uint LOS_RegionFind(uint space, uint addr);
        uint LOS_RegionRangeFind(uint space, uint addr, uint len);
        bool LOS_IsRangeInSpace(uint space, uint vaddr, uint size);
        int LOS_VmSpaceReserve(uint space, uint size, uint vaddr);
        uint LOS_PaddrToKVaddr(uint paddr);
        int LOS_VaddrToPaddrMmap(uint space, uint vaddr, uint paddr, uint len, uint flags);

        // los_arch_mmu.h: archMmu is `&space->archMmu` (LosMemoryApi.SpaceOfArchMmu)
        int LOS_ArchMmuMap(uint archMmu, uint vaddr, uint paddr, uint count, uint flags);
        int LOS_ArchMmuUnmap(uint archMmu, uint vaddr, uint count);

        /// <summary>The status; <paramref name="paddr"/> and <paramref name="flags"/> are null where the kernel leaves its outputs untouched.</summary>
        int LOS_ArchMmuQuery(uint archMmu, uint vaddr, out uint? paddr, out uint? flags);
        uint LOS_ArchMmuChangeProt(uint archMmu, uint vaddr, uint count, uint flags);
        uint LOS_ArchMmuMove(uint archMmu, uint oldVaddr, uint newVaddr, uint count, uint flags);

        // los_vm_iomap.h
        /// <summary>The buffer (0 on failure) and, in <paramref name="dmaAddr"/>, what the kernel stores through its dmaAddr pointer.</summary>
        uint LOS_DmaMemAlloc(uint size, uint align, uint type, out uint dmaAddr);
        void LOS_DmaMemFree(uint vaddr);
        uint LOS_DmaVaddrToPaddr(uint vaddr);

        // los_vm_syscall.h (current process space)
        uint LOS_MMap(uint vaddr, uint len, uint prot, uint flags, int fd, uint pgoff);
        int LOS_UnMMap(uint addr, uint size);
        uint LOS_DoBrk(uint addr);
        int LOS_DoMprotect(uint vaddr, uint len, uint prot);
        uint LOS_DoMremap(uint oldAddress, uint oldSize, uint newSize, int flags, uint newAddr);

        // los_vm_syscall.h: System V shared memory (shm.c). Failures return -1 ((void *)-1 for ShmAt) and set errno.
        uint ShmInit();
        uint ShmDeinit();
        int ShmGet(int key, uint size, int shmflg);
        uint ShmAt(int shmid, uint shmaddr, int shmflg);
        int ShmCtl(int shmid, int cmd, uint buf);
        int ShmDt(uint shmaddr);

        // los_load_elf.c / los_process.c: what exec does to the memory manager
        uint OsGetRndOffset(int randomDevFD);
        uint OsStackAlloc(uint space, uint vaddr, uint vsize, uint psize, uint regionFlags);
        uint OsExecProcessVmSpaceReplace(uint newSpace, uint stackBase, int randomDevFD);
        uint OsGetKernelVaddr(uint space, uint vaddr, out uint kvaddr);

        // los_vm_phys.h / los_vm_page.h
        uint LOS_PhysPageAlloc();
        void LOS_PhysPageFree(uint page);
        uint LOS_PhysPagesAllocContiguous(uint nPages);
        void LOS_PhysPagesFreeContiguous(uint ptr, uint nPages);
        uint LOS_VmPageGet(uint paddr);

        /// <summary>LOS_PhysPagesAlloc: pages tail-inserted into the LOS_DL_LIST at the kernel VA <paramref name="list"/>.</summary>
        uint LOS_PhysPagesAlloc(uint nPages, uint list);

        /// <summary>LOS_PhysPagesFree: every page of the LOS_DL_LIST at the kernel VA <paramref name="list"/> unlinked and released.</summary>
        uint LOS_PhysPagesFree(uint list);

        /// <summary>
        /// Makes <paramref name="space"/> the current process's space (0: none, kernel only) and returns what
        /// LOS_ArchMmuContextSwitch would load (docs/memory-manager.md §4.4).
        /// </summary>
        Mmu.MmuRegisters ActivateSpace(uint space);

        /// <summary>OsArmSharedPageFault (docs/memory-manager.md §5.1): 0 when the faulting access can be retried, else the status.</summary>
        int OsArmSharedPageFault(bool prefetch, uint fsr, uint far, uint interruptedCpsr);
    }
}
