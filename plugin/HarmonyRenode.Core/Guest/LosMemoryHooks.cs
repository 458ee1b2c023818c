using System.Collections.Generic;
using HarmonyRenode.Core.Events;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// The one table of replaced guest functions: symbol → model operation (AAPCS arguments, result in r0).
    /// Adding a function is one line here plus its prototype in firmware/include and a trapping body in
    /// firmware/runtime/los_stubs.c.
    /// </summary>
    public static class LosMemoryHooks
    {
        /// <summary>The names <see cref="Register"/> binds (handlers are not called, so no model is needed).</summary>
        // null! for the API: the handlers only capture it, and this table is read for its names and never dispatched.
        public static IEnumerable<string> SymbolNames => Register(new GuestHookTable(), null!, null, null).Names;

        /// <summary>The hooks of the bare model; its events make hooked calls slices of a trace (docs/tracing.md).</summary>
        public static GuestHookTable Register(GuestHookTable t, LosMemoryApi model) => Register(t, model, model.Model.Events, null);

        /// <param name="events">The model's events, so hooked calls become slices of a trace when a sink is attached.</param>
        /// <param name="observer">The memory-safety oracle (Core/Oracle) when the model runs with it: call sites and the leak mark.</param>
        public static GuestHookTable Register(GuestHookTable t, ILosMemoryApi m, MemoryEvents? events, IHookCallObserver? observer)
        {
            t.Events = events;
            t.Add("LOS_MemAlloc", c => m.LOS_MemAlloc(c.Arg(0), c.Arg(1)));
            t.Add("LOS_MemAllocAlign", c => m.LOS_MemAllocAlign(c.Arg(0), c.Arg(1), c.Arg(2)));
            t.Add("LOS_MemRealloc", c => m.LOS_MemRealloc(c.Arg(0), c.Arg(1), c.Arg(2)));
            t.Add("LOS_MemFree", c => m.LOS_MemFree(c.Arg(0), c.Arg(1)));
            t.Add("LOS_MemPoolSizeGet", c => m.LOS_MemPoolSizeGet(c.Arg(0)));
            t.Add("LOS_MemTotalUsedGet", c => m.LOS_MemTotalUsedGet(c.Arg(0)));
            t.Add("LOS_MemIntegrityCheck", c => m.LOS_MemIntegrityCheck(c.Arg(0)));
            t.Add("LOS_MemInit", c => m.LOS_MemInit(c.Arg(0), c.Arg(1)));
            t.Add("LOS_MemDeInit", c => m.LOS_MemDeInit(c.Arg(0)));
            t.Add("LOS_MemPoolList", c => m.LOS_MemPoolList());
            t.Add("LOS_MemExpandEnable", c => m.LOS_MemExpandEnable(c.Arg(0)));
            t.Add("LOS_MemInfoGet", c => MemInfoGet(c, m));
            t.Add("LOS_MemFreeNodeShow", c => m.LOS_MemFreeNodeShow(c.Arg(0)));

            t.Add("LOS_KernelMalloc", c => m.LOS_KernelMalloc(c.Arg(0)));
            t.Add("LOS_KernelMallocAlign", c => m.LOS_KernelMallocAlign(c.Arg(0), c.Arg(1)));
            t.Add("LOS_KernelRealloc", c => m.LOS_KernelRealloc(c.Arg(0), c.Arg(1)));
            t.Add("LOS_KernelFree", c => m.LOS_KernelFree(c.Arg(0)));
            t.Add("LOS_VMalloc", c => m.LOS_VMalloc(c.Arg(0)));
            t.Add("LOS_VFree", c => m.LOS_VFree(c.Arg(0)));

            t.Add("LOS_GetKVmSpace", c => m.LOS_GetKVmSpace());
            t.Add("OsCreateUserVmSpace", c => m.OsCreateUserVmSpace());
            t.Add("LOS_VmSpaceFree", c => (uint)m.LOS_VmSpaceFree(c.Arg(0)));
            t.Add("LOS_VmSpaceClone", c => (uint)m.LOS_VmSpaceClone(c.Arg(0), c.Arg(1), c.Arg(2)));
            t.Add("LOS_RegionAlloc", c => m.LOS_RegionAlloc(c.Arg(0), c.Arg(1), c.Arg(2), c.Arg(3), c.Arg(4)));
            t.Add("LOS_RegionFree", c => (uint)m.LOS_RegionFree(c.Arg(0), c.Arg(1)));
            t.Add("LOS_PaddrQuery", c => m.LOS_PaddrQuery(c.Arg(0)));
            t.Add("LOS_CurrSpaceGet", c => m.LOS_CurrSpaceGet());
            t.Add("LOS_SpaceGet", c => m.LOS_SpaceGet(c.Arg(0)));
            t.Add("LOS_GetVmallocSpace", c => m.LOS_GetVmallocSpace());
            t.Add("LOS_GetVmSpaceList", c => m.LOS_GetVmSpaceList());
            t.Add("LOS_RegionFind", c => m.LOS_RegionFind(c.Arg(0), c.Arg(1)));
            t.Add("LOS_RegionRangeFind", c => m.LOS_RegionRangeFind(c.Arg(0), c.Arg(1), c.Arg(2)));
            t.Add("LOS_IsRangeInSpace", c => m.LOS_IsRangeInSpace(c.Arg(0), c.Arg(1), c.Arg(2)) ? 1u : 0u);
            t.Add("LOS_VmSpaceReserve", c => (uint)m.LOS_VmSpaceReserve(c.Arg(0), c.Arg(1), c.Arg(2)));
            t.Add("LOS_PaddrToKVaddr", c => m.LOS_PaddrToKVaddr(c.Arg(0)));
            t.Add("LOS_VaddrToPaddrMmap", c => (uint)m.LOS_VaddrToPaddrMmap(c.Arg(0), c.Arg(1), c.Arg(2), c.Arg(3), c.Arg(4)));

            t.Add("LOS_ArchMmuMap", c => (uint)m.LOS_ArchMmuMap(c.Arg(0), c.Arg(1), c.Arg(2), c.Arg(3), c.Arg(4)));
            t.Add("LOS_ArchMmuUnmap", c => (uint)m.LOS_ArchMmuUnmap(c.Arg(0), c.Arg(1), c.Arg(2)));
            t.Add("LOS_ArchMmuQuery", c => ArchMmuQuery(c, m));
            t.Add("LOS_ArchMmuChangeProt", c => m.LOS_ArchMmuChangeProt(c.Arg(0), c.Arg(1), c.Arg(2), c.Arg(3)));
            t.Add("LOS_ArchMmuMove", c => m.LOS_ArchMmuMove(c.Arg(0), c.Arg(1), c.Arg(2), c.Arg(3), c.Arg(4)));

            t.Add("LOS_DmaMemAlloc", c => DmaMemAlloc(c, m));
            t.Add("LOS_DmaMemFree", c => m.LOS_DmaMemFree(c.Arg(0)));
            t.Add("LOS_DmaVaddrToPaddr", c => m.LOS_DmaVaddrToPaddr(c.Arg(0)));

            t.Add("LOS_MMap", c => m.LOS_MMap(c.Arg(0), c.Arg(1), c.Arg(2), c.Arg(3), c.ArgInt(4), c.Arg(5)));
            t.Add("LOS_UnMMap", c => (uint)m.LOS_UnMMap(c.Arg(0), c.Arg(1)));
            t.Add("LOS_DoBrk", c => m.LOS_DoBrk(c.Arg(0)));
            t.Add("LOS_DoMprotect", c => (uint)m.LOS_DoMprotect(c.Arg(0), c.Arg(1), c.Arg(2)));
            t.Add("LOS_DoMremap", c => m.LOS_DoMremap(c.Arg(0), c.Arg(1), c.Arg(2), c.ArgInt(3), c.Arg(4)));

            t.Add("ShmInit", c => m.ShmInit());
            t.Add("ShmDeinit", c => m.ShmDeinit());
            t.Add("ShmGet", c => (uint)m.ShmGet(c.ArgInt(0), c.Arg(1), c.ArgInt(2)));
            t.Add("ShmAt", c => m.ShmAt(c.ArgInt(0), c.Arg(1), c.ArgInt(2)));
            t.Add("ShmCtl", c => (uint)m.ShmCtl(c.ArgInt(0), c.ArgInt(1), c.Arg(2)));
            t.Add("ShmDt", c => (uint)m.ShmDt(c.Arg(0)));

            t.Add("OsGetRndOffset", c => m.OsGetRndOffset(c.ArgInt(0)));
            t.Add("OsStackAlloc", c => m.OsStackAlloc(c.Arg(0), c.Arg(1), c.Arg(2), c.Arg(3), c.Arg(4)));
            t.Add("OsExecProcessVmSpaceReplace", c => m.OsExecProcessVmSpaceReplace(c.Arg(0), c.Arg(1), c.ArgInt(2)));
            t.Add("OsGetKernelVaddr", c => GetKernelVaddr(c, m));

            t.Add("LOS_PhysPageAlloc", c => m.LOS_PhysPageAlloc());
            t.Add("LOS_PhysPageFree", c => m.LOS_PhysPageFree(c.Arg(0)));
            t.Add("LOS_PhysPagesAllocContiguous", c => m.LOS_PhysPagesAllocContiguous(c.Arg(0)));
            t.Add("LOS_PhysPagesFreeContiguous", c => m.LOS_PhysPagesFreeContiguous(c.Arg(0), c.Arg(1)));
            t.Add("LOS_VmPageGet", c => m.LOS_VmPageGet(c.Arg(0)));
            t.Add("LOS_PhysPagesAlloc", c => m.LOS_PhysPagesAlloc(c.Arg(0), c.Arg(1)));
            t.Add("LOS_PhysPagesFree", c => m.LOS_PhysPagesFree(c.Arg(0)));

            if (observer != null)
            {
                t.Entering = observer.OnHookCall;
            }
            t.Add(GuestAbi.LeakMark, c => observer?.Mark());

            t.Add(GuestAbi.VmSpaceActivate, c => ActivateSpace(c, m));
            t.Add(GuestAbi.DataAbortHost, c => (uint)m.OsArmSharedPageFault(false, c.Arg(0), c.Arg(1), c.Arg(3)));
            t.Add(GuestAbi.PrefetchAbortHost, c => (uint)m.OsArmSharedPageFault(true, c.Arg(0), c.Arg(1), c.Arg(3)));
            return t;
        }

        /// <summary>LOS_MemInfoGet: a NULL status is refused before the pool is looked at, as in the kernel.</summary>
        private static uint MemInfoGet(HookCall c, ILosMemoryApi m)
        {
            var out_ = c.Arg(1);
            if (out_ == 0)
            {
                return LosReturn.Nok;
            }
            var status = m.LOS_MemInfoGet(c.Arg(0));
            if (!status.HasValue)
            {
                return LosReturn.Nok;
            }
            var s = status.Value;
            c.WriteKernelWord(out_, s.TotalUsedSize);
            c.WriteKernelWord(out_ + 4, s.TotalFreeSize);
            c.WriteKernelWord(out_ + 8, s.MaxFreeNodeSize);
            c.WriteKernelWord(out_ + 12, s.UsedNodeNum);
            c.WriteKernelWord(out_ + 16, s.FreeNodeNum);
            return LosReturn.Ok;
        }

        /// <summary>LOS_ArchMmuQuery(archMmu, vaddr, PADDR_T *paddr, UINT32 *flags): each output written when its pointer is not NULL.</summary>
        private static uint ArchMmuQuery(HookCall c, ILosMemoryApi m)
        {
            var status = m.LOS_ArchMmuQuery(c.Arg(0), c.Arg(1), out var paddr, out var flags);
            if (paddr.HasValue && c.Arg(2) != 0)
            {
                c.WriteKernelWord(c.Arg(2), paddr.Value);
            }
            if (flags.HasValue && c.Arg(3) != 0)
            {
                c.WriteKernelWord(c.Arg(3), flags.Value);
            }
            return unchecked((uint)status);
        }

        /// <summary>LOS_DmaMemAlloc(DMA_ADDR_T *dmaAddr, size, align, type): *dmaAddr written when the buffer exists and the pointer is not NULL.</summary>
        private static uint DmaMemAlloc(HookCall c, ILosMemoryApi m)
        {
            var buffer = m.LOS_DmaMemAlloc(c.Arg(1), c.Arg(2), c.Arg(3), out var dmaAddr);
            if (buffer != 0 && c.Arg(0) != 0)
            {
                c.WriteKernelWord(c.Arg(0), dmaAddr);
            }
            return buffer;
        }

        private static uint GetKernelVaddr(HookCall c, ILosMemoryApi m)
        {
            var status = m.OsGetKernelVaddr(c.Arg(0), c.Arg(1), out var kvaddr);
            if (status == LosReturn.Ok)
            {
                c.WriteKernelWord(c.Arg(2), kvaddr);
            }
            return status;
        }

        private static uint ActivateSpace(HookCall c, ILosMemoryApi m)
        {
            // The guest's HrMmuContext: {ttbr0, ttbcr, contextidr}.
            var registers = m.ActivateSpace(c.Arg(0));
            var context = c.Arg(1);
            c.WriteKernelWord(context, registers.Ttbr0);
            c.WriteKernelWord(context + 4, registers.Ttbcr);
            c.WriteKernelWord(context + 8, registers.Contextidr);
            return 0;
        }
    }
}
