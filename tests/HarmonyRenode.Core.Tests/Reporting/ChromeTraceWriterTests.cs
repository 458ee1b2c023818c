using System.IO;
using System.Linq;
using System.Text.Json;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Reporting;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Reporting
{
    public class ChromeTraceWriterTests
    {
        private static JsonElement[] Write(MemoryRecorder recorder)
        {
            var text = new StringWriter();
            ChromeTraceWriter.Write(recorder, text);
            using var doc = JsonDocument.Parse(text.ToString());
            return doc.RootElement.GetProperty("traceEvents").EnumerateArray().Select(e => e.Clone()).ToArray();
        }

        [Test]
        public void Counters_and_instants_come_in_time_order_and_the_last_counters_are_the_model_figures()
        {
            var r = new RecordingFixture();
            var events = Write(r.Recorder);
            var timed = events.Where(e => e.GetProperty("ph").GetString() != "M").Select(e => e.GetProperty("ts").GetDouble()).ToList();
            Assert.That(timed, Is.Ordered);
            var lastFree = events.Last(e => e.GetProperty("name").GetString() == "free pages").GetProperty("args").GetProperty("free pages").GetInt32();
            Assert.That(lastFree, Is.EqualTo(r.F.Manager.Phys.FreePageCount));
            var heap = events.Last(e => e.GetProperty("name").GetString() == "heap bytes").GetProperty("args");
            Assert.That(heap.GetProperty("used").GetUInt32(), Is.EqualTo(r.F.Manager.Heap.LOS_MemTotalUsedGet()));
            var faults = events.Where(e => e.GetProperty("cat").GetString() == "fault").Select(e => e.GetProperty("name").GetString()).ToList();
            Assert.That(faults, Is.EqualTo(Enumerable.Repeat("data translation write", 4).Append("data permission write")));
            var mapped = events.Last(e => e.GetProperty("name").GetString() == "mapped pages").GetProperty("args");
            var child = r.F.Api.SpaceAt(r.Child);
            Assert.That(mapped.GetProperty("asid " + child.ArchMmu.Asid).GetInt32(), Is.EqualTo(child.MappedPageCount()));
        }

        [Test]
        public void A_hooked_call_is_a_B_E_pair_with_the_symbolized_call_site_and_r0()
        {
            var f = new Facade.ManagerFixture();
            var recorder = new MemoryRecorder(f.Manager, a => a == 0x40001234 ? "hr_main+0x34" : null);
            recorder.Start();
            var cpu = new Mock<IGuestCpu>();
            cpu.Setup(c => c.GetRegister(0)).Returns(64);
            cpu.Setup(c => c.GetRegister(ArmRegister.Lr)).Returns(0x40001234);
            var call = new HookCall("LOS_KernelMalloc", cpu.Object, f.Memory, f.Config.KernelVaToPa);
            LosMemoryHooks.Register(new GuestHookTable(), f.Api).Dispatch(call);
            recorder.Stop();

            var events = Write(recorder);
            var begin = events.Single(e => e.GetProperty("ph").GetString() == "B");
            var end = events.Single(e => e.GetProperty("ph").GetString() == "E");
            Assert.That(begin.GetProperty("name").GetString(), Is.EqualTo("LOS_KernelMalloc"));
            Assert.That(begin.GetProperty("args").GetProperty("call_site").GetString(), Is.EqualTo("0x40001234"));
            Assert.That(begin.GetProperty("args").GetProperty("call_site_symbol").GetString(), Is.EqualTo("hr_main+0x34"));
            Assert.That(end.GetProperty("args").GetProperty("r0").GetString(), Is.EqualTo($"0x{call.Result:x8}"));
            var alloc = events.Single(e => e.GetProperty("cat").GetString() == "alloc");
            Assert.That(alloc.GetProperty("ts").GetDouble(), Is.InRange(begin.GetProperty("ts").GetDouble(), end.GetProperty("ts").GetDouble()));
            Assert.That(alloc.GetProperty("args").GetProperty("size").GetInt32(), Is.EqualTo(64));
        }

        [Test]
        public void A_finding_is_a_global_instant_with_its_text_escaped()
        {
            var r = new RecordingFixture(stop: false);
            r.F.Manager.Events.Finding("leak", 0x40100100, "never freed: \"buf\"\n");
            r.Recorder.Stop();
            var finding = Write(r.Recorder).Single(e => e.GetProperty("cat").GetString() == "finding");
            Assert.That(finding.GetProperty("s").GetString(), Is.EqualTo("g"));
            Assert.That(finding.GetProperty("args").GetProperty("text").GetString(), Is.EqualTo("never freed: \"buf\"\n"));
        }
    }
}
