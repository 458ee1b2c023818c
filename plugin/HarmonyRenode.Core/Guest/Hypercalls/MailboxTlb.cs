using System.Collections.Generic;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Guest.Hypercalls
{
    /// <summary>
    /// The model's TLB maintenance during one hypercall, for the guest to replay when it returns: TLBIMVA per page
    /// (a TLBIALL costs QEMU microseconds more), TLBIALL for an ASID flush or when the list is full.
    /// </summary>
    public sealed class MailboxTlb : ITlbMaintenance
    {
        private readonly List<uint> pages = new List<uint>(MailboxLayout.TlbEntries);

        public bool All { get; private set; }

        public IReadOnlyList<uint> Pages => pages;

        public long Operations { get; private set; }

        public void InvalidatePage(uint virtualAddress, uint asid)
        {
            Operations++;
            if (All)
            {
                return;
            }
            if (pages.Count == MailboxLayout.TlbEntries)
            {
                All = true;
                return;
            }
            // TLBIMVA's operand: MVA[31:12] and the ASID in [7:0] (ARM ARM B4.2.3).
            pages.Add(virtualAddress & ~0xFFFu | asid & 0xFF);
        }

        public void InvalidateAsid(uint asid) => InvalidateAll();

        public void InvalidateAll()
        {
            Operations++;
            All = true;
        }

        public void Clear()
        {
            pages.Clear();
            All = false;
        }
    }
}
