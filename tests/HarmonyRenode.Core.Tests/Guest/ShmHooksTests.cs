using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Tests.Facade;
using HarmonyRenode.Core.Vm;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest
{
    /// <summary>The System V shared memory hooks, called as the guest calls them (AAPCS, signed int arguments).</summary>
    public class ShmHooksTests
    {
        private static uint Call(ManagerFixture f, string symbol, params uint[] args) => GuestHookCaller.Call(f, symbol, args);

        [Test]
        public void A_segment_goes_through_every_hook_and_failures_return_minus_one_with_errno_in_the_guest_word()
        {
            var f = new ManagerFixture();
            f.EnterUserSpace();
            var errnoWord = f.Config.KernelVaToPa(f.Api.LOS_MemAlloc(f.Manager.SystemPool, 4));
            f.Manager.ErrnoWord = errnoWord;
            var buf = f.Manager.LOS_MMap(0, 0x1000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);

            Assert.That(Call(f, "ShmInit"), Is.EqualTo(LosReturn.Ok));
            var id = Call(f, "ShmGet", 0x77, 0x2000, 0x200 | 0x180);
            var va = Call(f, "ShmAt", id, 0, 0);
            Assert.That((id, va), Is.EqualTo((0u, 0x1F801000u)), "first fit after the buffer at 0x1F800000");
            Assert.That(Call(f, "ShmCtl", id, 2 | 0x100, buf), Is.Zero);
            Assert.That(f.Manager.Vm.Shm.UserCopy.CopyFromUser(buf + 72, 4), Is.EqualTo(new byte[] { 1, 0, 0, 0 }), "shm_nattch");

            Assert.That(Call(f, "ShmAt", 0xFFFFFFFF, 0, 0), Is.EqualTo(0xFFFFFFFF), "shmid -1");
            Assert.That(f.Memory.ReadUInt32(errnoWord), Is.EqualTo(22), "EINVAL");
            Assert.That(Call(f, "ShmGet", 0x78, 0x1000, 0x180), Is.EqualTo(0xFFFFFFFF));
            Assert.That(f.Memory.ReadUInt32(errnoWord), Is.EqualTo(2), "ENOENT");

            Assert.That(Call(f, "ShmDt", va), Is.Zero);
            Assert.That(Call(f, "ShmCtl", id, 0, 0), Is.Zero);
            Assert.That(Call(f, "ShmDeinit"), Is.Zero);
            Assert.That(f.Manager.Vm.Shm.Segments, Is.Null);
        }
    }
}
