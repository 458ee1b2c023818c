using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;
using Moq;

namespace HarmonyRenode.Core.Tests.Facade
{
    /// <summary>The whole model booted over in-memory RAM, with a Moq TLB so tests can see the invalidations.</summary>
    public sealed class ManagerFixture
    {
        public const uint UsrCpsr = 0x10;
        public const uint SvcCpsr = 0x13;
        public const uint FsrTranslationPage = 0x7;
        public const uint FsrTranslationSection = 0x5;
        public const uint FsrPermissionPage = 0xF;
        public const uint FsrWrite = 1u << 11;

        public ManagerFixture(uint managedSize = 0x04000000)
        {
            Config = new MemoryConfig { ManagedSize = managedSize };
            Memory = new InMemoryGuestMemory(Config.RamBase, (int)managedSize);
            Tlb = new Mock<ITlbMaintenance>();
            Log = new RecordingLog();
            Manager = new MemoryModel(Config, Memory, Tlb.Object, Log);
            Api = new LosMemoryApi(Manager);
        }

        public MemoryConfig Config { get; }

        public InMemoryGuestMemory Memory { get; }

        public Mock<ITlbMaintenance> Tlb { get; }

        public RecordingLog Log { get; }

        public MemoryModel Manager { get; }

        /// <summary>The same model as the guest calls it: pointers, handles and flag words (Guest/LosMemoryApi).</summary>
        public LosMemoryApi Api { get; }

        /// <summary>A user space made current, as a process switch would.</summary>
        public uint EnterUserSpace()
        {
            var space = Api.OsCreateUserVmSpace();
            Api.ActivateSpace(space);
            return space;
        }

        public byte[] Snapshot()
        {
            var bytes = new byte[Memory.Size];
            Memory.ReadBytes(Memory.BaseAddress, bytes, 0, bytes.Length);
            return bytes;
        }
    }
}
