using System;
using System.Collections.Generic;

namespace HarmonyRenode.Qemu
{
    /// <summary>How a firmware run ended, with the counters the benchmark and the CLI report.</summary>
    public sealed class GuestRunResult
    {
        /// <summary>Exit code to hand on: the firmware's own, or non-zero for a failed run.</summary>
        public int ExitCode { get; set; }

        /// <summary>Null when the firmware exited by itself; otherwise why the run was stopped.</summary>
        public string Failure { get; set; }

        public bool FirmwareExited => Failure == null;

        /// <summary>The status the guest passed to hr_exit (seen when an exit callback was given), else null.</summary>
        public int? GuestExitStatus { get; set; }

        public TimeSpan Elapsed { get; set; }

        /// <summary>The QEMU process of the run (gone when Run returns), for checks that nothing outlives it.</summary>
        public int QemuProcessId { get; set; }

        /// <summary>The linked device's QEMU (<see cref="QemuOptions.LinkedDevice"/>), 0 without a link.</summary>
        public int DeviceProcessId { get; set; }

        public long HookStops { get; set; }

        public long AbortStops { get; set; }

        /// <summary>
        /// Times the guest carried out TLB maintenance the model asked for: resumes through hr_tlb_flush_return
        /// (`qemu-gdb`), TLB operations handed back in the mailbox (`qemu`).
        /// </summary>
        public long TlbMaintenanceRuns { get; set; }

        public long Packets { get; set; }

        /// <summary>`qemu` (shared-memory hypercalls) or `qemu-gdb`.</summary>
        public string Engine { get; set; }

        /// <summary>Times the host blocked on the doorbell after its spin (shared-memory engine).</summary>
        public long HostSleeps { get; set; }

        /// <summary>Doorbells the guest rang (shared-memory engine).</summary>
        public long Doorbells { get; set; }

        /// <summary>The longest stretch without a hypercall, and the CPU the host's waiting thread used in it.</summary>
        public TimeSpan LongestIdle { get; set; }

        public TimeSpan LongestIdleCpu { get; set; }

        public Dictionary<string, long> CallsBySymbol { get; } = new Dictionary<string, long>(StringComparer.Ordinal);

        public List<string> UartLines { get; } = new List<string>();

        /// <summary>What the linked device printed on its UART, line by line (empty without a link).</summary>
        public List<string> DeviceUartLines { get; } = new List<string>();
    }
}
