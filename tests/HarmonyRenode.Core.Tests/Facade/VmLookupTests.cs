using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Facade
{
    /// <summary>Space and region look-ups as the guest calls them (kernel/base/vm/los_vm_map.c, los_vm_phys.c).</summary>
    public class VmLookupTests
    {
        [Test]
        public void The_current_space_is_the_kernel_space_until_a_user_space_runs()
        {
            var f = new ManagerFixture();
            var m = f.Api;

            Assert.That(m.LOS_CurrSpaceGet(), Is.EqualTo(m.LOS_GetKVmSpace()));
            Assert.That(m.LOS_SpaceGet(VmZone.UserAspaceBase), Is.EqualTo(m.LOS_GetKVmSpace()));

            var user = f.EnterUserSpace();

            Assert.That(m.LOS_CurrSpaceGet(), Is.EqualTo(user));
            Assert.That(m.LOS_SpaceGet(VmZone.UserAspaceBase), Is.EqualTo(user));
            Assert.That(m.LOS_SpaceGet(0x40001000), Is.EqualTo(m.LOS_GetKVmSpace()));
            Assert.That(m.LOS_SpaceGet(VmZone.VmallocStart + 0x1000), Is.EqualTo(m.LOS_GetVmallocSpace()));
            Assert.That(m.LOS_SpaceGet(0x1000), Is.Zero);
        }

        [Test]
        public void A_vmalloc_region_is_found_by_any_address_inside_it()
        {
            var m = new ManagerFixture().Api;
            var v = m.LOS_GetVmallocSpace();
            var addr = m.LOS_VMalloc(0x3000);

            var region = m.LOS_RegionFind(v, addr + 0x2FFF);

            Assert.That(region, Is.Not.Zero);
            Assert.That(m.LOS_RegionRangeFind(v, addr, 0x3000), Is.EqualTo(region));
            Assert.That(m.LOS_RegionFind(v, addr + 0x3000), Is.Not.EqualTo(region));
            Assert.That(m.LOS_RegionFind(m.LOS_GetKVmSpace(), addr), Is.Zero);
            Assert.That(m.LOS_RegionFind(0x12345678, addr), Is.Zero);
        }

        [Test]
        public void Reserve_makes_a_fixed_region_with_the_kernels_codes()
        {
            var m = new ManagerFixture().Api;
            var v = m.LOS_GetVmallocSpace();
            var at = VmZone.VmallocStart + 0x04000000;

            Assert.That(m.LOS_VmSpaceReserve(v, 0x1000, at + 4), Is.EqualTo((int)VmStatus.InvalidArgs));
            Assert.That(m.LOS_VmSpaceReserve(v, 0x1000, VmZone.UserAspaceBase), Is.EqualTo((int)VmStatus.OutOfRange));
            Assert.That(m.LOS_VmSpaceReserve(0x12345678, 0x1000, at), Is.EqualTo((int)VmStatus.InvalidArgs));
            Assert.That(m.LOS_VmSpaceReserve(v, 0x2000, at), Is.EqualTo((int)VmStatus.NoError));

            var region = m.LOS_RegionFind(v, at + 0x1000);
            Assert.That(region, Is.Not.Zero);
            Assert.That(m.LOS_IsRangeInSpace(v, at, 0x2000), Is.True);
            Assert.That(m.LOS_IsRangeInSpace(v, at, 0xFFFF0000), Is.False);
            Assert.That(m.LOS_RegionFree(v, region), Is.EqualTo((int)VmStatus.NoError));
        }

        [Test]
        public void PaddrToKVaddr_offsets_any_address_into_the_kernel_window()
        {
            // RAM at 0x80000000 so the window's offset (KERNEL_ASPACE_BASE - SYS_MEM_BASE) is not zero.
            var config = new MemoryConfig { RamBase = 0x80000000 };
            var memory = new InMemoryGuestMemory(config.RamBase, (int)config.ManagedSize);
            var m = new LosMemoryApi(new MemoryModel(config, memory, new Mock<ITlbMaintenance>().Object, new RecordingLog()));

            Assert.That(m.LOS_PaddrToKVaddr(0), Is.Zero);
            Assert.That(m.LOS_PaddrToKVaddr(0x80123000), Is.EqualTo(0x40123000u));
            // Outside every physical segment (a device): the same offset, as the kernel's loop falls through to.
            Assert.That(m.LOS_PaddrToKVaddr(0x09000000), Is.EqualTo(0xC9000000u));
        }
    }
}
