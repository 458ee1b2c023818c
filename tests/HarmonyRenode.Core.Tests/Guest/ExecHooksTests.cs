using HarmonyRenode.Core.Diagnostics;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Tests.Facade;
using HarmonyRenode.Core.Vm;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest
{
    /// <summary>The hooks exec and mremap add to <see cref="LosMemoryHooks"/>, called as the guest calls them (AAPCS).</summary>
    public class ExecHooksTests
    {
        private const uint OutWord = 0x40080100;

        private static uint Call(ManagerFixture f, string symbol, params uint[] args) => GuestHookCaller.Call(f, symbol, args);

        [Test]
        public void Exec_through_the_hooks_gives_the_loaders_stack_and_the_kernel_alias_of_its_parameter_page()
        {
            var f = new ManagerFixture();
            var space = f.EnterUserSpace();
            const uint stackFlags = (uint)(RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite | RegionFlags.Fixed | RegionFlags.Stack);

            Assert.That(Call(f, "OsGetRndOffset", 0xFFFFFFFF), Is.Zero);
            Assert.That(Call(f, "OsStackAlloc", space, 0x3EF00000, 0x100000, 0x1000, stackFlags), Is.Zero);
            Assert.That(Call(f, "OsExecProcessVmSpaceReplace", space, 0x3EF00000, 0xFFFFFFFF), Is.EqualTo(space));
            Assert.That(Call(f, "OsGetKernelVaddr", space, 0x3EFFFFFC, OutWord), Is.Zero);

            var kva = f.Memory.ReadUInt32(f.Config.KernelVaToPa(OutWord));
            Assert.That(kva, Is.EqualTo(f.Manager.LOS_PaddrQuery(0x3EFFFFFC)));
            Assert.That(f.Api.SpaceAt(space).MapSize, Is.EqualTo(0x1F700000u));
        }

        [Test]
        public void Vmm_names_the_loaded_processs_regions_as_the_kernel_does()
        {
            var f = new ManagerFixture();
            var space = f.EnterUserSpace();
            const uint stackFlags = (uint)(RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite | RegionFlags.Fixed | RegionFlags.Stack);
            Call(f, "OsStackAlloc", space, 0x3EF00000, 0x100000, 0x1000, stackFlags);
            Call(f, "OsExecProcessVmSpaceReplace", space, 0x3EF00000, 0xFFFFFFFF);
            f.Manager.LOS_DoBrk(0x0FC00000 + 0x1000);
            f.Manager.LOS_MMap(0, 0x1000, ProtFlags.Read, MapFlags.Anonymous | MapFlags.Private, -1, 0);

            var vmm = f.Manager.Vmm();

            Assert.That(vmm, Does.Match(@"HEAP +0x0fc00000 0x00001000  CH US RD WR +0 +0"));
            Assert.That(vmm, Does.Match(@"MMAP +0x1f800000 0x00001000  CH US RD +0 +0"));
            Assert.That(vmm, Does.Match(@"STACK +0x3ef00000 0x00100000  CH US RD WR +1 +1"));
        }

        [Test]
        public void Kernel_vaddr_of_an_unmapped_page_fails_and_leaves_the_out_word()
        {
            var f = new ManagerFixture();
            var space = f.EnterUserSpace();
            f.Memory.WriteUInt32(f.Config.KernelVaToPa(OutWord), 0x5A5A5A5A);

            Assert.That(Call(f, "OsGetKernelVaddr", space, 0x3EFFF000, OutWord), Is.EqualTo(LosReturn.Nok));
            Assert.That(f.Memory.ReadUInt32(f.Config.KernelVaToPa(OutWord)), Is.EqualTo(0x5A5A5A5Au));
        }

        [Test]
        public void Mremap_takes_its_fifth_argument_the_new_address_from_the_stack()
        {
            var f = new ManagerFixture();
            f.EnterUserSpace();
            var va = f.Manager.LOS_MMap(0, 0x2000, ProtFlags.Read | ProtFlags.Write, MapFlags.Anonymous | MapFlags.Private, -1, 0);

            var moved = Call(f, "LOS_DoMremap", va, 0x2000, 0x2000, (uint)(MremapFlags.MayMove | MremapFlags.Fixed), 0x03000000);

            Assert.That(moved, Is.EqualTo(0x03000000u));
            Assert.That(Call(f, "LOS_DoMremap", 0, 0, 0, 0, 0), Is.EqualTo(VmSyscalls.Errno(LosReturn.EINVAL)));
        }
    }
}
