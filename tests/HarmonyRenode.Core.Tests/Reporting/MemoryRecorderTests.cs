using System.Linq;
using HarmonyRenode.Core.Events;
using HarmonyRenode.Core.Reporting;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Reporting
{
    public class MemoryRecorderTests
    {
        [Test]
        public void The_last_sample_holds_the_model_figures_at_stop()
        {
            var r = new RecordingFixture();
            var m = r.F.Manager;
            var last = r.Recorder.Samples.Last();

            Assert.That(last.FreePages, Is.EqualTo(m.Phys.FreePageCount));
            Assert.That(last.FreeBlocks, Is.EqualTo(Enumerable.Range(0, 9).Select(o => m.Phys.Segments[0].FreeList[o].Count)));
            Assert.That(last.HeapUsed, Is.EqualTo(m.Heap.LOS_MemTotalUsedGet()));
            Assert.That(last.HeapFree, Is.EqualTo(m.Heap.LOS_MemPoolSizeGet() - m.Heap.LOS_MemTotalUsedGet()));
            Assert.That(last.HeapLargestFree, Is.EqualTo(m.Heap.LOS_MemInfoGet().MaxFreeNodeSize));
            foreach (var space in m.Vm.Spaces.SpaceList)
            {
                Assert.That(last.MappedPages[space.ArchMmu.Asid], Is.EqualTo(space.MappedPageCount()), space.ToString());
            }
            Assert.That(m.Events.Enabled, Is.False, "Stop detaches");
        }

        [Test]
        public void Mapped_pages_per_space_follow_the_map_and_unmap_events_between_start_and_stop()
        {
            var r = new RecordingFixture(stop: false);
            var m = r.F.Manager;
            r.F.Api.ActivateSpace(r.Parent);
            m.LOS_UnMMap(r.Va + 0x1000, 0x2000);
            r.Recorder.Sample();
            var sample = r.Recorder.Samples.Last();
            foreach (var space in m.Vm.Spaces.SpaceList)
            {
                Assert.That(sample.MappedPages[space.ArchMmu.Asid], Is.EqualTo(space.MappedPageCount()), space.ToString());
            }
            Assert.That(sample.MappedPages[r.F.Api.SpaceAt(r.Parent).ArchMmu.Asid], Is.EqualTo(2), "4 faulted in, 2 unmapped");
            r.Recorder.Stop();
        }

        [Test]
        public void Direct_calls_are_sampled_one_by_one_with_time_stamps_that_never_go_back()
        {
            var r = new RecordingFixture();
            var samples = r.Recorder.Samples;
            Assert.That(samples.Count, Is.GreaterThan(10));
            Assert.That(samples.Select(s => s.Time), Is.Ordered);
            Assert.That(samples.Select(s => s.FreePages).Distinct().Count(), Is.GreaterThan(3), "free pages move during the workload");
        }

        [Test]
        public void Live_allocations_and_sites_count_what_was_not_freed()
        {
            var r = new RecordingFixture();
            var live = r.Recorder.Live;
            Assert.That(live.Keys, Does.Contain(r.Heap).And.Contain(r.Kept).And.Contain(r.Vmalloc));
            Assert.That(live[r.Kept].Size, Is.EqualTo(64u));
            var kmalloc = r.Recorder.Sites.Single(s => s.Function == "LOS_KernelMalloc");
            Assert.That((kmalloc.Count, kmalloc.Bytes, kmalloc.LiveCount, kmalloc.LiveBytes), Is.EqualTo((2L, 64L + 65536, 1L, 64L)));
            var pages = r.Recorder.Sites.Single(s => s.Function == "LOS_PhysPageAlloc");
            Assert.That(pages.LiveCount, Is.Zero);
        }

        [Test]
        public void A_realloc_moves_the_live_allocation_to_its_new_pointer_and_size()
        {
            var f = new Facade.ManagerFixture();
            var recorder = new MemoryRecorder(f.Manager);
            recorder.Start();
            var a = f.Manager.LOS_KernelMalloc(16);
            f.Manager.LOS_KernelMalloc(16); // a neighbour, so the realloc must move
            var b = f.Manager.LOS_KernelRealloc(a, 4000);
            recorder.Stop();
            Assert.That(b, Is.Not.EqualTo(a));
            Assert.That(recorder.Live.ContainsKey(a), Is.False);
            Assert.That(recorder.Live[b].Size, Is.EqualTo(4000u));
        }

        [Test]
        public void Peak_free_blocks_are_at_least_those_at_exit_for_every_order()
        {
            var r = new RecordingFixture();
            var last = r.Recorder.Samples.Last().FreeBlocks;
            for (var o = 0; o < 9; o++)
            {
                Assert.That(r.Recorder.PeakFreeBlocks[o], Is.GreaterThanOrEqualTo(last[o]));
                Assert.That(r.Recorder.PeakFreeBlocks[o], Is.EqualTo(r.Recorder.Samples.Max(s => s.FreeBlocks[o])));
            }
        }

        [Test]
        public void Findings_are_recorded_with_their_text()
        {
            var r = new RecordingFixture(stop: false);
            r.F.Manager.Events.Finding("double free", 0x40100100, "LOS_MemFree of a free node");
            r.Recorder.Stop();
            var finding = r.Recorder.Events.Single(e => e.Kind == MemoryEventKind.Finding);
            Assert.That((finding.Name, finding.Address, finding.Text), Is.EqualTo(("double free", 0x40100100u, "LOS_MemFree of a free node")));
        }
    }
}
