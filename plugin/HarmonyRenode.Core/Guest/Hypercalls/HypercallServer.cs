using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Guest.Hypercalls
{
    /// <summary>
    /// Serves the hypercall mailbox (firmware/ABI.md, "Hypercalls") for any engine: reads the posted id and registers,
    /// runs the call through the <see cref="HookDispatcher"/>, and writes the result, the page copies and the TLB
    /// invalidations the guest must do, then the done state last. QEMU calls <see cref="Serve"/> from the thread that
    /// polls the mailbox, Renode from inside the doorbell register's write.
    /// </summary>
    public sealed class HypercallServer
    {
        private readonly HookDispatcher dispatcher;
        private readonly IGuestMemory memory;
        private readonly uint mailbox;
        private readonly MailboxCpu cpu;
        private readonly System.Func<uint, uint> paToKernelVa;

        public HypercallServer(HookDispatcher dispatcher, IGuestMemory memory, uint mailboxPa, MailboxTlb tlb,
            System.Func<uint, uint> paToKernelVa, GuestCopyQueue? copies = null)
        {
            this.dispatcher = dispatcher;
            this.memory = memory;
            mailbox = mailboxPa;
            Tlb = tlb;
            Copies = copies ?? new GuestCopyQueue();
            this.paToKernelVa = paToKernelVa;
            cpu = new MailboxCpu(memory, mailboxPa);
        }

        public MailboxTlb Tlb { get; }

        public GuestCopyQueue Copies { get; }

        public uint MailboxAddress => mailbox;

        /// <summary>The symbol of the last request served (diagnostics).</summary>
        public string? LastSymbol { get; private set; }

        public bool IsPosted => memory.ReadUInt32(mailbox + MailboxLayout.State) == MailboxLayout.StatePosted;

        /// <summary>
        /// Serves the posted request. Halt leaves the request unanswered: the machine is stopped, not resumed.
        /// </summary>
        public HookOutcome Serve()
        {
            var id = memory.ReadUInt32(mailbox + MailboxLayout.Id);
            if (id >= dispatcher.Symbols.Count)
            {
                throw new GuestProtocolException($"hypercall id {id} posted, but the host knows {dispatcher.Symbols.Count}");
            }
            var symbol = dispatcher.Symbols[(int)id];
            LastSymbol = symbol;
            cpu.Reset(memory.ReadUInt32(mailbox + MailboxLayout.Args));
            Tlb.Clear();
            Copies.Clear();
            Copies.Open = true;
            HookOutcome outcome;
            try
            {
                outcome = dispatcher.Service(symbol, cpu);
            }
            finally
            {
                Copies.Open = false;
            }
            if (outcome == HookOutcome.Halt)
            {
                return outcome;
            }
            Complete(cpu.Result);
            return outcome;
        }

        private void Complete(uint result)
        {
            uint actions = 0;
            for (var i = 0; i < Copies.Count; i++)
            {
                var (destination, source, length) = Copies[i];
                var op = mailbox + MailboxLayout.Ops + (uint)(i * MailboxLayout.OpSize);
                memory.WriteUInt32(op, MailboxLayout.OpCopy);
                memory.WriteUInt32(op + 4, paToKernelVa(destination));
                memory.WriteUInt32(op + 8, paToKernelVa(source));
                memory.WriteUInt32(op + 12, length);
                actions |= MailboxLayout.ActionOps;
            }
            memory.WriteUInt32(mailbox + MailboxLayout.OpCount, (uint)Copies.Count);
            if (Tlb.All)
            {
                actions |= MailboxLayout.ActionTlbAll;
            }
            else if (Tlb.Pages.Count > 0)
            {
                for (var i = 0; i < Tlb.Pages.Count; i++)
                {
                    memory.WriteUInt32(mailbox + MailboxLayout.Tlb + 4 * (uint)i, Tlb.Pages[i]);
                }
                memory.WriteUInt32(mailbox + MailboxLayout.TlbCount, (uint)Tlb.Pages.Count);
                actions |= MailboxLayout.ActionTlbList;
            }
            memory.WriteUInt32(mailbox + MailboxLayout.Result, result);
            memory.WriteUInt32(mailbox + MailboxLayout.Actions, actions);
            System.Threading.Thread.MemoryBarrier(); // every word above before the state that publishes them
            memory.WriteUInt32(mailbox + MailboxLayout.State, MailboxLayout.StateDone);
        }
    }
}
