using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Facade;
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
            var va = f.Manager.LOS_MMap(0, 0x2000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
            f.Api.OsArmSharedPageFault(false, FsrTranslationSection | FsrWrite, va, UsrCpsr);

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
            Assert.That(VmmDump.OsArchFlagsToStr((RegionFlags)flags), Is.EqualTo(expected));
        }

        [Test]
        public void Free_counts_allocated_pages_and_heap_bytes_as_used_and_the_rest_as_free()
        {
            var f = new ManagerFixture();
            var before = MemLine(f.Manager.Free());

            var pages = f.Manager.LOS_PhysPagesAllocContiguous(3);
            var withPages = MemLine(f.Manager.Free());
            var heapBefore = f.Api.LOS_MemTotalUsedGet(f.Manager.SystemPool);
            f.Api.LOS_MemAlloc(f.Manager.SystemPool, 200);
            var heapGrowth = f.Api.LOS_MemTotalUsedGet(f.Manager.SystemPool) - heapBefore;
            var withHeap = MemLine(f.Manager.Free());

            Assert.That(before.Total, Is.EqualTo(64u << 20), "SYS_MEM_SIZE_DEFAULT");
            Assert.That(before.Used + before.Free, Is.EqualTo(before.Total));
            Assert.That(before.Used, Is.GreaterThan(0x100000u), "the image below 0x40100000 is in use");
            // Three pages more in use, nothing else changed.
            Assert.That(withPages.Used - before.Used, Is.EqualTo(3u * 4096));
            Assert.That(withPages.Free, Is.EqualTo(before.Free - 3u * 4096));
            // A heap block inside the pool's existing pages: used grows by the heap's own growth (node included), and
            // the heap column is what LOS_MemTotalUsedGet says.
            Assert.That(heapGrowth, Is.GreaterThanOrEqualTo(200u));
            Assert.That(withHeap.Used - withPages.Used, Is.EqualTo(heapGrowth));
            Assert.That(withHeap.Heap, Is.EqualTo(heapBefore + heapGrowth));
            Assert.That(pages, Is.Not.Zero);

            Assert.That(f.Manager.Free(), Does.StartWith("\r\n        total        used          free          heap\n"));
            Assert.That(f.Manager.Free("-m"), Does.Contain("Mem:    64       "));
            Assert.That(f.Manager.Free("-x"), Is.EqualTo("\nUsage: free or free [-k/-m]\n"));
        }

        /// <summary>The four numbers of free's first `Mem:` line.</summary>
        private static (uint Total, uint Used, uint Free, uint Heap) MemLine(string text)
        {
            var line = text.Split('\n').First(l => l.StartsWith("Mem:", System.StringComparison.Ordinal));
            var n = line.Substring(4).Split(new[] { ' ' }, System.StringSplitOptions.RemoveEmptyEntries).Select(uint.Parse).ToArray();
            return (n[0], n[1], n[2], n[3]);
        }

        [Test]
        public void Free_section_line_is_text_data_rodata_and_bss_each_from_its_own_symbols()
        {
            // An image as firmware/linker.ld lays it out: data ends where bss starts only by accident of the link,
            // so the two are given apart here (0x1000 of data, 0x3000 of bss incl. stacks, a gap between).
            var config = new MemoryConfig();
            var layout = new Core.Mmu.KernelImageLayout
            {
                TextStart = 0x40008000, TextEnd = 0x40010000,      // 32768
                RodataStart = 0x40010000, RodataEnd = 0x40013000,  // 12288
                RamDataStart = 0x40013000, RamDataEnd = 0x40014000, // 4096
                BssStart = 0x40014800, BssEnd = 0x40017800,        // 12288
            };
            var manager = new MemoryModel(config, new Core.Ports.InMemoryGuestMemory(config.RamBase, (int)config.ManagedSize),
                new Moq.Mock<Core.Ports.ITlbMaintenance>().Object, new RecordingLog(), layout);

            Assert.That(manager.Free(), Does.EndWith(
                "\r\n        text         data          rodata        bss\n" +
                "Mem:    32768        4096          12288         12288     \n"));
            Assert.That(manager.Free("-k"), Does.EndWith("Mem:    32           4             12            12        \n"));
        }

        [Test]
        public void V2p_translates_mapped_user_addresses_and_rejects_others()
        {
            var f = new ManagerFixture();
            f.EnterUserSpace();
            var va = f.Manager.LOS_MMap(0, 0x1000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
            f.Api.OsArmSharedPageFault(false, FsrTranslationSection | FsrWrite, va, UsrCpsr);
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
