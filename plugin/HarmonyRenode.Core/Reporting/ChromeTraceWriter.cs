using System.Collections.Generic;
using System.IO;
using HarmonyRenode.Core.Events;

namespace HarmonyRenode.Core.Reporting
{
    /// <summary>
    /// A recording as Chrome Trace Event JSON (the "JSON Object Format" that the Perfetto UI and chrome://tracing
    /// open): hooked calls as B/E slices on one track, faults and findings as instant events, region/space/heap
    /// changes as instants on a "vm" track, and counter tracks for free pages, free blocks per buddy order, the heap
    /// and mapped pages per space. Events are written in guest-time order; "ts" is guest time in the recorder's unit
    /// (instructions or event sequence), shown by the viewers as microseconds.
    /// </summary>
    public static class ChromeTraceWriter
    {
        private const int Pid = 1;
        private const int HookTrack = 1;
        private const int FaultTrack = 2;
        private const int VmTrack = 3;

        public static void Write(MemoryRecorder recorder, TextWriter w)
        {
            w.Write("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"producer\":\"HarmonyRenode\",\"timeUnit\":");
            Json.String(w, recorder.TimeUnit);
            w.Write("},\"traceEvents\":[\n");
            var first = true;
            Metadata(w, ref first, "process_name", 0, "LiteOS-A memory manager (HarmonyRenode)");
            Metadata(w, ref first, "thread_name", HookTrack, "hooked calls");
            Metadata(w, ref first, "thread_name", FaultTrack, "faults and findings");
            Metadata(w, ref first, "thread_name", VmTrack, "regions, spaces, heap");

            var samples = recorder.Samples;
            var s = 0;
            CounterSample? previous = null;
            var open = new Stack<MemoryEvent>();
            foreach (var e in recorder.Events)
            {
                while (s < samples.Count && samples[s].Time < e.Time)
                {
                    Counters(w, ref first, samples[s], previous);
                    previous = samples[s++];
                }
                Event(w, ref first, recorder, e, open);
            }
            for (; s < samples.Count; s++)
            {
                Counters(w, ref first, samples[s], previous);
                previous = samples[s];
            }
            w.Write("\n]}\n");
        }

        private static void Event(TextWriter w, ref bool first, MemoryRecorder recorder, MemoryEvent e, Stack<MemoryEvent> open)
        {
            switch (e.Kind)
            {
                case MemoryEventKind.HookEnter:
                    Begin(w, ref first, "B", e.Name, "hook", e.Time, HookTrack);
                    w.Write(",\"args\":{");
                    CallSite(w, recorder, e.Site, false);
                    w.Write("}}");
                    break;
                case MemoryEventKind.HookExit:
                    Begin(w, ref first, "E", e.Name, "hook", e.Time, HookTrack);
                    w.Write(",\"args\":{\"r0\":");
                    Json.String(w, Json.Hex(e.Value));
                    w.Write("}}");
                    break;
                case MemoryEventKind.Fault:
                    Begin(w, ref first, "i", e.Name, "fault", e.Time, FaultTrack);
                    w.Write(",\"s\":\"t\",\"args\":{\"far\":");
                    Json.String(w, Json.Hex(e.Address));
                    w.Write(",\"fsr\":");
                    Json.String(w, Json.Hex(e.Size));
                    w.Write(",\"outcome\":");
                    Json.String(w, ((Faults.FaultAction)e.Value).ToString());
                    CallSite(w, recorder, e.Site, true);
                    w.Write("}}");
                    break;
                case MemoryEventKind.Finding:
                    Begin(w, ref first, "i", e.Name, "finding", e.Time, FaultTrack);
                    w.Write(",\"s\":\"g\",\"args\":{\"address\":");
                    Json.String(w, Json.Hex(e.Address));
                    w.Write(",\"text\":");
                    Json.String(w, e.Text);
                    CallSite(w, recorder, e.Site, true);
                    w.Write("}}");
                    break;
                case MemoryEventKind.RegionCreate:
                case MemoryEventKind.RegionFree:
                case MemoryEventKind.SpaceCreate:
                case MemoryEventKind.SpaceSwitch:
                case MemoryEventKind.SpaceFree:
                case MemoryEventKind.HeapExpand:
                case MemoryEventKind.HeapShrink:
                    Begin(w, ref first, "i", e.Kind.ToString(), "vm", e.Time, VmTrack);
                    w.Write(",\"s\":\"t\",\"args\":{\"address\":");
                    Json.String(w, Json.Hex(e.Address));
                    w.Write(",\"size\":");
                    Json.Number(w, (long)e.Size);
                    w.Write(",\"value\":");
                    Json.Number(w, (long)e.Value);
                    CallSite(w, recorder, e.Site, true);
                    w.Write("}}");
                    break;
                case MemoryEventKind.Alloc:
                case MemoryEventKind.Free:
                case MemoryEventKind.Realloc:
                    // Instants on the call's own track: pointer, size and the allocator, under the slice that made them.
                    Begin(w, ref first, "i", e.Kind + " " + e.Name, "alloc", e.Time, HookTrack);
                    w.Write(",\"s\":\"t\",\"args\":{\"ptr\":");
                    Json.String(w, Json.Hex(e.Address));
                    w.Write(",\"size\":");
                    Json.Number(w, (long)e.Size);
                    if (e.Kind == MemoryEventKind.Realloc)
                    {
                        w.Write(",\"old\":");
                        Json.String(w, Json.Hex(e.Value));
                    }
                    CallSite(w, recorder, e.Site, true);
                    w.Write("}}");
                    break;
            }
        }

        private static void Counters(TextWriter w, ref bool first, CounterSample sample, CounterSample? previous)
        {
            if (previous == null || previous.FreePages != sample.FreePages)
            {
                Begin(w, ref first, "C", "free pages", "counter", sample.Time, 0);
                w.Write(",\"args\":{\"free pages\":");
                Json.Number(w, (long)sample.FreePages);
                w.Write("}}");
            }
            if (previous == null || !Same(previous.FreeBlocks, sample.FreeBlocks))
            {
                Begin(w, ref first, "C", "buddy free blocks", "counter", sample.Time, 0);
                w.Write(",\"args\":{");
                for (var order = 0; order < sample.FreeBlocks.Length; order++)
                {
                    w.Write(order == 0 ? "\"order " : ",\"order ");
                    Json.Number(w, (long)order);
                    w.Write("\":");
                    Json.Number(w, (long)sample.FreeBlocks[order]);
                }
                w.Write("}}");
            }
            if (previous == null || previous.HeapUsed != sample.HeapUsed || previous.HeapFree != sample.HeapFree)
            {
                Begin(w, ref first, "C", "heap bytes", "counter", sample.Time, 0);
                w.Write(",\"args\":{\"used\":");
                Json.Number(w, (long)sample.HeapUsed);
                w.Write(",\"free\":");
                Json.Number(w, (long)sample.HeapFree);
                w.Write("}}");
            }
            if (previous == null || !ReferenceEquals(previous.MappedPages, sample.MappedPages))
            {
                Begin(w, ref first, "C", "mapped pages", "counter", sample.Time, 0);
                w.Write(",\"args\":{");
                var comma = false;
                foreach (var pair in sample.MappedPages)
                {
                    w.Write(comma ? ",\"asid " : "\"asid ");
                    Json.Number(w, (long)pair.Key);
                    w.Write("\":");
                    Json.Number(w, (long)pair.Value);
                    comma = true;
                }
                w.Write("}}");
            }
        }

        private static bool Same(int[] a, int[] b)
        {
            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }
            return true;
        }

        private static void CallSite(TextWriter w, MemoryRecorder recorder, uint site, bool comma)
        {
            if (comma)
            {
                w.Write(',');
            }
            w.Write("\"call_site\":");
            Json.String(w, Json.Hex(site));
            var symbol = site == 0 ? null : recorder.Symbolize(site);
            if (symbol != null)
            {
                w.Write(",\"call_site_symbol\":");
                Json.String(w, symbol);
            }
        }

        private static void Metadata(TextWriter w, ref bool first, string name, int tid, string value)
        {
            Begin(w, ref first, "M", name, "__metadata", 0, tid);
            w.Write(",\"args\":{\"name\":");
            Json.String(w, value);
            w.Write("}}");
        }

        /// <summary>Opens one event object with the fields every phase has (name, cat, ph, ts, pid, tid).</summary>
        private static void Begin(TextWriter w, ref bool first, string phase, string? name, string category, ulong ts, int tid)
        {
            w.Write(first ? "" : ",\n");
            first = false;
            w.Write("{\"name\":");
            Json.String(w, name);
            w.Write(",\"cat\":");
            Json.String(w, category);
            w.Write(",\"ph\":\"");
            w.Write(phase);
            w.Write("\",\"ts\":");
            Json.Number(w, ts);
            w.Write(",\"pid\":");
            Json.Number(w, (long)Pid);
            w.Write(",\"tid\":");
            Json.Number(w, (long)tid);
        }
    }
}
