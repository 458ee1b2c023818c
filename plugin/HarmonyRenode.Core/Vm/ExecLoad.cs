using HarmonyRenode.Core.Pages;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// The parts of exec (los_load_elf.c, OsExecProcessVmSpaceReplace of los_process.c) that touch the memory
    /// manager's own state: the stack region with its parameter page mapped up front, the heap and mmap window of
    /// the new space, the ASLR offsets and the kernel alias of a user page. The guest runtime
    /// (firmware/runtime/process.c) does the rest of OsLoadELFFile in the kernel's order.
    /// </summary>
    public sealed class ExecLoad
    {
        /// <summary>USER_STACK_SIZE (los_load_elf.h): 1 MiB.</summary>
        public const uint UserStackSize = 0x100000;

        /// <summary>USER_PARAM_BYTE_MAX: the parameter area at the stack top, mapped by OsStackAlloc.</summary>
        public const uint UserParamByteMax = 0x1000;

        /// <summary>USER_STACK_TOP_MAX = USER_ASPACE_TOP_MAX.</summary>
        public const uint UserStackTopMax = VmZone.UserAspaceTopMax;

        /// <summary>EXEC_MMAP_BASE: where an ET_EXEC user image is linked (firmware/linker.ld puts it there).</summary>
        public const uint ExecMmapBase = 0x02000000;

        private readonly VmMap map;
        private readonly VmPhys phys;
        private readonly VmLog log;

        public ExecLoad(VmMap map, VmPhys phys, VmLog log)
        {
            this.map = map;
            this.phys = phys;
            this.log = log;
        }

        public UserAslr Aslr { get; set; } = UserAslr.Off;

        /// <summary>OsGetRndOffset: 0 unless ASLR is on.</summary>
        public uint OsGetRndOffset() => Aslr.OsGetRndOffset();

        /// <summary>
        /// OsStackAlloc: a FIXED region of <paramref name="vsize"/> bytes at <paramref name="vaddr"/>, whose top
        /// <paramref name="psize"/> bytes get physically contiguous pages mapped now (refCounts 1, contents as they
        /// were: the loader writes the parameters there); the rest of the stack arrives by faults. LOS_OK or LOS_NOK.
        /// </summary>
        public uint OsStackAlloc(LosVmSpace space, uint vaddr, uint vsize, uint psize, RegionFlags regionFlags)
        {
            using (log.Operation())
            {
                var nPages = (int)(psize >> VmZone.PageShift);
                var kvaddr = phys.LOS_PhysPagesAllocContiguous(nPages);
                if (kvaddr == 0)
                {
                    log.ErrIfSilent(nameof(OsStackAlloc), $"no {nPages} contiguous pages for the parameter area");
                    return LosReturn.Nok;
                }
                var region = map.LOS_RegionAlloc(space, vaddr, vsize, regionFlags | RegionFlags.Fixed, 0);
                if (region == null)
                {
                    phys.LOS_PhysPagesFreeContiguous(phys.LOS_VmPageGet(phys.KernelVaToPa(kvaddr)), nPages);
                    log.ErrIfSilent(nameof(OsStackAlloc), $"no room for the stack region {PrintfHex.Prefixed(vaddr)}+{PrintfHex.Prefixed(vsize)}");
                    return LosReturn.Nok;
                }
                var va = region.Base + vsize - psize;
                var pa = phys.KernelVaToPa(kvaddr);
                for (var i = 0; i < nPages; i++, va += VmZone.PageSize, pa += VmZone.PageSize)
                {
                    phys.LOS_VmPageGet(pa)!.RefCounts++; // a page of the block allocated just above
                    space.ArchMmu.LOS_ArchMmuMap(va, pa, 1, region.RegionFlags);
                }
                return LosReturn.Ok;
            }
        }

        /// <summary>
        /// OsExecProcessVmSpaceReplace: <paramref name="newSpace"/> becomes the process's space, its heap base and
        /// map base move up by an ASLR offset each (0 without ASLR) and the mmap window ends at the stack base.
        /// Returns the old space. The guest still loads TTBR0 itself (hr_vm_space_activate), the model only
        /// records which space is current.
        /// </summary>
        public LosVmSpace? OsExecProcessVmSpaceReplace(LosVmSpace newSpace, uint stackBase)
        {
            var oldSpace = map.Spaces.CurrentSpace;
            map.Spaces.CurrentSpace = newSpace;
            newSpace.HeapBase += OsGetRndOffset();
            newSpace.HeapNow = newSpace.HeapBase;
            newSpace.MapBase += OsGetRndOffset();
            newSpace.MapSize = stackBase - newSpace.MapBase;
            return oldSpace;
        }

        /// <summary>
        /// OsGetKernelVaddr: a kernel address is its own alias; a user address is looked up in
        /// <paramref name="space"/>'s tables and given as its kernel-window alias. LOS_OK or LOS_NOK (unmapped, 0).
        /// </summary>
        public uint OsGetKernelVaddr(LosVmSpace? space, uint vaddr, out uint kvaddr)
        {
            kvaddr = 0;
            if (space == null || vaddr == 0)
            {
                log.Err(nameof(OsGetKernelVaddr), $"space: {(space == null ? "null" : space.ToString())}, vaddr: {PrintfHex.Prefixed(vaddr)}");
                return LosReturn.Nok;
            }
            if (VmZone.IsKernelAddress(vaddr))
            {
                kvaddr = vaddr;
                return LosReturn.Ok;
            }
            var query = space.ArchMmu.LOS_ArchMmuQuery(vaddr);
            if (!query.IsMapped)
            {
                log.Err(nameof(OsGetKernelVaddr), $"Failed to query the vaddr: {PrintfHex.Prefixed(vaddr)}, status: {(int)query.Status}");
                return LosReturn.Nok;
            }
            kvaddr = phys.PaToKernelVa(query.Pa);
            return LosReturn.Ok;
        }
    }
}
