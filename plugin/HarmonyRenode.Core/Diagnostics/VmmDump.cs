using System;
using System.Text;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Diagnostics
{
    /// <summary>
    /// The `vmm` shell command (OsDumpAspace / OsDumpRegion2, docs/memory-manager.md §6.1). The model has no processes: the kernel
    /// space is shown as the kernel process's (PID 0), user spaces get PIDs in creation order from 3 on (1 and 2 are
    /// init and KProcess), and the vmalloc space, which no process owns, is skipped as the kernel skips it.
    /// </summary>
    public static class VmmDump
    {
        public const int FirstUserPid = 3;

        public static string Format(MemoryModel manager)
        {
            var text = new StringBuilder();
            var spaces = manager.Vm.Spaces;
            Space(text, manager, spaces.KernelSpace, 0, "KProcess");
            var users = 0;
            for (var i = spaces.SpaceList.Count - 1; i >= 0; i--)
            {
                var space = spaces.SpaceList[i];
                if (space.Kind == VmSpaceKind.User)
                {
                    Space(text, manager, space, FirstUserPid + users, space == spaces.CurrentSpace ? "current" : "user");
                    users++;
                }
            }
            return text.ToString();
        }

        private static void Space(StringBuilder text, MemoryModel manager, LosVmSpace space, int pid, string name)
        {
            var regions = space.Regions;
            text.Append("\r\n PID    aspace     name       base       size     pages \n");
            text.Append(" ----   ------     ----       ----       -----     ----\n");
            text.AppendFormat(" {0,-4} {1} {2,-10} {3} {4}     {5}\n", pid, PrintfHex.Alternate010(space.GuestAddress), Truncate(name, 10),
                PrintfHex.Alternate010(space.Base), PrintfHex.Alternate010(space.Size), space.MappedPageCount());
            text.Append("\r\n\t region      name                base       size       mmu_flags      pages   pg/ref\n");
            text.Append("\t ------      ----                ----       ----       ---------      -----   -----\n");
            foreach (var region in regions)
            {
                var pages = OsCountRegionPages(manager, space, region, out var pss);
                text.AppendFormat("\t {0}  {1,-32} {2} {3} {4,-15} {5,4}    {6,4}\n", PrintfHex.Alternate010(region.GuestAddress),
                    Truncate(OsGetRegionNameOrFilePath(region.RegionFlags), 32), PrintfHex.Alternate010(region.Base), PrintfHex.Alternate010(region.Size),
                    Truncate(OsArchFlagsToStr(region.RegionFlags), 15), pages, pss);
                foreach (var other in regions)
                {
                    if (other != region && other.Base <= region.EndAddr && region.Base <= other.EndAddr)
                    {
                        text.AppendFormat("overlap between regions:\nflags:{0:x} base:{1:x} size:{2:x} space:{3:x}\nflags:{4:x} base:{5:x} size:{6:x} space:{7:x}\n",
                            (uint)region.RegionFlags, region.Base, region.Size, space.GuestAddress,
                            (uint)other.RegionFlags, other.Base, other.Size, space.GuestAddress);
                    }
                }
            }
        }

        /// <summary>OsCountRegionPages: mapped pages, and their proportional share (1/refCounts each, rounded).</summary>
        private static int OsCountRegionPages(MemoryModel manager, LosVmSpace space, LosVmMapRegion region, out int pss)
        {
            var count = 0;
            double share = 0;
            for (uint offset = 0; offset < region.Size; offset += VmZone.PageSize)
            {
                var query = space.ArchMmu.LOS_ArchMmuQuery(region.Base + offset);
                if (!query.IsMapped)
                {
                    continue;
                }
                count++;
                var page = manager.Phys.LOS_VmPageGet(query.Pa);
                share += page == null || page.RefCounts <= 0 ? 1.0 : 1.0 / page.RefCounts;
            }
            pss = (int)Math.Round(share, MidpointRounding.AwayFromZero);
            return count;
        }

        /// <summary>OsGetRegionNameOrFilePath for anonymous regions: the first name flag in the kernel's order.</summary>
        public static string OsGetRegionNameOrFilePath(RegionFlags flags)
        {
            if ((flags & RegionFlags.Heap) != 0) return "HEAP";
            if ((flags & RegionFlags.Stack) != 0) return "STACK";
            if ((flags & RegionFlags.Text) != 0) return "Text";
            if ((flags & RegionFlags.Vdso) != 0) return "VDSO";
            if ((flags & RegionFlags.Mmap) != 0) return "MMAP";
            if ((flags & RegionFlags.Shm) != 0) return "SHM";
            if ((flags & RegionFlags.LiteIpc) != 0) return "LITEIPC";
            return "";
        }

        /// <summary>OsArchFlagsToStr: the cache type (strongly ordered printed as WC), then one tag per set bit.</summary>
        public static string OsArchFlagsToStr(RegionFlags flags)
        {
            var text = new StringBuilder();
            switch (flags & RegionFlags.CacheMask)
            {
                case RegionFlags.Cached: text.Append(" CH"); break;
                case RegionFlags.Uncached: text.Append(" UC"); break;
                case RegionFlags.UncachedDevice: text.Append(" UD"); break;
                default: text.Append(" WC"); break;
            }
            for (var bit = 2; bit < 32; bit++)
            {
                var flag = (RegionFlags)(1u << bit);
                if ((flags & flag) == 0)
                {
                    continue;
                }
                switch (flag)
                {
                    case RegionFlags.PermUser: text.Append(" US"); break;
                    case RegionFlags.PermRead: text.Append(" RD"); break;
                    case RegionFlags.PermWrite: text.Append(" WR"); break;
                    case RegionFlags.PermExecute: text.Append(" EX"); break;
                    case RegionFlags.NonSecure: text.Append(" NS"); break;
                    case RegionFlags.Invalid: text.Append(" IN"); break;
                }
            }
            return text.ToString();
        }

        /// <summary>printf's %#010x: "0x" and eight digits, except that zero prints without the prefix.</summary>

        private static string Truncate(string value, int width) => value.Length > width ? value.Substring(0, width) : value;
    }
}
