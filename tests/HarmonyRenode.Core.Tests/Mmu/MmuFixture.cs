using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Mmu.Walk;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Tests.Pages;
using Moq;

namespace HarmonyRenode.Core.Tests.Mmu
{
    /// <summary>A booted page allocator, a mocked TLB port, the MMU context with the kernel and vmalloc MMUs, a walker.</summary>
    public sealed class MmuFixture
    {
        public MmuFixture(bool withBootMappings = false)
        {
            Phys = new PhysFixture();
            Tlb = new Mock<ITlbMaintenance>();
            Context = new MmuContext(Phys.Phys, Phys.Config, Phys.Memory, Tlb.Object, Phys.Log);
            Kernel = Context.CreateKernelMmu(Phys.Config.KernelL1Table);
            Vmalloc = Context.CreateKernelMmu(Phys.Config.KernelL1Table);
            Walker = new TranslationWalker(Phys.Memory);
            if (withBootMappings)
            {
                Regions = BootMappings.Apply(Context, Kernel);
            }
        }

        public PhysFixture Phys { get; }

        public VmPhys Allocator => Phys.Phys;

        public InMemoryGuestMemory Memory => Phys.Memory;

        public RecordingLog Log => Phys.Log;

        public Mock<ITlbMaintenance> Tlb { get; }

        public MmuContext Context { get; }

        public ArchMmu Kernel { get; }

        public ArchMmu Vmalloc { get; }

        public TranslationWalker Walker { get; }

        public System.Collections.Generic.IReadOnlyList<BootRegion> Regions { get; }

        public TranslationResult Walk(ArchMmu user, uint va, AccessKind access, bool privileged) =>
            Walker.Walk(Context.RegistersFor(user), va, access, privileged);
    }
}
