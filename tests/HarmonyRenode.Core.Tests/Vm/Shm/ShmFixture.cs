using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Tests.Facade;
using HarmonyRenode.Core.Vm;
using HarmonyRenode.Core.Vm.Shm;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Vm.Shm
{
    /// <summary>The whole model with ShmInit done and a user process space current.</summary>
    public sealed class ShmFixture
    {
        public const int Private = ShmConstants.IpcPrivate;
        public const int Rw = 0x180; // 0600
        public const int Create = (int)ShmConstants.IpcCreat;
        public const int Excl = (int)ShmConstants.IpcExcl;

        public ShmFixture(uint managedSize = 0x04000000, bool init = true)
        {
            F = new ManagerFixture(managedSize);
            Space = F.EnterUserSpace();
            if (init)
            {
                Assert.That(M.ShmInit(), Is.EqualTo(LosReturn.Ok));
            }
        }

        public ManagerFixture F { get; }

        public MemoryModel M => F.Manager;

        public LosMemoryApi Api => F.Api;

        public SharedMemory Shm => M.Vm.Shm;

        public uint Space { get; }

        public LosVmSpace Current => M.Vm.Spaces.CurrentSpace;

        public ShmIdSource Seg(int shmid) => Shm.Segments[shmid];

        /// <summary>The PA <paramref name="va"/> maps in the current space, or 0.</summary>
        public uint PaOf(uint va) => PaOf(Current, va);

        public static uint PaOf(LosVmSpace space, uint va) => space.ArchMmu.LOS_ArchMmuQuery(va) is { IsMapped: true } query ? query.Pa : 0;

        public RegionFlags FlagsOf(uint va) => Current.ArchMmu.LOS_ArchMmuQuery(va) is { IsMapped: true } query ? query.Flags : RegionFlags.None;

        public uint[] SegmentPas(int shmid) => Seg(shmid).Pages.Select(p => p.PhysAddr).ToArray();

        /// <summary>Asserts the call failed as the kernel's does: -1 and errno.</summary>
        public void AssertFails(int result, int errno)
        {
            Assert.That(result, Is.EqualTo(-1));
            Assert.That(Shm.Errno, Is.EqualTo(errno));
        }

        public void AssertAtFails(uint result, int errno)
        {
            Assert.That(result, Is.EqualTo(uint.MaxValue));
            Assert.That(Shm.Errno, Is.EqualTo(errno));
        }

        public void AssertNoViolation()
        {
            var violations = M.CheckInvariants();
            Assert.That(violations, Is.Empty, string.Join("; ", violations));
        }

        /// <summary>A user page the test may use as a syscall buffer: an anonymous mapping, faulted in by the copy.</summary>
        public uint UserBuffer() => M.LOS_MMap(0, 0x1000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);

        public uint ReadUser(uint va) => F.Memory.ReadUInt32(PaOf(va));

        public void WriteUser(uint va, uint value) => F.Memory.WriteUInt32(PaOf(va), value);
    }
}
