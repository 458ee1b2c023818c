using HarmonyRenode.Core.Pages;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Pages
{
    public class BootLayoutTests
    {
        [Test]
        public void Heap_starts_at_image_end_and_ends_on_the_next_MiB_after_512_KiB()
        {
            var layout = new BootLayout(new MemoryConfig { ImageEnd = 0x40123456 });

            Assert.That(layout.HeapBase, Is.EqualTo(0x40123458u), "boot allocator aligns its cursor to 4");
            Assert.That(layout.HeapSize, Is.EqualTo(0x40200000u - 0x40123456u));
        }

        [Test]
        public void Arm_virt_defaults_put_the_page_array_and_managed_pages_where_the_kernel_does()
        {
            var layout = new BootLayout(new MemoryConfig());

            Assert.That(layout.HeapBase, Is.EqualTo(0x40100000u));
            Assert.That(layout.HeapSize, Is.EqualTo(0x100000u));
            // 15872 pages left after image and heap; nPage = 15872 * 4096 / 4120 = 15779 descriptors of 24 bytes.
            Assert.That(layout.PageArrayBase, Is.EqualTo(0x40200000u));
            Assert.That(layout.PageArraySize, Is.EqualTo(15779u * 24));
            Assert.That(layout.ManagedStart, Is.EqualTo(0x4025D000u));
            Assert.That(layout.ManagedSize, Is.EqualTo(15779u * 4096));
        }

        [Test]
        public void Managed_size_is_configurable()
        {
            var layout = new BootLayout(new MemoryConfig { ManagedSize = 0x02000000 });

            Assert.That(layout.ManagedStart + layout.ManagedSize, Is.EqualTo(0x42000000u));
        }
    }
}
