using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using HarmonyRenode.Core.Guest;

namespace HarmonyRenode.Cli
{
    /// <summary>
    /// Names guest code addresses for the oracle's reports: function+offset from the ELF's symbol table, and file:line
    /// from its DWARF line table through arm-none-eabi-addr2line (Debian binutils-arm-none-eabi, which
    /// scripts/lib/ensure-tools.sh installs) when it is on the PATH; without it the reports just lack file:line.
    /// </summary>
    public sealed class GuestSymbolizer
    {
        public const string Addr2Line = "arm-none-eabi-addr2line";
        private readonly string elfPath;
        private readonly ElfSymbol[] functions;
        private readonly Dictionary<uint, string> lines = new Dictionary<uint, string>();
        private readonly string addr2line;

        public GuestSymbolizer(string elfPath, ElfSymbols symbols)
        {
            this.elfPath = elfPath;
            // Functions, and the global labels of assembly code (reset_vector...), which have no type.
            functions = symbols.All.Where(s => s.Type == ElfSymbolType.Function || (s.Type == ElfSymbolType.NoType && s.IsGlobal && s.Size == 0
                && !s.Name.StartsWith("__", StringComparison.Ordinal))).OrderBy(s => s.Address).ToArray();
            addr2line = FindOnPath(Addr2Line);
        }

        /// <summary>"function+0xoff file:line"; a return address is looked up at the call before it.</summary>
        public string Describe(uint address, bool exact)
        {
            var name = FunctionAt(address, out var symbol) ? $"{symbol.Name}+0x{address - symbol.Address:x}" : "??";
            var line = LineOf(exact ? address : address - 4);
            return line == null ? name : $"{name} {line}";
        }

        /// <summary>The function's name alone (JSON "symbol" is function+offset; tests compare the name).</summary>
        public string FunctionName(uint address) => FunctionAt(address, out var s) ? s.Name : null;

        public string Symbol(uint address) => FunctionAt(address, out var s) ? $"{s.Name}+0x{address - s.Address:x}" : null;

        public string LineOf(uint address)
        {
            if (addr2line == null)
            {
                return null;
            }
            lock (lines)
            {
                if (!lines.TryGetValue(address, out var line))
                {
                    line = RunAddr2Line(address);
                    lines[address] = line;
                }
                return line;
            }
        }

        private bool FunctionAt(uint address, out ElfSymbol symbol)
        {
            symbol = null;
            var lo = 0;
            var hi = functions.Length - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) / 2;
                if (functions[mid].Address <= address)
                {
                    symbol = functions[mid];
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            return symbol != null && (symbol.Size == 0 || address - symbol.Address < symbol.Size);
        }

        private string RunAddr2Line(uint address)
        {
            try
            {
                var info = new ProcessStartInfo(addr2line)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                info.ArgumentList.Add("-e");
                info.ArgumentList.Add(elfPath);
                info.ArgumentList.Add($"0x{address:x}");
                using var process = Process.Start(info);
                var text = process.StandardOutput.ReadToEnd().Trim();
                if (!process.WaitForExit(5000))
                {
                    process.Kill();
                    return null;
                }
                if (text.Length == 0 || text.StartsWith("??", StringComparison.Ordinal))
                {
                    return null;
                }
                // Paths relative to the firmware folder read better than the build machine's absolute ones.
                var discriminator = text.IndexOf(" (discriminator", StringComparison.Ordinal);
                if (discriminator > 0)
                {
                    text = text.Substring(0, discriminator);
                }
                var firmware = text.LastIndexOf("/firmware/", StringComparison.Ordinal);
                return firmware >= 0 ? text.Substring(firmware + 1) : text;
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception || ex is IOException || ex is InvalidOperationException)
            {
                return null;
            }
        }

        private static string FindOnPath(string tool)
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, tool)))
                {
                    return Path.Combine(dir, tool);
                }
            }
            return null;
        }
    }
}
