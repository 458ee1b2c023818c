using System;
using System.Collections.Generic;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Faults
{
    /// <summary>
    /// The abort path of LiteOS-A (docs/memory-manager.md §5): OsArmSharedPageFault (los_exc.c) deciding from the FSR,
    /// OsVmPageFaultHandler (los_vm_fault.c) for anonymous demand-zero and copy-on-write faults, and the
    /// exception-dispatch consequences (fixup, process kill, halt).
    /// </summary>
    public sealed class PageFaultHandler
    {
        private readonly VmPhys phys;
        private readonly IFaultVmView vm;
        private readonly ITlbMaintenance tlb;
        private readonly ILogSink log;

        public PageFaultHandler(VmPhys phys, IFaultVmView vm, ITlbMaintenance tlb, ILogSink? log = null)
        {
            this.phys = phys;
            this.vm = vm;
            this.tlb = tlb;
            this.log = log ?? throw new ArgumentNullException(nameof(log));
        }

        /// <summary>
        /// The data or prefetch abort as the CPU reports it. Kernel-mode prefetch aborts never reach the page-fault
        /// path (los_hw_exc.S dispatches them as fatal); everything else goes through OsArmSharedPageFault.
        /// </summary>
        public FaultOutcome OsArmSharedPageFault(FaultKind kind, uint far, uint fsr, bool userMode)
        {
            var register = new FaultStatusRegister(fsr);
            if (kind == FaultKind.Prefetch && !userMode)
            {
                return Unhandled(kind, far, register, userMode, VmStatus.NoError);
            }

            if (!register.ReachesPageFaultHandler)
            {
                // Quirk (docs/memory-manager.md §5.1): alignment, access-flag, domain, external aborts... are "handled" by invalidating the
                // page's TLB entry (TLBIMVAAIS, all ASIDs) and retrying, so a persistent one loops.
                var page = far & ~(VmZone.PageSize - 1);
                tlb.InvalidatePage(page, vm.SpaceGet(far)?.ArchMmu?.Asid ?? 0);
                return FaultOutcome.RetryAfterTlbInvalidate(page);
            }

            var write = kind == FaultKind.Data && register.WnR;
            var pfFlags = PageFaultFlags.NotPresent; // set even for permission faults
            if (write)
            {
                pfFlags |= PageFaultFlags.Write;
            }
            if (userMode)
            {
                pfFlags |= PageFaultFlags.User;
            }
            if (kind == FaultKind.Prefetch)
            {
                pfFlags |= PageFaultFlags.Instruction;
            }

            var status = OsVmPageFaultHandler(far, pfFlags);
            if (status == VmStatus.NoError)
            {
                return FaultOutcome.Resume(far);
            }
            // The kernel tries OsFaultTryFixup here for kernel-mode faults; the firmware has no __exc_table (no
            // user-copy routines), so there is nothing to match and the fault is unhandled.
            return Unhandled(kind, far, register, userMode, status);
        }

        /// <summary>
        /// OsVmPageFaultHandler (docs/memory-manager.md §5.2) for anonymous memory: NoError when the access can be retried.
        /// </summary>
        public VmStatus OsVmPageFaultHandler(uint va, uint flags)
        {
            var space = vm.SpaceGet(va);
            if (space == null)
            {
                log.Log(LogLevel.Error, "vm space not exists");
                return VmStatus.NotFound;
            }
            if ((flags & PageFaultFlags.User) != 0 && !VmZone.IsUserAddress(va))
            {
                log.Log(LogLevel.Error, "user space not allowed to access invalid address");
                return VmStatus.AccessDenied;
            }
            if (!space.TryRegionFind(va, out var region))
            {
                log.Log(LogLevel.Error, "region not exists");
                return VmStatus.NotFound;
            }
            if (!OsVmRegionPermissionCheck(region, flags))
            {
                return VmStatus.AccessDenied;
            }
            // OomCheckProcess (oom.c) would fail here with NO_MEMORY; LOSCFG_KERNEL_OOM is not part of the model.

            va = VmZone.RoundDown(va, VmZone.PageSize);
            // FILE regions with a vnode would take OsDoReadFault/SharedFault/CowFault (docs/memory-manager.md §5.3); the model has no
            // VFS, so every region is served by the anonymous path as ANON/NONE/DEV regions are in the kernel.
            return AnonymousFault(space.ArchMmu, region, va);
        }

        private VmStatus AnonymousFault(ArchMmu mmu, FaultRegion region, uint va)
        {
            var newPage = phys.LOS_PhysPageAlloc();
            if (newPage == null)
            {
                return VmStatus.NoMemory;
            }
            var newPa = newPage.PhysAddr;
            phys.ZeroPage(newPage);

            var query = mmu.LOS_ArchMmuQuery(va);
            if (query.IsMapped)
            {
                // Copy-on-write: a write to a read-only mapping of a writable region (after fork, docs/memory-manager.md §5.4).
                var oldPa = query.Pa;
                mmu.LOS_ArchMmuUnmap(va, 1);
                phys.OsPhysSharePageCopy(oldPa, ref newPa, newPage);
                if (newPa == oldPa)
                {
                    // The last sharer keeps the old page; the fresh one goes back (refCounts 0 → freed).
                    phys.LOS_PhysPageFree(newPage);
                    newPage = null;
                }
                if (mmu.LOS_ArchMmuMap(va, newPa, 1, region.RegionFlags) < 0)
                {
                    log.Log(LogLevel.Error, $"failed to map replacement page, status:{(int)VmStatus.MapFailed}");
                    FreeNew(newPage);
                    return VmStatus.MapFailed;
                }
                return VmStatus.NoError;
            }

            // Demand paging: a private zeroed page with the region's full permissions (no shared zero page).
            newPage.RefCounts++;
            var status = mmu.LOS_ArchMmuMap(va, newPa, 1, region.RegionFlags);
            if (status < 0)
            {
                log.Log(LogLevel.Error, $"failed to map page, status:{status}");
                FreeNew(newPage);
                return VmStatus.MapFailed;
            }
            return VmStatus.NoError;
        }

        private void FreeNew(LosVmPage? page)
        {
            if (page != null)
            {
                phys.LOS_PhysPageFree(page);
            }
        }

        /// <summary>OsVmRegionPermissionCheck: READ always required; WRITE and INSTRUCTION need their permission.</summary>
        private bool OsVmRegionPermissionCheck(FaultRegion region, uint flags)
        {
            if ((region.RegionFlags & RegionFlags.PermRead) == 0)
            {
                log.Log(LogLevel.Error, $"read permission check failed operation flags {flags:x}, region flags {(uint)region.RegionFlags:x}");
                return false;
            }
            if ((flags & PageFaultFlags.Write) != 0 && (region.RegionFlags & RegionFlags.PermWrite) == 0)
            {
                log.Log(LogLevel.Error, $"write permission check failed operation flags {flags:x}, region flags {(uint)region.RegionFlags:x}");
                return false;
            }
            if ((flags & PageFaultFlags.Instruction) != 0 && (region.RegionFlags & RegionFlags.PermExecute) == 0)
            {
                log.Log(LogLevel.Error, $"exec permission check failed operation flags {flags:x}, region flags {(uint)region.RegionFlags:x}");
                return false;
            }
            return true;
        }

        /// <summary>_osExceptDispatch → OsExcHandleEntry: the report, then kill the user process or halt.</summary>
        private static FaultOutcome Unhandled(FaultKind kind, uint far, FaultStatusRegister register, bool userMode, VmStatus status)
        {
            var lines = new[] { register.Header(kind, far), register.Describe(kind) };
            return userMode
                ? FaultOutcome.KillUserProcess(far, status, lines)
                : FaultOutcome.KernelHalt(far, status, lines);
        }
    }
}
