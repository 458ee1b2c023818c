using System;
using System.Collections.Generic;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Qemu
{
    /// <summary>
    /// The board's console joined to a device's UART, the way Renode's UART hub joins two machines: every line the
    /// board prints goes to the device's UART input, every line the device prints goes to the board's PL011 receive
    /// side. QEMU's virt board has a single PL011 (the console), so the link shares it; the two firmwares frame their
    /// messages (">dev ..." requests, "&lt;dev ..." answers) and ignore the rest (firmware/ABI.md, "Serial link").
    /// The device runs on its own QEMU (an M-profile board, no model); it is started before the board and killed with
    /// it. Lines are relayed whole, so the link is as fast as the host's pipes and never drops a character: each
    /// QEMU's stdio chardev feeds its UART only as fast as the UART's receive side drains.
    /// </summary>
    public sealed class SerialLink : IDisposable
    {
        private readonly QemuProcess device;
        private readonly ILogSink log;
        private readonly object gate = new object();
        private readonly List<string> early = new List<string>();
        private QemuProcess board;

        public SerialLink(QemuOptions options, ILogSink log, List<string> deviceLines)
        {
            this.log = log;
            var deviceOptions = new QemuOptions { QemuBinary = options.QemuBinary };
            device = new QemuProcess(deviceOptions, options.LinkedDevice, Array.Empty<string>(), line =>
            {
                lock (deviceLines)
                {
                    deviceLines.Add(line);
                }
                log.Log(LogLevel.Info, "device: " + line);
                ToBoard(line);
            }, new[] { "-M", options.LinkedDeviceMachine }, keepInput: true);
            log.Log(LogLevel.Debug, $"linked device QEMU pid {device.Id}: {device.CommandLine}");
        }

        public int DeviceProcessId => device.Id;

        /// <summary>The board's QEMU (started with keepInput); lines the device printed before it are delivered now.</summary>
        public void Attach(QemuProcess boardProcess)
        {
            lock (gate)
            {
                board = boardProcess;
                foreach (var line in early)
                {
                    board.WriteLine(line);
                }
                early.Clear();
            }
        }

        /// <summary>One console line of the board, on its way to the device.</summary>
        public void FromBoard(string line)
        {
            if (!device.WriteLine(line))
            {
                log.Log(LogLevel.Warning, "serial link: the device's QEMU is gone (" + (device.ExitReason() ?? "input closed") + ")");
            }
        }

        private void ToBoard(string line)
        {
            lock (gate)
            {
                if (board == null)
                {
                    early.Add(line);
                    return;
                }
                board.WriteLine(line);
            }
        }

        public void Dispose() => device.Dispose();
    }
}
