using HarmonyRenode.Core.Heap;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Heap
{
    public class TlsfIndexTests
    {
        [Test]
        public void Pool_head_is_936_bytes_with_223_lists_and_a_7_word_bitmap()
        {
            Assert.That(MemConstants.PoolHeadSize, Is.EqualTo(936u));
            Assert.That(MemConstants.FreeListCount, Is.EqualTo(223));
            Assert.That(MemConstants.BitmapWords, Is.EqualTo(7));
            Assert.That(MemConstants.MinPoolSize, Is.EqualTo(948u));
        }

        [TestCase(4u, 0)]
        [TestCase(20u, 4)]
        [TestCase(124u, 30)]
        [TestCase(128u, 31)]
        [TestCase(143u, 31)]
        [TestCase(144u, 32)]
        [TestCase(212u, 36)]
        [TestCase(216u, 36)]
        [TestCase(256u, 39)]
        [TestCase(612u, 48)]
        [TestCase(0x7C4Cu, 94)]
        [TestCase(0x1FFFFFFFu, 206)]
        public void Small_sizes_have_exact_lists_and_large_sizes_eight_lists_per_power_of_two(uint size, int index)
        {
            Assert.That(TlsfIndex.OsMemFreeListIndexGet(size), Is.EqualTo(index));
        }

        [Test]
        public void Quirk_second_level_index_overflows_from_512_MiB()
        {
            // (size << 3) wraps in UINT32: 1 GiB - 1 lands in list 206 instead of 222.
            Assert.That(TlsfIndex.OsMemFreeListIndexGet(0x3FFFFFFF), Is.EqualTo(206));
            Assert.That(TlsfIndex.OsMemFlGet(0x3FFFFFFF), Is.EqualTo(29));
        }

        [Test]
        public void Bit_scans_find_highest_and_lowest_set_bits()
        {
            Assert.That(TlsfIndex.OsMemFLS(1), Is.EqualTo(0));
            Assert.That(TlsfIndex.OsMemFLS(0x80000000), Is.EqualTo(31));
            Assert.That(TlsfIndex.OsMemFFS(0x00F0), Is.EqualTo(4));
            Assert.That(TlsfIndex.OsMemFFS(0x80000000), Is.EqualTo(31));
        }

        [Test]
        public void Bit_scans_agree_with_a_bit_by_bit_search_at_every_position()
        {
            var random = new System.Random(5);
            for (var bit = 0; bit < 32; bit++)
            {
                var top = 1u << bit;
                foreach (var below in new[] { 0u, top - 1, (uint)random.Next() & (top - 1) })
                {
                    Assert.That(TlsfIndex.OsMemFLS(top | below), Is.EqualTo(Highest(top | below)), $"FLS 0x{top | below:X}");
                }
                foreach (var above in new[] { 0u, ~0u << bit, (uint)random.Next() << bit })
                {
                    Assert.That(TlsfIndex.OsMemFFS(top | above), Is.EqualTo(Lowest(top | above)), $"FFS 0x{top | above:X}");
                }
            }
            Assert.That(TlsfIndex.OsMemFLS(0), Is.Zero);
        }

        private static int Highest(uint value)
        {
            var bit = 31;
            while ((value & (1u << bit)) == 0)
            {
                bit--;
            }
            return bit;
        }

        private static int Lowest(uint value)
        {
            var bit = 0;
            while ((value & (1u << bit)) == 0)
            {
                bit++;
            }
            return bit;
        }
    }
}
