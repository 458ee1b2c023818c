using HarmonyRenode.Core.Invariants;
using System.Linq;
using HarmonyRenode.Core.Tests.Facade;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Heap
{
    /// <summary>
    /// LOS_MemInit on guest buffers (kernel/base/mem/tlsf/los_memory.c): private pools beside the system pool, each a
    /// full TLSF pool. Addresses: a pool head is 936 bytes and a node head 12, so a pool's first block is pool + 948.
    /// </summary>
    public class MemPoolsTests
    {
        /// <summary>In the image's RAM below the heap (0x40100000): no pool there.</summary>
        private const uint BufferA = 0x40010000;
        private const uint BufferB = 0x40020000;

        [Test]
        public void Two_private_pools_serve_allocations_of_their_own()
        {
            var f = new ManagerFixture();
            var m = f.Api;

            Assert.That(m.LOS_MemInit(BufferA, 0x4000), Is.EqualTo(LosReturn.Ok));
            Assert.That(m.LOS_MemInit(BufferB, 0x2002), Is.EqualTo(LosReturn.Ok));

            var a = m.LOS_MemAlloc(BufferA, 100);
            var b = m.LOS_MemAlloc(BufferB, 100);
            var sys = m.LOS_MemAlloc(m.SystemPool, 100);
            Assert.That(a, Is.EqualTo(BufferA + 948));
            Assert.That(b, Is.EqualTo(BufferB + 948));
            Assert.That(sys, Is.EqualTo(0x40100000u + 948));
            // info {pool, totalSize rounded up to 4, attr = OS_MEM_POOL_LOCK_ENABLE} in guest RAM.
            Assert.That(f.Memory.ReadUInt32(BufferB), Is.EqualTo(BufferB));
            Assert.That(f.Memory.ReadUInt32(BufferB + 4), Is.EqualTo(0x2004u));
            Assert.That(f.Memory.ReadUInt32(BufferB + 8), Is.EqualTo(2u));

            Assert.That(m.LOS_MemFree(BufferB, a), Is.EqualTo(LosReturn.Nok));
            Assert.That(m.LOS_MemFree(m.SystemPool, b), Is.EqualTo(LosReturn.Nok));
            Assert.That(m.LOS_MemFree(BufferA, a), Is.EqualTo(LosReturn.Ok));
            Assert.That(m.LOS_MemFree(BufferB, b), Is.EqualTo(LosReturn.Ok));
            Assert.That(m.LOS_MemIntegrityCheck(BufferA), Is.EqualTo(LosReturn.Ok));
            Assert.That(m.LOS_MemPoolSizeGet(BufferB), Is.EqualTo(0x2004u));
            Assert.That(m.Model.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void Bad_pools_get_OS_ERROR_and_leave_guest_RAM_alone()
        {
            var f = new ManagerFixture();
            var m = f.Api;
            Assert.That(m.LOS_MemInit(BufferA, 0x4000), Is.EqualTo(LosReturn.Ok));
            var before = f.Snapshot();

            Assert.That(m.LOS_MemInit(0, 0x4000), Is.EqualTo(LosReturn.OsError));
            Assert.That(m.LOS_MemInit(BufferB, 948), Is.EqualTo(LosReturn.OsError), "OS_MEM_MIN_POOL_SIZE is 936 + 12");
            Assert.That(m.LOS_MemInit(0x40000000u + f.Config.ManagedSize - 0x100, 0x1000), Is.EqualTo(LosReturn.OsError));
            Assert.That(m.LOS_MemInit(0x10000000, 0x1000), Is.EqualTo(LosReturn.OsError));
            Assert.That(m.LOS_MemInit(BufferA + 0x40, 0x1000), Is.EqualTo(LosReturn.OsError), "over A's head");
            Assert.That(m.LOS_MemInit(BufferA - 0x800, 0x1000), Is.EqualTo(LosReturn.OsError), "over A's start");
            Assert.That(m.LOS_MemInit(m.SystemPool, 0x1000), Is.EqualTo(LosReturn.OsError));
            Assert.That(m.LOS_MemInit(m.SystemPool + 0x100, 0x1000), Is.EqualTo(LosReturn.OsError));

            Assert.That(f.Snapshot(), Is.EqualTo(before));
            Assert.That(m.Model.Pools.All.Select(p => p.Pool), Is.EqualTo(new[] { m.SystemPool, BufferA }));
        }

        [Test]
        public void A_pool_may_live_in_a_block_of_another_pool()
        {
            var f = new ManagerFixture();
            var m = f.Api;
            var block = m.LOS_MemAlloc(m.SystemPool, 0x2000);

            Assert.That(m.LOS_MemInit(block, 0x2000), Is.EqualTo(LosReturn.Ok));
            Assert.That(m.LOS_MemInit(block + 0x1000, 0x2000), Is.EqualTo(LosReturn.OsError), "past the block's end");
            Assert.That(m.LOS_MemAlloc(block, 64), Is.EqualTo(block + 948));
            Assert.That(m.Model.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void Initialising_a_private_pool_again_starts_it_afresh()
        {
            var f = new ManagerFixture();
            var m = f.Api;
            m.LOS_MemInit(BufferA, 0x4000);
            m.LOS_MemAlloc(BufferA, 100);

            Assert.That(m.LOS_MemInit(BufferA, 0x3000), Is.EqualTo(LosReturn.Ok));

            Assert.That(m.LOS_MemAlloc(BufferA, 100), Is.EqualTo(BufferA + 948));
            Assert.That(m.Model.Pools.All.Count, Is.EqualTo(2));
            Assert.That(m.LOS_MemPoolSizeGet(BufferA), Is.EqualTo(0x3000u));
        }

        [Test]
        public void MemInfoGet_counts_the_sentinel_as_a_used_node()
        {
            var f = new ManagerFixture();
            var m = f.Api;
            m.LOS_MemInit(BufferA, 0x4000);
            m.LOS_MemAlloc(BufferA, 100); // a 112-byte node

            var s = m.LOS_MemInfoGet(BufferA).Value;

            Assert.That(s.TotalUsedSize, Is.EqualTo(12u + 112));
            Assert.That(s.TotalFreeSize, Is.EqualTo(0x4000u - 936 - 12 - 112));
            Assert.That(s.MaxFreeNodeSize, Is.EqualTo(s.TotalFreeSize));
            Assert.That(s.UsedNodeNum, Is.EqualTo(2u));
            Assert.That(s.FreeNodeNum, Is.EqualTo(1u));
            Assert.That(m.LOS_MemInfoGet(BufferB), Is.Null);
            Assert.That(f.Log.Errors.Last(), Does.Contain("wrong mem pool addr: 0x40020000"));
        }

        [Test]
        public void DeInit_unlinks_the_pool_and_zeroes_its_head()
        {
            var f = new ManagerFixture();
            var m = f.Api;
            m.LOS_MemInit(BufferA, 0x4000);
            m.LOS_MemInit(BufferB, 0x4000);

            Assert.That(m.LOS_MemDeInit(BufferA), Is.EqualTo(LosReturn.Ok));

            Assert.That(f.Memory.ReadUInt32(BufferA), Is.Zero);
            Assert.That(f.Memory.ReadUInt32(BufferA + 4), Is.Zero);
            Assert.That(m.LOS_MemDeInit(BufferA), Is.EqualTo(LosReturn.OsError));
            Assert.That(m.LOS_MemAlloc(BufferA, 16), Is.Zero);
            Assert.That(m.LOS_MemDeInit(m.SystemPool), Is.EqualTo(LosReturn.OsError));
            Assert.That(m.LOS_MemDeInit(0), Is.EqualTo(LosReturn.OsError));
            Assert.That(m.LOS_MemPoolList(), Is.EqualTo(2u));
        }

        [Test]
        public void DeInit_reads_the_guests_pool_head_as_the_kernel_does()
        {
            var f = new ManagerFixture();
            var m = f.Api;
            m.LOS_MemInit(BufferA, 0x4000);
            f.Memory.WriteUInt32(BufferA, 0xDEAD0000); // info.pool overwritten by the guest

            Assert.That(m.LOS_MemDeInit(BufferA), Is.EqualTo(LosReturn.OsError));
            Assert.That(m.Model.Pools.Find(BufferA), Is.Not.Null);
        }

        [Test]
        public void PoolList_prints_every_pool_in_initialisation_order()
        {
            var f = new ManagerFixture();
            var m = f.Api;
            m.LOS_MemInit(BufferB, 0x4000);
            m.LOS_MemInit(BufferA, 0x4000);

            Assert.That(m.LOS_MemPoolList(), Is.EqualTo(3u));

            var text = f.Log.Lines.Last();
            Assert.That(text.IndexOf("pool0 :"), Is.LessThan(text.IndexOf("0x40100000 ")));
            Assert.That(text.IndexOf("pool1 :"), Is.LessThan(text.IndexOf("0x40020000 ")));
            Assert.That(text.IndexOf("0x40020000 "), Is.LessThan(text.IndexOf("pool2 :")));
            Assert.That(text.IndexOf("pool2 :"), Is.LessThan(text.IndexOf("0x40010000 ")));
        }

        [Test]
        public void An_expandable_private_pool_grows_from_the_pages_and_shrinks_back()
        {
            var f = new ManagerFixture();
            var m = f.Api;
            m.LOS_MemInit(BufferA, 0x2000);
            Assert.That(m.LOS_MemAlloc(BufferA, 0x6000), Is.Zero);
            var freePages = m.Model.Phys.FreePageCount;

            m.LOS_MemExpandEnable(BufferA);
            var big = m.LOS_MemAlloc(BufferA, 0x6000);

            Assert.That(f.Memory.ReadUInt32(BufferA + 8), Is.EqualTo(3u));
            Assert.That(big, Is.Not.Zero);
            Assert.That(m.LOS_MemPoolSizeGet(BufferA), Is.GreaterThan(0x2000u));
            Assert.That(m.LOS_MemFree(BufferA, big), Is.EqualTo(LosReturn.Ok));
            Assert.That(m.LOS_MemPoolSizeGet(BufferA), Is.EqualTo(0x2000u));
            Assert.That(m.Model.Phys.FreePageCount, Is.EqualTo(freePages));
        }

        [Test]
        public void FreeNodeShow_answers_for_pools_only()
        {
            var f = new ManagerFixture();
            var m = f.Api;
            m.LOS_MemInit(BufferA, 0x4000);

            Assert.That(m.LOS_MemFreeNodeShow(BufferA), Is.EqualTo(LosReturn.Ok));
            Assert.That(f.Log.Lines.Last(), Does.Contain("left free node number"));
            Assert.That(m.LOS_MemFreeNodeShow(BufferB), Is.EqualTo(LosReturn.Nok));
        }
    }
}
