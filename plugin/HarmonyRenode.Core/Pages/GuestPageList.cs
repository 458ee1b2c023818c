using System.Collections.Generic;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Pages
{
    /// <summary>
    /// A caller's LOS_DL_LIST of page descriptors in guest RAM (los_list.h: {pstPrev, pstNext}, kernel VAs), as
    /// LOS_PhysPagesAlloc fills it and LOS_PhysPagesFree empties it (los_vm_phys.c). A descriptor's `node` is its
    /// first field, so a node's address is its LosVmPage pointer. The model only follows pointers that lie in the
    /// managed part of the kernel window; the kernel would follow any and fault or scribble.
    /// </summary>
    public sealed class GuestPageList
    {
        private readonly GuestRam ram;
        private readonly MemoryConfig config;

        public GuestPageList(GuestRam ram, MemoryConfig config)
        {
            this.ram = ram;
            this.config = config;
        }

        /// <summary>True when a list node (two words) at <paramref name="va"/> lies in managed RAM through the kernel window.</summary>
        public bool IsNodeAddress(uint va) =>
            (va & 3) == 0 && va >= VmZone.KernelAspaceBase && va - VmZone.KernelAspaceBase <= config.ManagedSize - 8;

        public uint Next(uint node) => ram.Read(config.KernelVaToPa(node) + 4);

        public uint Prev(uint node) => ram.Read(config.KernelVaToPa(node));

        /// <summary>LOS_ListTailInsert: LOS_ListAdd(list->pstPrev, node); false (nothing written) when the tail links outside managed RAM.</summary>
        public bool LOS_ListTailInsert(uint list, uint node)
        {
            var tail = Prev(list);
            if (!IsNodeAddress(tail))
            {
                return false;
            }
            var after = Next(tail);
            if (!IsNodeAddress(after))
            {
                return false;
            }
            SetNext(node, after);
            SetPrev(node, tail);
            SetPrev(after, node);
            SetNext(tail, node);
            return true;
        }

        /// <summary>LOS_ListDelete: the neighbours are linked to each other, the node's words become NULL; false when they lie outside managed RAM.</summary>
        public bool LOS_ListDelete(uint node)
        {
            var next = Next(node);
            var prev = Prev(node);
            if (!IsNodeAddress(next) || !IsNodeAddress(prev))
            {
                return false;
            }
            SetPrev(next, prev);
            SetNext(prev, next);
            SetNext(node, 0);
            SetPrev(node, 0);
            return true;
        }

        /// <summary>
        /// The nodes after <paramref name="list"/> in pstNext order, up to <paramref name="limit"/>; stops at a
        /// pointer outside managed RAM (<paramref name="broken"/> is then that pointer, else null).
        /// </summary>
        public List<uint> Nodes(uint list, int limit, out uint? broken)
        {
            var nodes = new List<uint>();
            broken = null;
            var node = Next(list);
            while (node != list && nodes.Count < limit)
            {
                if (!IsNodeAddress(node))
                {
                    broken = node;
                    break;
                }
                nodes.Add(node);
                node = Next(node);
            }
            return nodes;
        }

        private void SetNext(uint node, uint value) => ram.Write(config.KernelVaToPa(node) + 4, value);

        private void SetPrev(uint node, uint value) => ram.Write(config.KernelVaToPa(node), value);
    }
}
