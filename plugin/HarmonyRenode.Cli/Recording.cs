using HarmonyRenode.Core.Session;
using HarmonyRenode.Core.Facade;
using System;
using System.IO;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Reporting;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Cli
{
    /// <summary>
    /// --trace/--report: records the model from boot (a recorder attached as the session creates the model) and writes
    /// the files once, at hr_exit while the guest is stopped, or after the run when the firmware never got there.
    /// </summary>
    public sealed class Recording
    {
        private readonly CliOptions options;
        private readonly ILogSink log;
        private bool written;

        public Recording(CliOptions options, ILogSink log)
        {
            this.options = options;
            this.log = log;
        }

        public MemoryRecorder Recorder { get; private set; }

        /// <summary>A session like <see cref="LiteOsModelFactory.CreateSession"/>'s, recording when the options ask for it.</summary>
        public LiteOsGuestSession CreateSession(Core.Oracle.MemoryOracle oracle = null)
        {
            if (!options.Records)
            {
                return LiteOsModelFactory.CreateSession(options.ManagedSize, oracle: oracle, aslrSeed: options.AslrSeed);
            }
            return new LiteOsGuestSession(options.ManagedSize, (symbols, config, memory, tlb, sink) =>
            {
                var model = LiteOsModelFactory.CreateModel(symbols, config, memory, tlb, sink);
                model.Vm.Exec.Aslr = options.AslrSeed.HasValue ? UserAslr.Seeded(options.AslrSeed.Value) : UserAslr.Off;
                Start(model, new CallSiteSymbols(symbols).Describe);
                return (model, oracle == null ? null : LiteOsModelFactory.WithOracle(model, symbols, config, memory, oracle));
            });
        }

        public void Start(MemoryModel model, Func<uint, string> symbolize = null)
        {
            if (options.Records)
            {
                Recorder = new MemoryRecorder(model, symbolize);
                Recorder.Start();
            }
        }

        /// <summary>Stops recording and writes the files asked for. False (and one error line) when a file cannot be written.</summary>
        public bool Finish(string title)
        {
            if (Recorder == null || written)
            {
                return true;
            }
            written = true;
            Recorder.Stop();
            try
            {
                if (options.TracePath != null)
                {
                    MemoryReportFiles.WriteTrace(Recorder, options.TracePath);
                    log.Log(LogLevel.Info, $"trace: {options.TracePath} ({Recorder.Events.Count} events)");
                }
                if (options.ReportPath != null)
                {
                    MemoryReportFiles.WriteReport(Recorder, options.ReportPath, title);
                    log.Log(LogLevel.Info, $"report: {options.ReportPath}");
                }
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                log.Log(LogLevel.Error, $"cannot write the trace/report: {ex.Message}");
                return false;
            }
        }
    }
}
