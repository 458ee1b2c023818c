using System.IO;
using System.Text;

namespace HarmonyRenode.Core.Reporting
{
    /// <summary>Writes a recording to the files the user asked for (the CLI's --trace/--report, Renode's mm commands).</summary>
    public static class MemoryReportFiles
    {
        public static void WriteTrace(MemoryRecorder recorder, string path)
        {
            using (var w = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                ChromeTraceWriter.Write(recorder, w);
            }
        }

        public static void WriteReport(MemoryRecorder recorder, string path, string? title = null)
        {
            using (var w = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                HtmlReport.Write(recorder, w, title);
            }
        }
    }
}
