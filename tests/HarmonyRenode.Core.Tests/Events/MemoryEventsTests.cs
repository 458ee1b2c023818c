using System;
using System.Linq;
using HarmonyRenode.Core.Events;
using HarmonyRenode.Core.Faults;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Tests.Facade;
using HarmonyRenode.Core.Vm;
using Moq;
using NUnit.Framework;
using static HarmonyRenode.Core.Tests.Facade.ManagerFixture;

namespace HarmonyRenode.Core.Tests.Events
{
    public class MemoryEventsTests
    {
        private static (ManagerFixture, EventLog) Traced()
        {
            var f = new ManagerFixture();
            var log = new EventLog();
            f.Manager.Events.Attach(log);
            return (f, log);
        }

        [Test]
        public void Events_are_off_by_default_and_publishing_then_allocates_nothing()
        {
            var f = new ManagerFixture();
            Assert.That(f.Manager.Events.Enabled, Is.False);
            f.Manager.LOS_KernelFree(f.Manager.LOS_KernelMalloc(64)); // warm up
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                f.Manager.Events.Publish(MemoryEventKind.Alloc, 0x40100000, 64, 0, "LOS_KernelMalloc");
            }
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        }

        [Test]
        public void Kernel_malloc_and_free_publish_pointer_size_and_allocator_with_growing_time()
        {
            var (f, log) = Traced();
            var ptr = f.Manager.LOS_KernelMalloc(100);
            f.Manager.LOS_KernelFree(ptr);

            var alloc = log.Of(MemoryEventKind.Alloc).Single();
            var free = log.Of(MemoryEventKind.Free).Single();
            Assert.That((alloc.Address, alloc.Size, alloc.Name), Is.EqualTo((ptr, 100u, "LOS_KernelMalloc")));
            Assert.That((free.Address, free.Value, free.Name), Is.EqualTo((ptr, 0u, "LOS_KernelFree")));
            Assert.That(free.Time, Is.GreaterThan(alloc.Time), "a sequence number when no engine clock is given");
        }

        [Test]
        public void A_free_the_heap_refuses_carries_its_error_status()
        {
            var (f, log) = Traced();
            var status = f.Api.LOS_MemFree(f.Manager.SystemPool, 0x40100004);
            Assert.That(status, Is.Not.Zero);
            Assert.That(log.Of(MemoryEventKind.Free).Single().Value, Is.EqualTo(status));
        }

        [Test]
        public void Two_pages_from_a_larger_block_publish_its_splits_largest_first_and_their_free_the_merges_back()
        {
            var (f, log) = Traced();
            var segment = f.Manager.Phys.Segments[0];
            var from = Enumerable.Range(1, VmPhysSeg.ListOrderMax - 1).First(o => segment.FreeList[o].Count > 0);
            var head = segment.FreeList[from].First.PhysAddr;

            var kva = f.Manager.LOS_PhysPagesAllocContiguous(2);
            Assert.That(f.Manager.Config.KernelVaToPa(kva), Is.EqualTo(head));
            var splits = log.Of(MemoryEventKind.PageSplit);
            Assert.That(splits.Select(s => s.Value), Is.EqualTo(Enumerable.Range(1, from - 1).Reverse().Select(o => (uint)o)));
            Assert.That(splits.Select(s => s.Address), Is.EqualTo(splits.Select(s => head + (0x1000u << (int)s.Value))));

            f.Manager.LOS_PhysPagesFreeContiguous(kva, 2);
            var merges = log.Of(MemoryEventKind.PageMerge);
            Assert.That(merges.Select(m => m.Value), Is.EqualTo(Enumerable.Range(2, from - 1).Select(o => (uint)o)));
            Assert.That(merges.Last().Address, Is.EqualTo(head));
        }

        [Test]
        public void A_user_mmap_and_its_demand_fault_publish_space_region_map_and_the_fault_outcome()
        {
            var (f, log) = Traced();
            var space = f.EnterUserSpace();
            var asid = f.Api.SpaceAt(space).ArchMmu.Asid;
            var va = f.Manager.LOS_MMap(0, 0x2000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
            f.Api.OsArmSharedPageFault(false, FsrTranslationPage | FsrWrite, va, UsrCpsr);
            f.Manager.LOS_UnMMap(va, 0x2000);
            f.Api.ActivateSpace(0);
            f.Api.LOS_VmSpaceFree(space);

            Assert.That(log.Of(MemoryEventKind.SpaceCreate).Single().Value, Is.EqualTo(asid));
            Assert.That(log.Of(MemoryEventKind.SpaceSwitch).Select(e => e.Address), Is.EqualTo(new[] { space, 0u }));
            var region = log.Of(MemoryEventKind.RegionCreate).Single();
            Assert.That((region.Address, region.Size, region.Value), Is.EqualTo((va, 0x2000u, asid)));
            var map = log.Of(MemoryEventKind.Map).Single(m => m.Value == asid);
            Assert.That((map.Address, map.Size), Is.EqualTo((va, 1u)));
            var fault = log.Of(MemoryEventKind.Fault).Single();
            Assert.That((fault.Address, fault.Name, (FaultAction)fault.Value), Is.EqualTo((va, "data translation write", FaultAction.Resume)));
            Assert.That(log.Of(MemoryEventKind.Unmap).Any(u => u.Value == asid && u.Address == va), Is.True);
            Assert.That(log.Of(MemoryEventKind.RegionFree).Single().Address, Is.EqualTo(va));
            Assert.That(log.Of(MemoryEventKind.SpaceFree).Single().Address, Is.EqualTo(space));
        }

        [Test]
        public void Mprotect_publishes_a_protect_of_the_range()
        {
            var (f, log) = Traced();
            var space = f.EnterUserSpace();
            var va = f.Manager.LOS_MMap(0, 0x1000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
            f.Api.OsArmSharedPageFault(false, FsrTranslationPage | FsrWrite, va, UsrCpsr);
            Assert.That(f.Manager.LOS_DoMprotect(va, 0x1000, ProtFlags.Read), Is.Zero);
            var protect = log.Of(MemoryEventKind.Protect).Single();
            Assert.That((protect.Address, protect.Size, protect.Value), Is.EqualTo((va, 1u, f.Api.SpaceAt(space).ArchMmu.Asid)));
        }

        [Test]
        public void An_allocation_larger_than_the_pool_publishes_the_expansion_before_it_and_its_free_the_shrink()
        {
            var (f, log) = Traced();
            var before = f.Manager.Heap.LOS_MemPoolSizeGet();
            var ptr = f.Api.LOS_MemAlloc(f.Manager.SystemPool, 0x100000);
            Assert.That(ptr, Is.Not.Zero);
            var expand = log.Of(MemoryEventKind.HeapExpand).Single();
            Assert.That(expand.Value, Is.EqualTo(f.Manager.Heap.LOS_MemPoolSizeGet()));
            Assert.That(expand.Size, Is.EqualTo(f.Manager.Heap.LOS_MemPoolSizeGet() - before));
            Assert.That(log.All.IndexOf(expand), Is.LessThan(log.All.FindIndex(e => e.Kind == MemoryEventKind.Alloc)));

            f.Api.LOS_MemFree(f.Manager.SystemPool, ptr);
            Assert.That(log.Of(MemoryEventKind.HeapShrink).Single().Value, Is.EqualTo(before));
        }

        [Test]
        public void A_dispatched_hook_is_a_slice_whose_lr_is_the_call_site_of_the_events_inside()
        {
            var (f, log) = Traced();
            var table = LosMemoryHooks.Register(new GuestHookTable(), f.Api);
            var cpu = new Mock<IGuestCpu>();
            cpu.Setup(c => c.GetRegister(0)).Returns(64);
            cpu.Setup(c => c.GetRegister(ArmRegister.Lr)).Returns(0x40001235);
            var call = new HookCall("LOS_KernelMalloc", cpu.Object, f.Memory, f.Config.KernelVaToPa);

            table.Dispatch(call);

            Assert.That(log.All.First().Kind, Is.EqualTo(MemoryEventKind.HookEnter));
            Assert.That((log.All.First().Name, log.All.First().Site), Is.EqualTo(("LOS_KernelMalloc", 0x40001235u)));
            Assert.That(log.Of(MemoryEventKind.Alloc).Single().Site, Is.EqualTo(0x40001235u));
            var exit = log.All.Last();
            Assert.That((exit.Kind, exit.Value), Is.EqualTo((MemoryEventKind.HookExit, call.Result.Value)));
            Assert.That(f.Manager.Events.CallSite, Is.Zero, "no call site once the call is over");
        }

        [Test]
        public void An_engine_clock_gives_the_time_and_never_goes_back()
        {
            var f = new ManagerFixture();
            var log = new EventLog();
            var clock = new ulong[] { 500 };
            f.Manager.Events.Attach(log, () => clock[0]);
            f.Manager.LOS_KernelMalloc(8);
            clock[0] = 100; // e.g. a machine reset restarts the engine's count
            f.Manager.LOS_KernelMalloc(8);
            Assert.That(log.Of(MemoryEventKind.Alloc).Select(e => e.Time), Is.EqualTo(new ulong[] { 500, 500 }));
        }

        [Test]
        public void Detached_events_stop_reaching_the_sink()
        {
            var (f, log) = Traced();
            f.Manager.Events.Detach();
            f.Manager.LOS_KernelMalloc(8);
            Assert.That(log.All, Is.Empty);
        }
    }
}
