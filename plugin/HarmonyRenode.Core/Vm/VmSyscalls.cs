using System;
using System.Runtime.CompilerServices;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// los_vm_syscall.c (docs/memory-manager.md §3.8) on the current process space: mmap, munmap, brk, mprotect, mremap.
    /// Address results are VADDR_T as the kernel returns them: a negative errno comes back as its 32-bit pattern
    /// (e.g. -EINVAL = 0xFFFFFFEA); <see cref="IsError"/> tells them apart from addresses.
    /// </summary>
    public sealed class VmSyscalls
    {
        private readonly VmMap map;
        private readonly VmLog log;

        public VmSyscalls(VmMap map, VmLog log)
        {
            this.map = map;
            this.log = log;
        }

        private LosVmSpace? Current => map.Spaces.CurrentSpace;

        /// <summary>True for the -errno patterns (-4095..-1) syscalls return instead of an address.</summary>
        public static bool IsError(uint result) => result > 0xFFFFF000u;

        public static uint Errno(int errno) => unchecked((uint)-errno);

        /// <summary>
        /// OsCheckMMapParams: len 0 or above USER_ASPACE_SIZE → -EINVAL; above mapSize → -ENOMEM; a hint is rounded up
        /// and dropped (0) if not a user range; FIXED* needs an aligned user range; flags must touch 0x23 and name
        /// exactly one of SHARED/PRIVATE; pgoff must not overflow. 0 when fine.
        /// </summary>
        public static int OsCheckMMapParams(LosVmSpace space, ref uint va, MapFlags flags, uint len, uint pgoff)
        {
            if (len == 0 || len > VmZone.UserAspaceSize)
            {
                return -LosReturn.EINVAL;
            }
            if (len > space.MapSize)
            {
                return -LosReturn.ENOMEM;
            }
            if ((flags & (MapFlags.Fixed | MapFlags.FixedNoReplace)) == 0)
            {
                va = VmZone.RoundUp(va, VmZone.PageSize);
                if (va != 0 && !VmZone.IsUserAddressRange(va, len))
                {
                    va = 0;
                }
            }
            else if (!VmZone.IsUserAddressRange(va, len) || !VmZone.IsPageAligned(va))
            {
                return -LosReturn.EINVAL;
            }
            if ((flags & MapFlags.SupportMask) == 0)
            {
                return -LosReturn.EINVAL;
            }
            var sharing = flags & MapFlags.SharedPrivate;
            if (sharing == 0 || sharing == MapFlags.SharedPrivate)
            {
                return -LosReturn.EINVAL;
            }
            if ((len >> VmZone.PageShift) + pgoff < pgoff)
            {
                return -LosReturn.EINVAL;
            }
            return 0;
        }

        /// <summary>
        /// LOS_MMap. Anonymous mappings only: file-backed (named) mappings need a VFS the model does not have, so
        /// fs_getfilep fails for every fd and they return -EBADF. An address inside the brk heap releases the heap's
        /// pages instead (OsUserHeapFree) and returns the address. Pages come later, by fault.
        /// </summary>
        public uint LOS_MMap(uint va, uint len, ProtFlags prot, MapFlags flags, int fd, uint pgoff)
        {
            using (log.Operation())
            {
                var space = Current;
                if (space == null)
                {
                    log.Err(nameof(LOS_MMap), "no current process space");
                    return Errno(LosReturn.EINVAL);
                }
                len = VmZone.RoundUp(len, VmZone.PageSize);
                var check = OsCheckMMapParams(space, ref va, flags, len, pgoff);
                if (check != 0)
                {
                    log.ErrIfSilent(nameof(LOS_MMap), $"bad parameters va {PrintfHex.Prefixed(va)} len {PrintfHex.Prefixed(len)} flags {PrintfHex.Prefixed((uint)flags)}: {check}");
                    return unchecked((uint)check);
                }
                if ((flags & MapFlags.Anonymous) == 0)
                {
                    log.ErrIfSilent(nameof(LOS_MMap), $"fd {fd}: file mappings are not modelled (no VFS): -EBADF");
                    return Errno(LosReturn.EBADF);
                }
                if (map.OsUserHeapFree(space, va, len) == 0)
                {
                    return va;
                }
                var region = map.LOS_RegionAlloc(space, va, len, MmanFlags.OsCvtProtFlagsToRegionFlags(prot, flags), pgoff);
                if (region == null)
                {
                    log.ErrIfSilent(nameof(LOS_MMap), $"no room for va {PrintfHex.Prefixed(va)} len {PrintfHex.Prefixed(len)}: -ENOMEM");
                    return Errno(LosReturn.ENOMEM);
                }
                region.RegionFlags |= RegionFlags.Mmap;
                region.RegionType = VmMapRegionType.Anon; // OsAnonMMap
                return region.Base;
            }
        }

        /// <summary>LOS_UnMMap (munmap): 0 or -EINVAL; partial regions are split first, addr is rounded UP.</summary>
        public int LOS_UnMMap(uint addr, uint size)
        {
            using (log.Operation())
            {
                return map.LOS_UnMMap(addr, size);
            }
        }

        /// <summary>
        /// LOS_DoBrk (docs/memory-manager.md §3.8): 0 → current break. Grow: the first call creates the HEAP region at heapBase,
        /// later calls only resize it (no overlap check beyond "below mapBase"). Shrink: munmap of the page-rounded
        /// tail; heapNow becomes the unaligned addr (quirk: a shrink within one page unmaps nothing, fails, and the
        /// old break is returned).
        /// </summary>
        public uint LOS_DoBrk(uint addr)
        {
            using (log.Operation())
            {
                var space = Current;
                if (space == null)
                {
                    log.Err(nameof(LOS_DoBrk), "no current process space");
                    return Errno(LosReturn.ENOMEM);
                }
                if (addr == 0)
                {
                    return space.HeapNow;
                }
                if (addr < space.HeapBase)
                {
                    log.ErrIfSilent(nameof(LOS_DoBrk), $"brk {PrintfHex.Prefixed(addr)} below heap base {PrintfHex.Prefixed(space.HeapBase)}: -ENOMEM");
                    return Errno(LosReturn.ENOMEM);
                }
                var size = VmZone.RoundUp(addr - space.HeapBase, VmZone.PageSize);
                var alignAddr = space.HeapBase + size;
                if (addr < space.HeapNow)
                {
                    return OsShrinkHeap(space, addr);
                }
                if (alignAddr >= space.MapBase)
                {
                    log.Err(nameof(LOS_DoBrk), "Process heap memory space is insufficient");
                    return Errno(LosReturn.ENOMEM);
                }
                if (space.HeapBase == space.HeapNow)
                {
                    var region = map.LOS_RegionAlloc(space, space.HeapBase, size,
                        RegionFlags.PermRead | RegionFlags.PermWrite | RegionFlags.Fixed | RegionFlags.PermUser, 0);
                    if (region == null)
                    {
                        log.Err(nameof(LOS_DoBrk), "LOS_RegionAlloc failed");
                        return Errno(LosReturn.ENOMEM);
                    }
                    region.RegionFlags |= RegionFlags.Heap;
                    space.Heap = region;
                }
                space.HeapNow = alignAddr;
                space.Heap!.SetSize(size); // made above on the first brk (HeapNow == HeapBase), kept since
                return space.HeapNow;
            }
        }

        /// <summary>
        /// LOS_DoMprotect (docs/memory-manager.md §3.8): new flags = prot converted | old SHARED | old name flag, so PRIVATE, FIXED and
        /// the cache bits are dropped; the range is split off first; only mapped pages are re-mapped.
        /// Quirk: the split's status is ignored, and len 0 splits and re-flags the tail then fails with -ENOMEM
        /// (LOS_ArchMmuChangeProt refuses count 0).
        /// </summary>
        public int LOS_DoMprotect(uint va, uint len, ProtFlags prot)
        {
            using (log.Operation())
            {
                var space = Current;
                if (space == null)
                {
                    log.Err(nameof(LOS_DoMprotect), "no current process space");
                    return -LosReturn.EINVAL;
                }
                var region = VmMap.LOS_RegionFind(space, va);
                if (!VmZone.IsPageAligned(va) || region == null || va > va + len)
                {
                    return Fail(-LosReturn.EINVAL, $"va {PrintfHex.Prefixed(va)} len {PrintfHex.Prefixed(len)}: unaligned, unmapped or wrapping");
                }
                if ((prot & ~(ProtFlags.Read | ProtFlags.Write | ProtFlags.Exec)) != 0)
                {
                    return Fail(-LosReturn.EINVAL, $"prot {PrintfHex.Prefixed((uint)prot)} has unknown bits");
                }
                if ((region.RegionFlags & (RegionFlags.Vdso | RegionFlags.Heap | RegionFlags.LiteIpc)) != 0)
                {
                    return Fail(-LosReturn.EPERM, $"region {PrintfHex.Prefixed(region.Base)} is HEAP, VDSO or LITEIPC");
                }
                len = VmZone.RoundUp(len, VmZone.PageSize);
                if (region.Base + region.Size < va + len)
                {
                    return Fail(-LosReturn.EINVAL, $"range {PrintfHex.Prefixed(va)}+{PrintfHex.Prefixed(len)} crosses the region end");
                }
                if (region.Size > len)
                {
                    map.OsVmRegionAdjust(space, va, len);
                }
                var flags = MmanFlags.OsCvtProtFlagsToRegionFlags(prot, 0)
                    | (region.RegionFlags & RegionFlags.Shared)
                    | MmanFlags.OsInheritOldRegionName(region.RegionFlags);
                region = VmMap.LOS_RegionFind(space, va);
                if (region == null)
                {
                    return Fail(-LosReturn.ENOMEM, "region lost after split");
                }
                region.RegionFlags = flags;
                if (!space.ArchMmu.LOS_ArchMmuChangeProt(va, (int)(len >> VmZone.PageShift), flags))
                {
                    return Fail(-LosReturn.ENOMEM, $"change prot of {PrintfHex.Prefixed(va)} count {len >> VmZone.PageShift} failed");
                }
                return 0;
            }
        }

        /// <summary>
        /// LOS_DoMremap (docs/memory-manager.md §3.8): FIXED moves to newAddr; shrink unmaps the tail; grow in place when the
        /// successor leaves room (quirk: no successor → cannot grow in place); else MAYMOVE moves to a first fit.
        /// </summary>
        public uint LOS_DoMremap(uint oldAddress, uint oldSize, uint newSize, MremapFlags flags, uint newAddr)
        {
            using (log.Operation())
            {
                var space = Current;
                if (space == null)
                {
                    log.Err(nameof(LOS_DoMremap), "no current process space");
                    return Errno(LosReturn.EINVAL);
                }
                oldSize = VmZone.RoundUp(oldSize, VmZone.PageSize);
                newSize = VmZone.RoundUp(newSize, VmZone.PageSize);
                var check = OsMremapCheck(space, oldAddress, oldSize, newAddr, newSize, flags);
                if (check != 0)
                {
                    return unchecked((uint)Fail(check, $"mremap {PrintfHex.Prefixed(oldAddress)} {PrintfHex.Prefixed(oldSize)} -> {PrintfHex.Prefixed(newSize)} flags {(uint)flags}"));
                }
                if (map.OsVmRegionAdjust(space, oldAddress, oldSize) != VmStatus.NoError)
                {
                    return Errno(LosReturn.ENOMEM);
                }
                var regionOld = VmMap.LOS_RegionFind(space, oldAddress);
                if (regionOld == null)
                {
                    return unchecked((uint)Fail(-LosReturn.ENOMEM, "old region lost after split"));
                }
                if ((flags & MremapFlags.Fixed) != 0)
                {
                    return MoveRegion(space, regionOld, newAddr, newSize, Math.Min(newSize, regionOld.Size));
                }
                if (oldSize > newSize)
                {
                    map.LOS_UnMMap(oldAddress + newSize, oldSize - newSize);
                    return oldAddress;
                }
                if (map.OsIsRegionCanExpand(space, regionOld, newSize) == LosReturn.Ok)
                {
                    regionOld.SetSize(newSize);
                    return oldAddress;
                }
                if ((flags & MremapFlags.MayMove) != 0)
                {
                    return MoveRegion(space, regionOld, 0, newSize, regionOld.Size);
                }
                return unchecked((uint)Fail(-LosReturn.EINVAL, "cannot grow in place and MREMAP_MAYMOVE not given"));
            }
        }

        private static int OsMremapCheck(LosVmSpace space, uint addr, uint oldLen, uint newAddr, uint newLen, MremapFlags flags)
        {
            var region = VmMap.LOS_RegionFind(space, addr);
            if (region == null || region.Base > addr || newLen == 0)
            {
                return -LosReturn.EINVAL;
            }
            if ((flags & ~(MremapFlags.Fixed | MremapFlags.MayMove)) != 0)
            {
                return -LosReturn.EINVAL;
            }
            if ((flags & MremapFlags.Fixed) != 0 && (flags & MremapFlags.MayMove) == 0)
            {
                return -LosReturn.EINVAL;
            }
            if (!VmZone.IsPageAligned(addr))
            {
                return -LosReturn.EINVAL;
            }
            var regionEnd = region.Base + region.Size;
            if (oldLen > regionEnd - addr)
            {
                return -LosReturn.EFAULT;
            }
            if (newLen > oldLen && addr + newLen < addr)
            {
                return -LosReturn.EINVAL;
            }
            if ((flags & MremapFlags.Fixed) != 0)
            {
                if (region.Base + region.Size > newAddr && region.Base < newAddr + newLen)
                {
                    return -LosReturn.EINVAL;
                }
                if (!VmZone.IsPageAligned(newAddr))
                {
                    return -LosReturn.EINVAL;
                }
            }
            return 0;
        }

        private uint MoveRegion(LosVmSpace space, LosVmMapRegion regionOld, uint newAddr, uint newSize, uint moveBytes)
        {
            var regionNew = map.OsVmRegionDup(space, regionOld, newAddr, newSize);
            if (regionNew == null)
            {
                return unchecked((uint)Fail(-LosReturn.ENOMEM, $"no room for {PrintfHex.Prefixed(newSize)} bytes"));
            }
            if (!space.ArchMmu.LOS_ArchMmuMove(regionOld.Base, regionNew.Base, (int)(moveBytes >> VmZone.PageShift), regionOld.RegionFlags))
            {
                map.LOS_RegionFree(space, regionNew);
                return unchecked((uint)Fail(-LosReturn.ENOMEM, "LOS_ArchMmuMove failed"));
            }
            map.LOS_RegionFree(space, regionOld);
            return regionNew.Base;
        }

        private int Fail(int errno, string why, [CallerMemberName] string function = "")
        {
            log.ErrIfSilent(function, $"{why}: {errno}");
            return errno;
        }

        private uint OsShrinkHeap(LosVmSpace space, uint addr)
        {
            var newBrk = VmZone.RoundUp(addr, VmZone.PageSize);
            var oldBrk = VmZone.RoundUp(space.HeapNow, VmZone.PageSize);
            if (map.LOS_UnMMap(newBrk, oldBrk - newBrk) < 0)
            {
                return space.HeapNow;
            }
            space.HeapNow = addr;
            return addr;
        }
    }
}
