using System;

namespace HarmonyRenode.Qemu
{
    /// <summary>How to run QEMU and how long to wait for it.</summary>
    public sealed class QemuOptions
    {
        public string QemuBinary { get; set; } = "qemu-system-arm";

        /// <summary>RAM QEMU's virt board gets at 0x40000000; at least the model's managed size.</summary>
        public int GuestRamMiB { get; set; } = 128;

        /// <summary>The whole run: a firmware that never exits is stopped after this.</summary>
        public TimeSpan RunTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>A single GDB request (not a resume).</summary>
        public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>QEMU start-up until its GDB stub accepts a connection.</summary>
        public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>Open QEMU's GDB stub on this loopback port for a user's debugger (shared-memory engine only).</summary>
        public int? GdbPort { get; set; }

        /// <summary>How long the host spins on the mailbox after a hypercall before it blocks on the doorbell.</summary>
        public TimeSpan HostSpin { get; set; } = TimeSpan.FromMilliseconds(0.2);

        /// <summary>Run with -icount shift=0 so the guest's cycle counter counts instructions (slower).</summary>
        public bool InstructionCount { get; set; }

        /// <summary>
        /// A second firmware (an M-profile ELF) on its own QEMU, joined to the board's console by a serial link
        /// (<see cref="SerialLink"/>); null: the board runs alone, its console's receive side closed.
        /// </summary>
        public string LinkedDevice { get; set; }

        /// <summary>The QEMU machine of <see cref="LinkedDevice"/>; its UART0 is the link's far end.</summary>
        public string LinkedDeviceMachine { get; set; } = "mps2-an385";
    }
}
