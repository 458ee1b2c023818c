using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Session;
using HarmonyRenode.Core.Tests.Facade;
using HarmonyRenode.Core.Vm;
using Moq;
using NUnit.Framework;
using static HarmonyRenode.Core.Tests.Facade.ManagerFixture;

namespace HarmonyRenode.Core.Tests.Guest
{
    /// <summary>
    /// The guest ABI over the typed model: guest pointers are looked up here (one line and the kernel's code for one
    /// that names nothing), flag words become the model's enums, typed results become the guest's values; the model
    /// itself takes only its own objects.
    /// </summary>
    public class LosMemoryApiTests
    {
        private const uint NotASpace = 0x40123454;

        [Test]
        public void A_pointer_that_is_no_space_gets_the_line_and_the_kernels_code_and_changes_nothing()
        {
            var f = new ManagerFixture();
            var before = f.Snapshot();

            var status = f.Api.LOS_VmSpaceFree(NotASpace);

            Assert.That(status, Is.EqualTo((int)VmStatus.InvalidArgs));
            Assert.That(f.Log.Errors, Is.EqualTo(new[] { "[ERR]LOS_VmSpaceFree 0x40123454 is not a LosVmSpace" }));
            Assert.That(f.Snapshot(), Is.EqualTo(before), "guest RAM untouched");
        }

        [Test]
        public void The_typed_model_takes_no_guest_pointer_and_is_not_the_guest_abi()
        {
            // What a guest passes as a pointer: a pool, a space, a region, a page, &space->archMmu, a CPSR. None of
            // them reaches MemoryModel as a word; the one implementation of the guest's view over it is LosMemoryApi.
            var pointerNames = new HashSet<string> { "pool", "space", "oldSpace", "newSpace", "region", "page", "archMmu", "interruptedCpsr" };
            var raw = typeof(MemoryModel).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .SelectMany(m => m.GetParameters().Select(p => (Method: m.Name, Parameter: p)))
                .Where(x => pointerNames.Contains(x.Parameter.Name!) && (x.Parameter.ParameterType == typeof(uint) || x.Parameter.ParameterType == typeof(int)))
                .Select(x => $"{x.Method}({x.Parameter.Name})");

            Assert.That(raw, Is.Empty);
            Assert.That(typeof(ILosMemoryApi).IsAssignableFrom(typeof(MemoryModel)), Is.False);
            Assert.That(typeof(ILosMemoryApi).Namespace, Is.EqualTo(typeof(LosMemoryApi).Namespace));
        }

        [Test]
        public void A_region_flag_word_becomes_the_regions_flags_and_the_region_the_guests_pointer()
        {
            var f = new ManagerFixture();
            var space = f.EnterUserSpace();
            const uint word = 0x4 | 0x8 | 0x10; // VM_MAP_REGION_FLAG_PERM_USER | PERM_READ | PERM_WRITE (los_vm_map.h)

            var pointer = f.Api.LOS_RegionAlloc(space, 0, 0x3000, word, 0);

            var region = f.Api.RegionAt(pointer);
            Assert.That(region, Is.Not.Null);
            Assert.That(region!.RegionFlags, Is.EqualTo(RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite));
            Assert.That(region.GuestAddress, Is.EqualTo(pointer));
            Assert.That(f.Api.SpaceAt(space)!.Regions, Does.Contain(region));
        }

        [Test]
        public void A_page_goes_to_the_guest_as_its_descriptor_and_comes_back_from_it()
        {
            var f = new ManagerFixture();

            var pointer = f.Api.LOS_PhysPageAlloc();

            var page = f.Api.PageOf(pointer);
            Assert.That(page, Is.Not.Null);
            Assert.That(pointer, Is.EqualTo(f.Manager.Layout.PageArrayBase + (uint)page!.Index * BootLayout.VmPageDescriptorSize));
            Assert.That(f.Memory.ReadUInt32(f.Config.KernelVaToPa(pointer + 8)), Is.EqualTo(page.PhysAddr), "physAddr written before the pointer is handed out");
            Assert.That(f.Manager.Phys.IsFree(page), Is.False);
            f.Api.LOS_PhysPageFree(pointer);
            Assert.That(f.Manager.Phys.IsFree(page), Is.True);
        }

        [Test]
        public void The_typed_model_hands_out_the_page_itself_with_its_descriptor_written()
        {
            var f = new ManagerFixture();

            var page = f.Manager.LOS_PhysPageAlloc();

            Assert.That(page, Is.Not.Null);
            var handle = f.Manager.PageArray.PageHandle(page);
            var descriptor = f.Config.KernelVaToPa(handle);
            Assert.That(f.Memory.ReadUInt32(descriptor), Is.EqualTo(handle), "node.pstPrev: an empty list points at itself");
            Assert.That(f.Memory.ReadUInt32(descriptor + 4), Is.EqualTo(handle), "node.pstNext");
            Assert.That(f.Memory.ReadUInt32(descriptor + 8), Is.EqualTo(page!.PhysAddr), "physAddr");
            f.Manager.LOS_PhysPageFree(page);
            Assert.That(f.Manager.Phys.IsFree(page), Is.True);
            Assert.That(f.Log.Errors, Is.Empty);
        }

        [TestCase(UsrCpsr, true)]
        [TestCase(0x60000010u, true)] // NZCV flags set: still User mode
        [TestCase(SvcCpsr, false)]
        [TestCase(0x1Fu, false)] // System mode: privileged, though it shares User's registers
        [TestCase(0x17u, false)] // Abort mode
        public void The_interrupted_CPSRs_mode_bits_say_whether_user_code_faulted(uint cpsr, bool user)
        {
            var f = new ManagerFixture();
            f.EnterUserSpace();

            // A permission fault on a kernel section: user code is refused with the kernel's line, kernel code is not.
            f.Api.OsArmSharedPageFault(false, 0x00D, 0x40000000, cpsr);

            Assert.That(f.Log.Errors.Contains("user space not allowed to access invalid address"), Is.EqualTo(user));
            Assert.That(LosMemoryApi.IsUserMode(cpsr), Is.EqualTo(user));
        }

        [Test]
        public void A_pointer_that_is_no_space_makes_no_space_current()
        {
            var f = new ManagerFixture();
            var space = f.EnterUserSpace();

            var registers = f.Api.ActivateSpace(NotASpace);

            Assert.That(f.Log.Errors, Is.EqualTo(new[] { "[ERR]ActivateSpace 0x40123454 is not a LosVmSpace" }));
            Assert.That(f.Manager.Vm.Spaces.CurrentSpace, Is.Null);
            Assert.That(registers, Is.EqualTo(f.Manager.Mmu.RegistersFor(null)), "kernel only");
            Assert.That(f.Api.ActivateSpace(space), Is.EqualTo(f.Manager.Mmu.RegistersFor(f.Api.SpaceAt(space)!.ArchMmu)));
        }

        [Test]
        public void A_pool_pointer_that_names_no_pool_is_refused_with_the_line_and_still_traced()
        {
            var f = new ManagerFixture();
            var events = new Tests.Events.EventLog();
            f.Manager.Events.Attach(events);

            Assert.That(f.Api.LOS_MemAlloc(0x40123450, 16), Is.Zero);

            Assert.That(f.Log.Errors, Is.EqualTo(new[] { "[ERR]LOS_MemAlloc 0x40123450 is not a memory pool (no LOS_MemInit made one there)" }));
            Assert.That(events.All.Select(e => (e.Kind, e.Address, e.Name)), Is.EqualTo(new[] { (Core.Events.MemoryEventKind.Alloc, 0u, "LOS_MemAlloc") }));
        }

        [Test]
        public void Without_an_oracle_a_session_serves_the_guest_through_the_guest_abi_over_its_model()
        {
            var elf = MinimalFirmware.Symbols();
            var log = new RecordingLog();
            var session = new LiteOsGuestSession(64u << 20, (s, config, m, tlb, l) => (new MemoryModel(config, m, tlb, l), null));
            session.Boot(elf, new InMemoryGuestMemory(0x40000000, 64 << 20), new Mock<ITlbMaintenance>().Object, log);

            Assert.That(session.Api, Is.TypeOf<LosMemoryApi>().With.Property(nameof(LosMemoryApi.Model)).SameAs(session.Manager));
            Assert.That(session.Api.LOS_VmSpaceFree(NotASpace), Is.EqualTo((int)VmStatus.InvalidArgs));
            Assert.That(log.Errors, Is.EqualTo(new[] { "[ERR]LOS_VmSpaceFree 0x40123454 is not a LosVmSpace" }));
        }
    }
}
