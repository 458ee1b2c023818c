using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HarmonyRenode.Qemu
{
    /// <summary>
    /// One qemu-system-arm process on the virt board (Cortex-A7) with the firmware as -kernel and the engine's own
    /// arguments (how it is paused and reached). Its serial console (stdout with -nographic) is forwarded line by line.
    /// Dispose kills it, so no QEMU outlives the run; process exit and Ctrl-C of the host kill it too, and it is
    /// started under `setpriv --pdeathsig KILL` (util-linux) so that even a SIGKILL of the host takes it along.
    /// </summary>
    public sealed class QemuProcess : IDisposable
    {
        private readonly Process process;
        private readonly StringBuilder stderr = new StringBuilder();
        private readonly object gate = new object();
        private readonly EventHandler onHostExit;
        private bool disposed;

        /// <summary>Where setpriv is looked for; without it QEMU still dies with the host on every exit but SIGKILL.</summary>
        public const string SetprivPath = "/usr/bin/setpriv";

        /// <param name="engineArgs">How the engine reaches QEMU (-S, -gdb, memory backend, semihosting chardev...).</param>
        /// <param name="machineArgs">The board (default: the virt board's Cortex-A7 and RAM; the engine adds -M).</param>
        /// <param name="keepInput">Keep the serial console's input open for <see cref="WriteLine"/> (a serial link).</param>
        public QemuProcess(QemuOptions options, string firmwarePath, IEnumerable<string> engineArgs, Action<string> uartLine,
            IEnumerable<string> machineArgs = null, bool keepInput = false)
        {
            var args = new List<string>(machineArgs ?? new[] { "-cpu", "cortex-a7", "-m", $"{options.GuestRamMiB}M" });
            args.AddRange(new[]
            {
                "-nographic", "-monitor", "none", "-serial", "stdio", "-nic", "none",
                "-kernel", firmwarePath,
            });
            args.AddRange(engineArgs);
            if (options.GdbPort.HasValue)
            {
                // A debugger for the user: the engine does not use this stub, gdb-multiarch may attach at any time.
                args.AddRange(new[] { "-gdb", $"tcp:127.0.0.1:{options.GdbPort.Value}" });
            }
            if (options.InstructionCount)
            {
                // One virtual ns per instruction: PMCCNTR (1 GHz in QEMU's PMU model) then counts instructions.
                // sleep=off: otherwise the virtual clock catches up with real time while the guest waits at a
                // hooked call, and every GDB round trip shows up as hundreds of thousands of "instructions".
                args.AddRange(new[] { "-icount", "shift=0,sleep=off" });
            }
            // PR_SET_PDEATHSIG fires when the thread that forked QEMU ends: the engine forks from the thread that runs
            // and waits for the whole run, so QEMU never outlives it, whatever kills the host.
            var viaSetpriv = File.Exists(SetprivPath);
            var start = new ProcessStartInfo(viaSetpriv ? SetprivPath : options.QemuBinary)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (viaSetpriv)
            {
                foreach (var a in new[] { "--pdeathsig", "KILL", "--", options.QemuBinary })
                {
                    start.ArgumentList.Add(a);
                }
            }
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }
            CommandLine = options.QemuBinary + " " + string.Join(" ", args);
            process = new Process { StartInfo = start, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data != null)
                {
                    uartLine(e.Data.TrimEnd('\r'));
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data != null)
                {
                    lock (gate)
                    {
                        stderr.AppendLine(e.Data);
                    }
                }
            };
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new QemuException($"cannot start {options.QemuBinary}: {ex.Message} (install Debian's qemu-system-arm)");
            }
            if (viaSetpriv && !QemuBinaryExists(options.QemuBinary))
            {
                Kill();
                throw new QemuException($"cannot start {options.QemuBinary}: not found (install Debian's qemu-system-arm)");
            }
            if (!keepInput)
            {
                process.StandardInput.Close();
            }
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            onHostExit = (_, __) => Kill();
            AppDomain.CurrentDomain.ProcessExit += onHostExit;
            Console.CancelKeyPress += OnCancel;
        }

        public string CommandLine { get; }

        public int Id => process.Id;

        public bool HasExited => process.HasExited;

        public string Stderr
        {
            get
            {
                lock (gate)
                {
                    return stderr.ToString().Trim();
                }
            }
        }

        /// <summary>Why QEMU is gone, or null while it runs.</summary>
        public string ExitReason()
        {
            if (!process.HasExited)
            {
                return null;
            }
            process.WaitForExit();
            return $"QEMU exited with code {process.ExitCode}" + (Stderr.Length > 0 ? ": " + Stderr : "");
        }

        /// <summary>Waits for QEMU to end by itself and for its console to drain; false on timeout.</summary>
        public bool WaitForExit(TimeSpan timeout)
        {
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                return false;
            }
            process.WaitForExit(); // drains the redirected streams
            return true;
        }

        public int ExitCode => process.ExitCode;

        /// <summary>
        /// Types one line into the serial console (kept open by keepInput): QEMU's stdio chardev feeds it to the UART
        /// as fast as the UART's receive FIFO drains, so nothing is lost. False when QEMU is gone.
        /// </summary>
        public bool WriteLine(string line)
        {
            lock (gate)
            {
                try
                {
                    process.StandardInput.Write(line + "\n");
                    process.StandardInput.Flush();
                    return true;
                }
                catch (Exception ex) when (ex is IOException || ex is InvalidOperationException || ex is ObjectDisposedException)
                {
                    return false;
                }
            }
        }

        public void Kill()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }
            disposed = true;
            Kill();
            AppDomain.CurrentDomain.ProcessExit -= onHostExit;
            Console.CancelKeyPress -= OnCancel;
            process.Dispose();
        }

        private void OnCancel(object sender, ConsoleCancelEventArgs e) => Kill();

        private static bool QemuBinaryExists(string binary)
        {
            if (binary.Contains('/'))
            {
                return File.Exists(binary);
            }
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            {
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, binary)))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>A loopback TCP port nobody listens on right now (for QEMU's GDB stub).</summary>
        public static int FreeLoopbackPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
