using System.IO;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Qemu.Elf;

namespace HarmonyRenode.Cli
{
    /// <summary>
    /// What `run` checks before it starts an emulator: the file exists, is a sound ARM ELF (else exit 2) and defines
    /// every guest ABI symbol (else exit 3, all missing ones named). Each problem is one log line naming the file.
    /// </summary>
    public static class FirmwareCheck
    {
        /// <returns><see cref="ExitCodes.Ok"/> when the firmware can be run, else the exit code for the problem logged.</returns>
        public static int Check(string path, ILogSink log)
        {
            if (!File.Exists(path))
            {
                log.Log(LogLevel.Error, $"no firmware file '{path}'");
                return ExitCodes.Usage;
            }
            try
            {
                FirmwareElf.RequireAbi(FirmwareElf.Load(path), path);
                return ExitCodes.Ok;
            }
            catch (FirmwareElfException ex)
            {
                log.Log(LogLevel.Error, ex.Message);
                return ex.MissingSymbols ? ExitCodes.MissingConfiguration : ExitCodes.Usage;
            }
        }
    }
}
