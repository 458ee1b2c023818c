using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// los_arch_mmu.h as drivers call it, on `&amp;space->archMmu` of any space, and LOS_VaddrToPaddrMmap
    /// (los_vm_map.c). The table work is <see cref="Mmu.ArchMmu"/>'s, typed; here the guest's pointer is resolved,
    /// its flag word read as <see cref="RegionFlags"/>, the typed results turned into the kernel's codes and
    /// outputs, and the ranges the model cannot serve refused with one line where the kernel would write past its table.
    /// </summary>
    public sealed partial class LosMemoryApi
    {
        /// <summary>LOS_ArchMmuMap: pages mapped, or a negative VmStatus (InvalidArgs for unaligned addresses).</summary>
        public int LOS_ArchMmuMap(uint archMmu, uint vaddr, uint paddr, uint count, uint flags)
        {
            var mmu = ArchMmuOf(archMmu, nameof(LOS_ArchMmuMap));
            if (mmu == null)
            {
                return (int)VmStatus.InvalidArgs;
            }
            // OsMapParamCheck's own checks come first (NS panics, unaligned is INVALID_ARGS), then the model's range check.
            var kernelChecksPass = ((RegionFlags)flags & RegionFlags.NonSecure) == 0 && VmZone.IsPageAligned(vaddr) && VmZone.IsPageAligned(paddr);
            if (kernelChecksPass && !FitsTable(mmu, vaddr, count, nameof(LOS_ArchMmuMap)))
            {
                return (int)VmStatus.InvalidArgs;
            }
            return mmu.LOS_ArchMmuMap(vaddr, paddr, (int)count, (RegionFlags)flags);
        }

        /// <summary>LOS_ArchMmuUnmap: the pages covered (invalid 1 MiB slots count, docs/memory-manager.md §4.6), or a negative code.</summary>
        public int LOS_ArchMmuUnmap(uint archMmu, uint vaddr, uint count)
        {
            var mmu = ArchMmuOf(archMmu, nameof(LOS_ArchMmuUnmap));
            if (mmu == null || !FitsTable(mmu, vaddr, count, nameof(LOS_ArchMmuUnmap)))
            {
                return (int)VmStatus.InvalidArgs;
            }
            return mmu.LOS_ArchMmuUnmap(vaddr, (int)count);
        }

        /// <summary>
        /// LOS_ArchMmuQuery: LOS_OK with the PA and region flags, or VmStatus.NotFound. The outputs are null when
        /// the kernel leaves *paddr and *flags untouched: on an error, and on an L1 entry of type 3 (docs/memory-manager.md §4.7 quirk).
        /// </summary>
        public int LOS_ArchMmuQuery(uint archMmu, uint vaddr, out uint? paddr, out uint? flags)
        {
            paddr = null;
            flags = null;
            var mmu = ArchMmuOf(archMmu, nameof(LOS_ArchMmuQuery));
            if (mmu == null)
            {
                return (int)VmStatus.InvalidArgs;
            }
            var query = mmu.LOS_ArchMmuQuery(vaddr);
            if (!query.IsMapped)
            {
                return (int)query.Status;
            }
            var l1 = new Pte1(mmu.L1Entry(Pte1.OsGetPte1Index(vaddr)));
            if (l1.IsSection || l1.IsPageTable)
            {
                paddr = query.Pa;
                flags = (uint)query.Flags;
            }
            return (int)VmStatus.NoError;
        }

        /// <summary>LOS_ArchMmuChangeProt: LOS_OK, or LOS_NOK with the kernel's line for a NULL archMmu, a zero address or count.</summary>
        public uint LOS_ArchMmuChangeProt(uint archMmu, uint vaddr, uint count, uint flags)
        {
            if (archMmu == 0 || vaddr == 0 || count == 0)
            {
                Log.Log(LogLevel.Error, $"[ERR]{nameof(LOS_ArchMmuChangeProt)} invalid args: archMmu 0x{archMmu:x}, vaddr 0x{vaddr:x}, count {count}");
                return LosReturn.Nok;
            }
            var mmu = ArchMmuOf(archMmu, nameof(LOS_ArchMmuChangeProt));
            if (mmu == null || !FitsTable(mmu, vaddr, count, nameof(LOS_ArchMmuChangeProt)))
            {
                return LosReturn.Nok;
            }
            return mmu.LOS_ArchMmuChangeProt(vaddr, (int)count, (RegionFlags)flags) ? LosReturn.Ok : LosReturn.Nok;
        }

        /// <summary>LOS_ArchMmuMove: LOS_OK, or LOS_NOK for a NULL archMmu, a zero address or count.</summary>
        public uint LOS_ArchMmuMove(uint archMmu, uint oldVaddr, uint newVaddr, uint count, uint flags)
        {
            if (archMmu == 0 || oldVaddr == 0 || newVaddr == 0 || count == 0)
            {
                Log.Log(LogLevel.Error,
                    $"[ERR]{nameof(LOS_ArchMmuMove)} invalid args: archMmu 0x{archMmu:x}, oldVaddr 0x{oldVaddr:x}, newVddr 0x{newVaddr:x}, count {count}");
                return LosReturn.Nok;
            }
            var mmu = ArchMmuOf(archMmu, nameof(LOS_ArchMmuMove));
            if (mmu == null || !FitsTable(mmu, oldVaddr, count, nameof(LOS_ArchMmuMove)) || !FitsTable(mmu, newVaddr, count, nameof(LOS_ArchMmuMove)))
            {
                return LosReturn.Nok;
            }
            return mmu.LOS_ArchMmuMove(oldVaddr, newVaddr, (int)count, (RegionFlags)flags) ? LosReturn.Ok : LosReturn.Nok;
        }

        /// <summary>
        /// LOS_VaddrToPaddrMmap (los_vm_map.c): a region at <paramref name="vaddr"/> mapping the managed pages from
        /// <paramref name="paddr"/>, each page's refCounts + 1 (the region's free drops them). NULL space: the
        /// current process's, the kernel's while no user process is current.
        /// </summary>
        public int LOS_VaddrToPaddrMmap(uint space, uint vaddr, uint paddr, uint len, uint flags)
        {
            LosVmSpace? target;
            if (space == 0)
            {
                target = Model.LOS_CurrSpaceGet();
            }
            else
            {
                target = SpaceOf(space, nameof(LOS_VaddrToPaddrMmap));
                if (target == null)
                {
                    return (int)VmStatus.InvalidArgs;
                }
            }
            return (int)Model.Vm.VMalloc.LOS_VaddrToPaddrMmap(target, vaddr, paddr, len, (RegionFlags)flags);
        }

        /// <summary>The model's ArchMmu behind a guest `LosArchMmu *`, or null with one line.</summary>
        private ArchMmu? ArchMmuOf(uint archMmu, string function)
        {
            var space = SpaceOfArchMmu(archMmu);
            if (space == null)
            {
                Log.Log(LogLevel.Error, $"[ERR]{function} 0x{archMmu:x8} is not &space->archMmu of a LosVmSpace");
                return null;
            }
            return space.ArchMmu;
        }

        /// <summary>
        /// Model limit: <paramref name="count"/> pages from <paramref name="vaddr"/> must lie in the range the space's L1
        /// table translates (4 GiB for the kernel's 16 KiB table, 1 GiB for a user table). The kernel would index past
        /// a user table, or loop for billions of pages, where the model refuses.
        /// </summary>
        private bool FitsTable(ArchMmu mmu, uint vaddr, uint count, string function)
        {
            var end = (ulong)vaddr + ((ulong)count << VmZone.PageShift);
            var limit = (ulong)mmu.L1EntryCount << 20;
            if (end <= limit)
            {
                return true;
            }
            Log.Log(LogLevel.Error, $"[ERR]{function} vaddr 0x{vaddr:x} count {count} leaves the {mmu.L1EntryCount}-entry L1 table of asid {mmu.Asid}");
            return false;
        }
    }
}
