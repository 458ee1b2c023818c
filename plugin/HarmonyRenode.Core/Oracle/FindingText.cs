using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace HarmonyRenode.Core.Oracle
{
    /// <summary>
    /// The oracle's reports as text, one block per finding in AddressSanitizer's shape: what and where, the guest's
    /// frames, then the block's allocation and free sites. Naming an address is the host's: <c>describe</c> turns
    /// one into "function+0xoff file:line" (the CLI from the ELF and DWARF, Renode from its symbol table).
    /// </summary>
    public static class FindingText
    {
        public const string Banner = "==harmony-renode==";

        /// <summary>kebab-case name of a kind, as in the report and the JSON ("double-free").</summary>
        public static string Name(FindingKind kind)
        {
            var sb = new StringBuilder();
            foreach (var c in kind.ToString())
            {
                if (char.IsUpper(c) && sb.Length > 0)
                {
                    sb.Append('-');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }

        public static string Format(Finding f, Func<uint, bool, string> describe)
        {
            var sb = new StringBuilder();
            sb.Append($"{Banner} ERROR: {Name(f.Kind)} on address 0x{f.Address:x8}");
            if (f.IsWrite.HasValue || f.AccessSize.HasValue)
            {
                sb.Append(" (");
                sb.Append(f.IsWrite == true ? "WRITE" : f.IsWrite == false ? "READ" : "ACCESS");
                sb.Append(f.AccessSize.HasValue ? $" of size {f.AccessSize}" : " of unknown size");
                sb.Append(')');
            }
            sb.Append('\n');
            var where = f.Api == null ? "" : f.Api.StartsWith("LOS_", StringComparison.Ordinal) || f.Api.StartsWith("hr_", StringComparison.Ordinal)
                ? $"in the call to {f.Api}" : $"found by {f.Api}";
            sb.Append($"  {where}{(f.Pc != null && f.Pc.Pc != 0 ? " at:" : "")}\n");
            Frames(sb, f.Pc, describe, f.Api == "data abort" || f.Api == "prefetch abort");
            if (f.Detail != null)
            {
                sb.Append($"  {f.Detail}\n");
            }
            if (f.BlockAddress.HasValue)
            {
                sb.Append($"  block 0x{f.BlockAddress:x8} of {f.Size} bytes, allocated by {f.AllocApi} at:\n");
                Frames(sb, f.AllocSite, describe, false);
            }
            if (f.FreeSite != null)
            {
                sb.Append($"  freed by {f.FreeApi} at:\n");
                Frames(sb, f.FreeSite, describe, false);
            }
            return sb.ToString();
        }

        public static string FormatLeaks(IReadOnlyList<LeakGroup> leaks, Func<uint, bool, string> describe, bool sinceMark)
        {
            var sb = new StringBuilder();
            var blocks = leaks.Sum(l => l.Count);
            var bytes = leaks.Aggregate(0UL, (s, l) => s + l.Bytes);
            sb.Append($"{Banner} leaks: {bytes} bytes in {blocks} block(s) from {leaks.Count} site(s){(sinceMark ? " (allocated after the mark)" : "")}\n");
            foreach (var l in leaks)
            {
                sb.Append($"  {l.Bytes} bytes in {l.Count} block(s) from {l.AllocApi} at:\n");
                Frames(sb, l.AllocSite, describe, false);
            }
            return sb.ToString();
        }

        /// <summary>One line a kind: "2 findings: 1 double-free, 1 heap-overflow".</summary>
        public static string Summary(IReadOnlyList<Finding> findings, IReadOnlyList<LeakGroup> leaks)
        {
            var kinds = findings.GroupBy(f => f.Kind).Select(g => $"{g.Count()} {Name(g.Key)}");
            var bytes = leaks.Aggregate(0UL, (s, l) => s + l.Bytes);
            return $"{Banner} SUMMARY: {findings.Count} finding(s){(findings.Count > 0 ? ": " + string.Join(", ", kinds) : "")}; " +
                $"{leaks.Sum(l => l.Count)} live block(s), {bytes} bytes, not freed at exit";
        }

        private static void Frames(StringBuilder sb, CallSite? site, Func<uint, bool, string> describe, bool exactPc)
        {
            if (site == null || site.Pc == 0)
            {
                return;
            }
            for (var i = 0; i < site.Frames.Count; i++)
            {
                // Return addresses are named by the call before them (pc - 4 on ARM), the faulting pc by itself.
                var exact = exactPc && i == 0;
                sb.Append($"    #{i} 0x{site.Frames[i]:x8} in {describe(site.Frames[i], exact)}\n");
            }
        }
    }
}
