using HarmonyRenode.Core.Reporting;
using HarmonyRenode.Core.Tests.Facade;
using HarmonyRenode.Core.Vm;
using static HarmonyRenode.Core.Tests.Facade.ManagerFixture;

namespace HarmonyRenode.Core.Tests.Reporting
{
    /// <summary>A recorded workload like model-demo's: pages, heap, kernel malloc, vmalloc, a user space with faults, a COW clone.</summary>
    public sealed class RecordingFixture
    {
        public RecordingFixture(bool stop = true)
        {
            F = new ManagerFixture();
            Recorder = new MemoryRecorder(F.Manager, a => a == 0x40001234 ? "hr_main+0x34" : null);
            Recorder.Start();
            var m = F.Api;
            m.LOS_PhysPageFree(m.LOS_PhysPageAlloc());
            Heap = m.LOS_MemAlloc(m.SystemPool, 100);
            Kept = m.LOS_KernelMalloc(64);
            m.LOS_KernelFree(m.LOS_KernelMalloc(64 * 1024));
            Vmalloc = m.LOS_VMalloc(32 * 1024);
            Parent = F.EnterUserSpace();
            Va = F.Manager.LOS_MMap(0, 8 * 0x1000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
            for (var i = 0u; i < 4; i++)
            {
                m.OsArmSharedPageFault(false, FsrTranslationPage | FsrWrite, Va + i * 0x1000, UsrCpsr);
            }
            Child = m.OsCreateUserVmSpace();
            m.LOS_VmSpaceClone(0, Parent, Child);
            m.ActivateSpace(Child);
            m.OsArmSharedPageFault(false, FsrPermissionPage | FsrWrite, Va, UsrCpsr);
            if (stop)
            {
                Recorder.Stop();
            }
        }

        public ManagerFixture F { get; }

        public MemoryRecorder Recorder { get; }

        public uint Heap { get; }

        public uint Kept { get; }

        public uint Vmalloc { get; }

        public uint Parent { get; }

        public uint Child { get; }

        public uint Va { get; }
    }
}
