using Antmicro.Renode.Core;
using Antmicro.Renode.Logging;
using HarmonyRenode.Core.Ports;

namespace Antmicro.Renode.Peripherals.Miscellaneous.LiteOs
{
    /// <summary>The model's log lines in Renode's log, under the peripheral's name (the levels share their values).</summary>
    public sealed class RenodeLogSink : ILogSink
    {
        private readonly IEmulationElement owner;

        public RenodeLogSink(IEmulationElement owner)
        {
            this.owner = owner;
        }

        public void Log(HarmonyRenode.Core.Ports.LogLevel level, string message) =>
            owner.Log((Antmicro.Renode.Logging.LogLevel)(int)level, "{0}", message);
    }
}
