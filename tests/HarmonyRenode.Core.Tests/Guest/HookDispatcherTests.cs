using System;
using System.Linq;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest
{
    public class HookDispatcherTests
    {
        internal sealed class TableSession : IGuestSession
        {
            public GuestHookTable Hooks { get; } = new GuestHookTable();

            public void Boot(ElfSymbols symbols, IGuestMemory memory, ITlbMaintenance tlb, ILogSink log)
            {
            }

            public uint KernelVaToPa(uint kernelVa) => kernelVa;

            public uint PaToKernelVa(uint physicalAddress) => physicalAddress;
        }

        private static Mock<IGuestCpu> Cpu(params uint[] r0to3)
        {
            var cpu = new Mock<IGuestCpu>();
            for (var i = 0; i < r0to3.Length; i++)
            {
                cpu.Setup(c => c.GetRegister(i)).Returns(r0to3[i]);
            }
            cpu.Setup(c => c.GetRegister(ArmRegister.Lr)).Returns(0x40001235);
            return cpu;
        }

        private static HookDispatcher Dispatcher(TableSession session, RecordingLog log = null) =>
            new HookDispatcher(session, new InMemoryGuestMemory(0, 0x1000), log ?? new RecordingLog());

        [Test]
        public void A_call_returns_its_result_in_r0_and_leaves_the_return_to_the_engine()
        {
            var session = new TableSession();
            session.Hooks.Add("LOS_KernelMalloc", c => c.Arg(0) + 0x100);
            var dispatcher = Dispatcher(session);
            var cpu = Cpu(0x20);

            Assert.That(dispatcher.Service("LOS_KernelMalloc", cpu.Object), Is.EqualTo(HookOutcome.Resume));

            cpu.Verify(c => c.SetRegister(0, 0x120));
            cpu.Verify(c => c.SetRegister(ArmRegister.Pc, It.IsAny<uint>()), Times.Never);
            Assert.That(dispatcher.Calls, Is.EqualTo(1));
            Assert.That(dispatcher.CallsBySymbol["LOS_KernelMalloc"], Is.EqualTo(1));
        }

        [Test]
        public void A_void_function_leaves_r0_alone()
        {
            var session = new TableSession();
            session.Hooks.Add("LOS_KernelFree", (HookCall c) => { });
            var dispatcher = Dispatcher(session);
            var cpu = Cpu(0x40100000);

            dispatcher.Service("LOS_KernelFree", cpu.Object);

            cpu.Verify(c => c.SetRegister(0, It.IsAny<uint>()), Times.Never);
        }

        [Test]
        public void Aborts_are_counted_apart()
        {
            var session = new TableSession();
            session.Hooks.Add(GuestAbi.DataAbortHost, c => 0u);
            session.Hooks.Add(GuestAbi.PrefetchAbortHost, c => 0u);
            session.Hooks.Add("LOS_MemAlloc", c => 0u);
            var dispatcher = Dispatcher(session);

            dispatcher.Service(GuestAbi.DataAbortHost, Cpu(0x807, 0x01000000).Object);
            dispatcher.Service(GuestAbi.PrefetchAbortHost, Cpu(0x7, 0x01000000).Object);
            dispatcher.Service("LOS_MemAlloc", Cpu(0x40200000, 16).Object);

            Assert.That(dispatcher.Aborts, Is.EqualTo(2));
            Assert.That(dispatcher.Calls, Is.EqualTo(3));
        }

        [Test]
        public void Hr_exit_host_records_the_status_runs_the_exit_checks_and_answers_halt_or_go_on()
        {
            var log = new RecordingLog();
            var seen = 0;
            var dispatcher = Dispatcher(new TableSession(), log);
            dispatcher.AtExit = status => seen = status;
            var cpu = Cpu(unchecked((uint)-3));

            Assert.That(dispatcher.Service(GuestAbi.ExitHost, cpu.Object), Is.EqualTo(HookOutcome.Exit));

            Assert.That(dispatcher.ExitStatus, Is.EqualTo(-3));
            Assert.That(seen, Is.EqualTo(-3));
            Assert.That(log.Lines, Has.Some.Contains("firmware exited with status -3"));
            cpu.Verify(c => c.SetRegister(0, 0u), "QEMU: on to the semihosting exit");

            var halting = Dispatcher(new TableSession());
            halting.HaltAtExit = true;
            var renodeCpu = Cpu(0);
            halting.Service(GuestAbi.ExitHost, renodeCpu.Object);
            renodeCpu.Verify(c => c.SetRegister(0, 1u), "Renode: halt in hr_exit");
        }

        [Test]
        public void A_failing_exit_check_halts()
        {
            var dispatcher = Dispatcher(new TableSession());
            dispatcher.AtExit = _ => throw new InvalidOperationException("check broke");

            Assert.That(dispatcher.Service(GuestAbi.ExitHost, Cpu(0).Object), Is.EqualTo(HookOutcome.Halt));
            Assert.That(dispatcher.Failure, Is.EqualTo("exit check failed: check broke"));
        }

        [Test]
        public void A_kernel_panic_halts_with_the_kernel_message()
        {
            var session = new TableSession();
            session.Hooks.Add("LOS_VMalloc", (Func<HookCall, uint>)(c => throw new KernelPanicException("OsMapL1PTE, failed to allocate pagetable")));
            var log = new RecordingLog();
            var dispatcher = Dispatcher(session, log);
            var cpu = Cpu(0x1000);

            Assert.That(dispatcher.Service("LOS_VMalloc", cpu.Object), Is.EqualTo(HookOutcome.Halt));

            Assert.That(dispatcher.Failure, Is.EqualTo("LOS_Panic in LOS_VMalloc: OsMapL1PTE, failed to allocate pagetable"));
            Assert.That(dispatcher.PanicMessage, Is.EqualTo("OsMapL1PTE, failed to allocate pagetable"));
            Assert.That(dispatcher.FailureIsPanic, Is.True);
            Assert.That(log.Lines.Single(), Does.Contain("machine halted"));
            cpu.Verify(c => c.SetRegister(It.IsAny<int>(), It.IsAny<uint>()), Times.Never);
        }

        [Test]
        public void A_failing_handler_halts_with_the_arguments_it_got()
        {
            var session = new TableSession();
            session.Hooks.Add("LOS_MemAlloc", (Func<HookCall, uint>)(c => throw new InvalidOperationException("boom")));
            var dispatcher = Dispatcher(session);

            Assert.That(dispatcher.Service("LOS_MemAlloc", Cpu(0x40200000, 0x10, 0, 0).Object), Is.EqualTo(HookOutcome.Halt));

            Assert.That(dispatcher.Failure, Does.StartWith("host handler for LOS_MemAlloc failed (r0=0x40200000 r1=0x00000010"));
            Assert.That(dispatcher.Failure, Does.EndWith("boom"));
            Assert.That(dispatcher.FailureIsPanic, Is.False);
        }

        [Test]
        public void Symbols_are_the_session_hooks_in_order_then_hr_exit_host()
        {
            var session = new TableSession();
            session.Hooks.Add("LOS_MemFree", c => 0u);
            session.Hooks.Add("LOS_MemAlloc", c => 0u);
            var dispatcher = Dispatcher(session);

            Assert.That(dispatcher.Symbols, Is.EqualTo(new[] { "LOS_MemFree", "LOS_MemAlloc", GuestAbi.ExitHost }));
        }
    
        /// <summary>Registers in an array: a CPU that allocates nothing itself, unlike a mock.</summary>
        private sealed class ArrayCpu : IGuestCpu
        {
            public readonly uint[] R = new uint[16];

            public uint GetRegister(int index) => R[index];

            public void SetRegister(int index, uint value) => R[index] = value;

            public uint Cpsr => 0x13;
        }

        [Test]
        public void A_served_call_allocates_nothing_after_the_first()
        {
            var session = new TableSession();
            session.Hooks.Add("LOS_KernelMalloc", c => c.Arg(0) + 0x100);
            var dispatcher = Dispatcher(session);
            var cpu = new ArrayCpu();
            dispatcher.Service("LOS_KernelMalloc", cpu);

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (uint i = 0; i < 1000; i++)
            {
                cpu.R[0] = i;
                dispatcher.Service("LOS_KernelMalloc", cpu);
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.That(allocated, Is.EqualTo(0));
            Assert.That(cpu.R[0], Is.EqualTo(999u + 0x100));
            Assert.That(dispatcher.CallsBySymbol["LOS_KernelMalloc"], Is.EqualTo(1001));
        }

        [Test]
        public void A_call_served_inside_a_call_leaves_the_outer_result_alone()
        {
            var session = new TableSession();
            HookDispatcher dispatcher = null;
            var inner = new ArrayCpu();
            session.Hooks.Add("LOS_MemFree", c => 0x22u);
            session.Hooks.Add("LOS_MemAlloc", (HookCall c) =>
            {
                c.Return(0x11u);
                dispatcher.Service("LOS_MemFree", inner);
                Assert.That(c.Symbol, Is.EqualTo("LOS_MemAlloc"));
            });
            dispatcher = Dispatcher(session);
            var outer = new ArrayCpu();

            dispatcher.Service("LOS_MemAlloc", outer);

            Assert.That(outer.R[0], Is.EqualTo(0x11u));
            Assert.That(inner.R[0], Is.EqualTo(0x22u));
            Assert.That(dispatcher.CallsBySymbol["LOS_MemFree"], Is.EqualTo(1));
        }
}
}
