using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Guest.Hypercalls;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Tests.Guest;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest.Hypercalls
{
    /// <summary>The host half of firmware/runtime/hypercall.S on in-memory RAM: the guest's stores written by hand.</summary>
    public class HypercallServerTests
    {
        private const uint Ram = 0x40000000;
        private const uint Mailbox = Ram + 0x1000;
        private InMemoryGuestMemory memory;
        private HookDispatcherTests.TableSession session;
        private MailboxTlb tlb;

        [SetUp]
        public void SetUp()
        {
            memory = new InMemoryGuestMemory(Ram, 0x10000);
            session = new HookDispatcherTests.TableSession();
            tlb = new MailboxTlb();
        }

        private HypercallServer Server() =>
            new HypercallServer(new HookDispatcher(session, memory, new RecordingLog()), memory, Mailbox, tlb, pa => pa);

        private void Post(uint id, params uint[] args)
        {
            for (var i = 0; i < args.Length; i++)
            {
                memory.WriteUInt32(Mailbox + MailboxLayout.Args + 4 * (uint)i, args[i]);
            }
            memory.WriteUInt32(Mailbox + MailboxLayout.Sp, Ram + 0x8000);
            memory.WriteUInt32(Mailbox + MailboxLayout.Lr, Ram + 0x1234);
            memory.WriteUInt32(Mailbox + MailboxLayout.Id, id);
            memory.WriteUInt32(Mailbox + MailboxLayout.State, MailboxLayout.StatePosted);
        }

        private uint Word(uint offset) => memory.ReadUInt32(Mailbox + offset);

        [Test]
        public void A_posted_call_gets_its_result_and_the_done_state()
        {
            session.Hooks.Add("LOS_MemFree", c => 7u);
            session.Hooks.Add("LOS_MemAlloc", c => c.Arg(0) + c.Arg(1));
            var server = Server();
            Post(1, 0x40200000, 0x10);

            Assert.That(server.IsPosted, Is.True);
            Assert.That(server.Serve(), Is.EqualTo(HookOutcome.Resume));

            Assert.That(Word(MailboxLayout.Result), Is.EqualTo(0x40200010u));
            Assert.That(Word(MailboxLayout.State), Is.EqualTo(MailboxLayout.StateDone));
            Assert.That(Word(MailboxLayout.Actions), Is.EqualTo(0u));
            Assert.That(server.LastSymbol, Is.EqualTo("LOS_MemAlloc"));
        }

        [Test]
        public void Stack_arguments_come_from_the_callers_sp()
        {
            session.Hooks.Add("LOS_MMap", c => c.Arg(4) ^ c.Arg(5));
            memory.WriteUInt32(Ram + 0x8000, 0xFFFFFFFF);
            memory.WriteUInt32(Ram + 0x8004, 0x0000FFFF);
            var server = Server();
            Post(0, 0, 0x1000, 3, 0x22);

            server.Serve();

            Assert.That(Word(MailboxLayout.Result), Is.EqualTo(0xFFFF0000u));
        }

        [Test]
        public void The_models_page_invalidations_become_the_guests_TLBIMVA_list()
        {
            session.Hooks.Add("LOS_UnMMap", c =>
            {
                tlb.InvalidatePage(0x1F800123, 5);
                tlb.InvalidatePage(0x1F801000, 5);
                return 0u;
            });
            var server = Server();
            Post(0);

            server.Serve();

            Assert.That(Word(MailboxLayout.Actions), Is.EqualTo(MailboxLayout.ActionTlbList));
            Assert.That(Word(MailboxLayout.TlbCount), Is.EqualTo(2u));
            Assert.That(Word(MailboxLayout.Tlb), Is.EqualTo(0x1F800005u), "MVA[31:12] | ASID");
            Assert.That(Word(MailboxLayout.Tlb + 4), Is.EqualTo(0x1F801005u));
        }

        [Test]
        public void More_pages_than_the_list_holds_or_an_ASID_flush_ask_for_TLBIALL()
        {
            session.Hooks.Add("LOS_VmSpaceFree", c =>
            {
                for (uint i = 0; i <= MailboxLayout.TlbEntries; i++)
                {
                    tlb.InvalidatePage(i << 12, 1);
                }
                return 0u;
            });
            session.Hooks.Add("LOS_VmSpaceClone", c =>
            {
                tlb.InvalidateAsid(3);
                return 0u;
            });
            var server = Server();

            Post(0);
            server.Serve();
            Assert.That(Word(MailboxLayout.Actions), Is.EqualTo(MailboxLayout.ActionTlbAll));

            Post(1);
            server.Serve();
            Assert.That(Word(MailboxLayout.Actions), Is.EqualTo(MailboxLayout.ActionTlbAll), "a new call starts with an empty list");
        }

        [Test]
        public void A_page_copy_during_a_call_is_handed_to_the_guest_with_kernel_addresses()
        {
            var copies = new GuestCopyQueue();
            session.Hooks.Add(GuestAbi.DataAbortHost, c =>
            {
                Assert.That(copies.TryAdd(Ram + 0x3000, Ram + 0x2000, 4096), Is.True);
                return 0u;
            });
            var server = new HypercallServer(new HookDispatcher(session, memory, new RecordingLog()), memory, Mailbox, tlb,
                pa => pa + 0x100, copies);
            Post(0);

            server.Serve();

            Assert.That(Word(MailboxLayout.Actions), Is.EqualTo(MailboxLayout.ActionOps));
            Assert.That(Word(MailboxLayout.OpCount), Is.EqualTo(1u));
            Assert.That(Word(MailboxLayout.Ops), Is.EqualTo(MailboxLayout.OpCopy));
            Assert.That(Word(MailboxLayout.Ops + 4), Is.EqualTo(Ram + 0x3100u));
            Assert.That(Word(MailboxLayout.Ops + 8), Is.EqualTo(Ram + 0x2100u));
            Assert.That(Word(MailboxLayout.Ops + 12), Is.EqualTo(4096u));
            Assert.That(copies.TryAdd(Ram, Ram + 0x1000, 4), Is.False, "outside a call the host copies itself");
        }

        [Test]
        public void A_halt_leaves_the_request_unanswered()
        {
            session.Hooks.Add("LOS_VMalloc", (System.Func<HookCall, uint>)(c => throw new KernelPanicException("OsMapL1PTE")));
            var server = Server();
            Post(0, 0x1000);

            Assert.That(server.Serve(), Is.EqualTo(HookOutcome.Halt));
            Assert.That(Word(MailboxLayout.State), Is.EqualTo(MailboxLayout.StatePosted));
        }

        [Test]
        public void An_id_the_host_never_gave_out_is_a_protocol_error()
        {
            var server = Server();
            Post(5);

            Assert.Throws<GuestProtocolException>(() => server.Serve());
        }
    }
}
