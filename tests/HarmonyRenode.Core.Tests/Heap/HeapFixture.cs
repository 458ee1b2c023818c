using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Heap;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Tests.Heap
{
    /// <summary>A pool at kernel VA 0x40100000 over 4 MiB of in-memory RAM, pages for expansion from 0x40200000.</summary>
    public sealed class HeapFixture
    {
        public const uint PoolVa = 0x40100000;
        public const uint FirstNode = PoolVa + 936;

        public HeapFixture(uint poolSize = 0x8000, int expansionPages = 256, bool expand = false)
        {
            Config = new MemoryConfig();
            Memory = new InMemoryGuestMemory(Config.RamBase, 4 * 1024 * 1024);
            Log = new RecordingLog();
            Pages = new FakeContiguousPages(0x40200000, expansionPages);
            Pool = new MemPool(Memory, Config, Log, Pages);
            Pool.OsMemPoolInit(PoolVa, poolSize);
            if (expand)
            {
                Pool.LOS_MemExpandEnable();
            }
            PoolSize = poolSize;
        }

        public MemoryConfig Config { get; }
        public InMemoryGuestMemory Memory { get; }
        public RecordingLog Log { get; }
        public FakeContiguousPages Pages { get; }
        public MemPool Pool { get; }
        public uint PoolSize { get; }

        /// <summary>Guest word at a kernel VA (identity window: RAM base 0x40000000).</summary>
        public uint Word(uint va) => Memory.ReadUInt32(va);

        public uint[] Head(uint node) => new[] { Word(node), Word(node + 4), Word(node + 8) };

        /// <summary>Everything observable: guest bytes of the pool and the shadow nodes, free lists and stats.</summary>
        public Snapshot Take()
        {
            var bytes = new byte[PoolSize];
            Memory.ReadBytes(PoolVa, bytes, 0, bytes.Length);
            var lists = Enumerable.Range(0, MemConstants.FreeListCount).Select(i => string.Join(",", Pool.EnumerateFreeList(i))).ToList();
            return new Snapshot(bytes, Pool.EnumerateNodes().ToList(), lists, Pool.LOS_MemInfoGet().ToString(), Pool.LOS_MemPoolSizeGet());
        }

        public sealed class Snapshot
        {
            public Snapshot(byte[] bytes, List<MemNodeInfo> nodes, List<string> lists, string stats, uint poolSize)
            {
                Bytes = bytes;
                Nodes = nodes;
                Lists = lists;
                Stats = stats;
                PoolSize = poolSize;
            }

            public byte[] Bytes { get; }
            public List<MemNodeInfo> Nodes { get; }
            public List<string> Lists { get; }
            public string Stats { get; }
            public uint PoolSize { get; }
        }
    }
}
