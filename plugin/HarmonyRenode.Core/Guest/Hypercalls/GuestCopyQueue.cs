using System.Collections.Generic;

namespace HarmonyRenode.Core.Guest.Hypercalls
{
    /// <summary>
    /// Copies of guest memory the host asks the guest to make before a hypercall returns (a copy-on-write fault's page
    /// copy). QEMU does not see host writes to shared RAM, so a page the host filled with what becomes code could be
    /// run from a stale translated block; stores the guest makes itself invalidate those blocks.
    /// </summary>
    public sealed class GuestCopyQueue
    {
        private readonly List<(uint Destination, uint Source, uint Length)> copies = new List<(uint, uint, uint)>(MailboxLayout.OpEntries);

        /// <summary>True while a hypercall is being serviced: only then can the guest do the work.</summary>
        public bool Open { get; set; }

        public int Count => copies.Count;

        public (uint Destination, uint Source, uint Length) this[int index] => copies[index];

        /// <summary>Queues a copy (physical addresses); false when closed or full, and the caller copies itself.</summary>
        public bool TryAdd(uint destination, uint source, int length)
        {
            if (!Open || copies.Count == MailboxLayout.OpEntries || length <= 0)
            {
                return false;
            }
            copies.Add((destination, source, (uint)length));
            return true;
        }

        /// <summary>
        /// Takes out the oldest queued copy whose destination overlaps [address, address + length): a host access to
        /// those bytes must see that copy made first (LOS_ArchCopyToUser into a page a copy-on-write fault of the same
        /// call has just copied), so the memory makes it itself, now, and the guest does not redo it afterwards.
        /// </summary>
        public bool TryTakeOverlapping(uint address, int length, out (uint Destination, uint Source, uint Length) copy)
        {
            for (var i = 0; i < copies.Count; i++)
            {
                var c = copies[i];
                if ((ulong)address < (ulong)c.Destination + c.Length && (ulong)c.Destination < (ulong)address + (ulong)length)
                {
                    copies.RemoveAt(i);
                    copy = c;
                    return true;
                }
            }
            copy = default;
            return false;
        }

        public void Clear() => copies.Clear();
    }
}
