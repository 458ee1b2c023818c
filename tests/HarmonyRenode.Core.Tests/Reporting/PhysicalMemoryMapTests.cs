using System.Linq;
using HarmonyRenode.Core.Reporting;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Reporting
{
    public class PhysicalMemoryMapTests
    {
        [Test]
        public void Every_page_has_one_owner_and_the_free_ones_are_the_buddy_free_pages()
        {
            var r = new RecordingFixture();
            var owners = PhysicalMemoryMap.Build(r.F.Manager);
            var counts = PhysicalMemoryMap.Count(owners);
            Assert.That(owners.Length, Is.EqualTo((int)(r.F.Config.ManagedSize >> 12)));
            Assert.That(counts[(int)PageOwner.Free], Is.EqualTo(r.F.Manager.Phys.FreePageCount));
            Assert.That(counts.Sum(), Is.EqualTo(owners.Length));
        }

        [Test]
        public void User_vmalloc_cow_and_table_pages_are_told_apart()
        {
            var r = new RecordingFixture();
            var m = r.F.Manager;
            var counts = PhysicalMemoryMap.Count(PhysicalMemoryMap.Build(m));
            Assert.That(counts[(int)PageOwner.Vmalloc], Is.EqualTo(8), "LOS_VMalloc(32 KiB)");
            // Four pages faulted in, cloned, then the child's write copied one: three still shared, two private copies.
            Assert.That(counts[(int)PageOwner.CowShared], Is.EqualTo(3));
            Assert.That(counts[(int)PageOwner.UserAnonymous], Is.EqualTo(2));
            var tables = m.Vm.Spaces.SpaceList.Sum(s => s.ArchMmu.PtList.Count);
            Assert.That(counts[(int)PageOwner.PageTables], Is.EqualTo(tables));
            Assert.That(counts[(int)PageOwner.Heap], Is.EqualTo((int)(m.Heap.LOS_MemPoolSizeGet() >> 12)));
            var owners = PhysicalMemoryMap.Build(m);
            Assert.That(owners[0], Is.EqualTo(PageOwner.KernelImage), "the image starts RAM");
            Assert.That(owners[(int)((m.Config.KernelVaToPa(r.Kept) - m.Config.RamBase) >> 12)], Is.EqualTo(PageOwner.Heap));
        }
    }
}
