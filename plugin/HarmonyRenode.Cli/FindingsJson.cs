using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using HarmonyRenode.Core.Oracle;

namespace HarmonyRenode.Cli
{
    /// <summary>
    /// `--findings FILE.json` (README, "Memory-safety oracle"): {"findings": [...], "leaks": [...]} with addresses as
    /// "0x%08x" strings and every site as {"pc", "symbol", "line", "frames"}. Written however the run ends.
    /// </summary>
    public static class FindingsJson
    {
        public const int SchemaVersion = 1;

        public static void Write(string path, string firmware, int exitCode, string ended, IReadOnlyList<Finding> findings,
            IReadOnlyList<LeakGroup> leaks, GuestSymbolizer symbols)
        {
            using var stream = File.Create(path);
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteNumber("version", SchemaVersion);
            json.WriteString("firmware", firmware);
            json.WriteNumber("exitCode", exitCode);
            json.WriteString("ended", ended);
            json.WriteStartArray("findings");
            foreach (var f in findings)
            {
                json.WriteStartObject();
                json.WriteString("kind", FindingText.Name(f.Kind));
                Hex(json, "address", f.Address);
                json.WriteNumber("size", f.Size);
                var pc = f.Pc?.Pc ?? 0;
                if (pc != 0)
                {
                    Hex(json, "pc", pc);
                    json.WriteString("pcSymbol", symbols?.Symbol(pc));
                }
                else
                {
                    json.WriteNull("pc");
                    json.WriteNull("pcSymbol");
                }
                Site(json, "pcSite", f.Pc, symbols, exact: f.Api == "data abort" || f.Api == "prefetch abort");
                json.WriteString("api", f.Api);
                if (f.AccessSize.HasValue) json.WriteNumber("accessSize", f.AccessSize.Value); else json.WriteNull("accessSize");
                json.WriteString("access", f.IsWrite == true ? "write" : f.IsWrite == false ? "read" : null);
                if (f.BlockAddress.HasValue) Hex(json, "block", f.BlockAddress.Value); else json.WriteNull("block");
                json.WriteString("allocApi", f.AllocApi);
                Site(json, "allocSite", f.AllocSite, symbols, false);
                json.WriteString("freeApi", f.FreeApi);
                Site(json, "freeSite", f.FreeSite, symbols, false);
                json.WriteString("detail", f.Detail);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("leaks");
            foreach (var l in leaks)
            {
                json.WriteStartObject();
                json.WriteString("kind", "leak");
                Hex(json, "address", l.Addresses[0]);
                json.WriteNumber("size", l.Bytes);
                json.WriteNumber("count", l.Count);
                json.WriteNull("pc");
                json.WriteNull("pcSymbol");
                json.WriteString("allocApi", l.AllocApi);
                Site(json, "allocSite", l.AllocSite, symbols, false);
                json.WriteNull("freeSite");
                json.WriteStartArray("addresses");
                foreach (var a in l.Addresses)
                {
                    json.WriteStringValue($"0x{a:x8}");
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }

        private static void Hex(Utf8JsonWriter json, string name, uint value) => json.WriteString(name, $"0x{value:x8}");

        private static void Site(Utf8JsonWriter json, string name, CallSite site, GuestSymbolizer symbols, bool exact)
        {
            if (site == null || site.Pc == 0)
            {
                json.WriteNull(name);
                return;
            }
            json.WriteStartObject(name);
            Hex(json, "pc", site.Pc);
            json.WriteString("symbol", symbols?.Symbol(site.Pc));
            json.WriteString("line", symbols?.LineOf(exact ? site.Pc : site.Pc - 4));
            json.WriteStartArray("frames");
            foreach (var frame in site.Frames)
            {
                json.WriteStartObject();
                Hex(json, "pc", frame);
                json.WriteString("symbol", symbols?.Symbol(frame));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
    }
}
