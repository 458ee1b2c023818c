using System;
using System.Threading;
using HarmonyRenode.Core.Guest;

namespace HarmonyRenode.Qemu
{
    /// <summary>Runs one firmware ELF against a host session until it exits, fails or times out.</summary>
    public interface IFirmwareEngine
    {
        /// <param name="atExit">Called with the guest's exit status while it is in hr_exit_host, guest memory still
        /// readable through the session's model (diagnostics, invariant checks).</param>
        /// <param name="cancel">Stops the run (QEMU killed at once): Ctrl-C, SIGTERM.</param>
        GuestRunResult Run(string firmwarePath, IGuestSession session, Action<int> atExit = null, CancellationToken cancel = default);
    }
}
