using HarmonyRenode.Core.Diagnostics;
using HarmonyRenode.Core.Tests.Facade;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;
using static HarmonyRenode.Core.Tests.Facade.ManagerFixture;

namespace HarmonyRenode.Core.Tests.Diagnostics
{
    public class ShellDiagnosticsTests
    {
        [Test]
        public void Vmm_lists_the_kernel_space_and_each_user_space_with_region_lines()
        {
            var f = new ManagerFixture();
            var space = f.EnterUserSpace();
            var va = f.Manager.LOS_MMap(0, 0x2000, MmanFlags.ProtRead | MmanFlags.ProtWrite, MmanFlags.MapPrivate | MmanFlags.MapAnonymous, -1, 0);
            f.Manager.OsArmSharedPageFault(false, FsrTranslationSection | FsrWrite, va, UsrCpsr);

            var text = f.Manager.Vmm();

            Assert.That(text, Does.StartWith("\r\n PID    aspace     name       base       size     pages \n ----   ------     ----       ----       -----     ----\n"));
            Assert.That(text, Does.Contain($" 3    0x{space:x8} current    0x01000000 0x3e000000     1\n"));
            Assert.That(text, Does.Contain("\r\n\t region      name                base       size       mmu_flags      pages   pg/ref\n"));
            Assert.That(text, Does.Match(@"\t 0x[0-9a-f]{8}  MMAP {28} 0x1f800000 0x00002000  CH US RD WR       1       1\n"));
            Assert.That(text, Does.Not.Contain("overlap"));
        }

        [TestCase(0x00u, " CH")]
        [TestCase(0x3Bu, " WC RD WR EX")]
        [TestCase(0x1Du, " UC US RD WR")]
        [TestCase(0x100046u, " UD US NS IN")]
        public void Flag_strings_follow_OsArchFlagsToStr(uint flags, string expected)
        {
            Assert.That(VmmDump.FlagsToString(flags), Is.EqualTo(expected));
        }

        [Test]
        public void Free_accounts_image_heap_and_page_array_as_used()
        {
            var f = new ManagerFixture();
            var heapUsed = f.Manager.Heap.MemTotalUsedGet();
            var heapFree = f.Manager.Heap.MemPoolSizeGet() - heapUsed;
            var used = 0x04000000u - 15779u * 4096 + (uint)f.Manager.Phys.UsedPageCount * 4096 - heapFree;

            var text = f.Manager.Free();

            Assert.That(text, Does.StartWith("\r\n        total        used          free          heap\n"));
            Assert.That(text, Does.Contain($"Mem:    {67108864,-9}    {used,-10}    {67108864 - used,-10}    {heapUsed,-10}\n"));
            Assert.That(f.Manager.Free("-m"), Does.Contain("Mem:    64       "));
            Assert.That(f.Manager.Free("-x"), Is.EqualTo("\nUsage: free or free [-k/-m]\n"));
        }

        [Test]
        public void V2p_translates_mapped_user_addresses_and_rejects_others()
        {
            var f = new ManagerFixture();
            f.EnterUserSpace();
            var va = f.Manager.LOS_MMap(0, 0x1000, MmanFlags.ProtRead | MmanFlags.ProtWrite, MmanFlags.MapPrivate | MmanFlags.MapAnonymous, -1, 0);
            f.Manager.OsArmSharedPageFault(false, FsrTranslationSection | FsrWrite, va, UsrCpsr);
            var pa = f.Manager.LOS_PaddrQuery(va + 0x10);

            Assert.That(f.Manager.V2p(va + 0x10), Is.EqualTo($"vaddr 0x{va + 0x10:x} is paddr 0x{pa:x}\n"));
            Assert.That(f.Manager.V2p(va + 0x1000), Is.EqualTo($"vaddr 0x{va + 0x1000:x} is not in range or mapped\n"));
            Assert.That(f.Manager.V2p(0x40000000), Is.EqualTo("vaddr should be in range(0x1000000~0x3e000000)\n"));
        }

        [Test]
        public void Memcheck_passes_on_a_clean_heap_and_names_a_header_the_guest_overwrote()
        {
            var f = new ManagerFixture();
            var ptr = f.Manager.LOS_KernelMalloc(64);
            Assert.That(f.Manager.MemCheck(), Does.Contain("system memcheck over, all passed!"));

            f.Memory.WriteUInt32(f.Config.KernelVaToPa(ptr - 12), 0xDEADBEEF);

            Assert.That(f.Manager.MemCheck(), Does.Not.Contain("all passed").And.Contain("deadbeef").IgnoreCase);
            Assert.That(f.Manager.CheckInvariants(), Has.Some.Property("Rule").EqualTo("heap header"));
        }
    }
}
