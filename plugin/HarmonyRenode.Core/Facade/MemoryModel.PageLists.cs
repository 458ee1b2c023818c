using System.Collections.Generic;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Facade
{
    /// <summary>
    /// LOS_PhysPagesAlloc / LOS_PhysPagesFree (los_vm_phys.c): single pages on a caller's LOS_DL_LIST in guest RAM,
    /// linked through the descriptors' `node` field as the kernel links them.
    /// </summary>
    public sealed partial class MemoryModel
    {
        private GuestPageList? guestLists;

        private GuestPageList GuestLists => guestLists ?? (guestLists = new GuestPageList(Phys.Ram, Config));

        /// <summary>LOS_PhysPagesAlloc: up to <paramref name="nPages"/> single pages tail-inserted into the guest's list; how many.</summary>
        public uint LOS_PhysPagesAlloc(uint nPages, uint list)
        {
            if (list == 0 || nPages == 0)
            {
                return 0;
            }
            if (!GuestLists.IsNodeAddress(list))
            {
                Log.Log(LogLevel.Error, $"[ERR]{nameof(LOS_PhysPagesAlloc)} list 0x{list:x8} is not a LOS_DL_LIST in the kernel's RAM");
                return 0;
            }
            uint count = 0;
            while (count < nPages)
            {
                var page = Phys.LOS_PhysPageAlloc();
                if (page == null)
                {
                    break;
                }
                var descriptor = PageArray.Publish(page);
                if (!GuestLists.LOS_ListTailInsert(list, descriptor))
                {
                    Phys.LOS_PhysPageFree(page);
                    PageArray.Publish(page);
                    Log.Log(LogLevel.Error, $"[ERR]{nameof(LOS_PhysPagesAlloc)} list 0x{list:x8} links outside the kernel's RAM");
                    break;
                }
                PageArray.GuestListed.Add(page);
                Allocated(nameof(LOS_PhysPagesAlloc), VmZone.PageSize, descriptor);
                count++;
            }
            return count;
        }

        /// <summary>
        /// LOS_PhysPagesFree: every node unlinked (LOS_ListDelete) and its page's reference dropped, the page freed
        /// at none; returns the nodes visited. A node that is not a descriptor of the page array ends the walk with
        /// one line (the kernel would treat the memory as a page). <paramref name="holdLastReference"/> (the oracle's
        /// --sanitize) may keep a page whose last reference the list held: it is unlinked, and the caller frees it later
        /// with <see cref="LOS_PhysPageFree"/> (true: held).
        /// </summary>
        public uint LOS_PhysPagesFree(uint list, System.Func<LosVmPage, uint, bool>? holdLastReference = null)
        {
            if (list == 0)
            {
                return 0;
            }
            if (!GuestLists.IsNodeAddress(list))
            {
                Log.Log(LogLevel.Error, $"[ERR]{nameof(LOS_PhysPagesFree)} list 0x{list:x8} is not a LOS_DL_LIST in the kernel's RAM");
                return 0;
            }
            uint count = 0;
            foreach (var node in GuestListPages(list))
            {
                var page = PageArray.PageOf(node);
                if (page == null)
                {
                    Log.Log(LogLevel.Error, $"[ERR]{nameof(LOS_PhysPagesFree)} node 0x{node:x8} of list 0x{list:x8} is not a LosVmPage of g_vmPageArray");
                    break;
                }
                if (!GuestLists.LOS_ListDelete(node))
                {
                    Log.Log(LogLevel.Error, $"[ERR]{nameof(LOS_PhysPagesFree)} node 0x{node:x8} links outside the kernel's RAM");
                    break;
                }
                PageArray.GuestListed.Remove(page);
                if (page.RefCounts <= 1 && !Phys.IsFree(page) && holdLastReference != null && holdLastReference(page, node))
                {
                    PageArray.PublishFields(page); // unlinked: the node's links are the list code's words, the rest as it was
                    count++;
                    continue;
                }
                Phys.LOS_PhysPageFree(page);
                if (Phys.IsFree(page))
                {
                    PageArray.Publish(page);
                }
                else
                {
                    PageArray.PublishFields(page);
                }
                Freed(nameof(LOS_PhysPagesFree), node, 0);
                count++;
            }
            return count;
        }

        /// <summary>
        /// The nodes of a guest list in pstNext order, as far as they stay in the kernel's RAM, at most one per page
        /// (a longer walk is a cycle that does not pass the head).
        /// </summary>
        public IReadOnlyList<uint> GuestListPages(uint list)
        {
            if (!GuestLists.IsNodeAddress(list))
            {
                return new uint[0];
            }
            var nodes = GuestLists.Nodes(list, Phys.TotalPageCount, out var broken);
            if (broken.HasValue)
            {
                Log.Log(LogLevel.Error, $"[ERR]list 0x{list:x8} links to 0x{broken.Value:x8}, outside the kernel's RAM");
            }
            return nodes;
        }
    }
}
