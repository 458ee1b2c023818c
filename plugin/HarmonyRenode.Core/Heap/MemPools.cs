using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// Every TLSF pool the guest has made with LOS_MemInit, the system pool first (OsKHeapInit is the first LOS_MemInit),
    /// in initialisation order as LOSCFG_MEM_MUL_POOL's g_poolHead list keeps them (kernel/base/mem/tlsf/los_memory.c,
    /// OsMemPoolAdd / OsMemPoolDelete). The list is host-side: the default build has no nextPool word in the pool head,
    /// so the 936-byte head and every heap address stay those of the default kernel (firmware/ABI.md, "Pools").
    /// </summary>
    public sealed class MemPools
    {
        private readonly List<MemPool> pools = new List<MemPool>();
        private readonly IGuestMemory memory;
        private readonly MemoryConfig config;
        private readonly ILogSink log;
        private readonly IContiguousPages pages;

        public MemPools(MemPool systemPool, IGuestMemory memory, MemoryConfig config, ILogSink log, IContiguousPages pages)
        {
            pools.Add(systemPool);
            this.memory = memory;
            this.config = config;
            this.log = log;
            this.pages = pages;
        }

        /// <summary>The pools in g_poolHead order.</summary>
        public IReadOnlyList<MemPool> All => pools;

        /// <summary>The pool whose head is at <paramref name="pool"/> (info.pool == pool), or null.</summary>
        public MemPool? Find(uint pool)
        {
            // The system pool is nearly always the one asked for: first in the list.
            foreach (var p in pools)
            {
                if (p.Pool == pool)
                {
                    return p;
                }
            }
            return null;
        }

        /// <summary>
        /// LOS_MemInit(pool, size): OsMemPoolInit on the guest buffer. The kernel writes wherever it is told; the model
        /// refuses (OS_ERROR, one line) a buffer outside the kernel's RAM window or one that would overwrite another
        /// pool's heads (anything but the payload of one of its used nodes), since that would corrupt the model's
        /// shadow of that pool. A second LOS_MemInit at a private pool's address re-initialises it, as the kernel's does.
        /// </summary>
        public uint LOS_MemInit(uint pool, uint size)
        {
            if (pool == 0 || size <= MemConstants.MinPoolSize)
            {
                return LosReturn.OsError;
            }
            size = MemConstants.Round4(size);
            var windowEnd = (ulong)VmZone.KernelAspaceBase + config.ManagedSize;
            if (pool < VmZone.KernelAspaceBase || pool + (ulong)size > windowEnd)
            {
                log.Log(LogLevel.Error, $"[ERR]LOS_MemInit pool [0x{pool:x}, 0x{pool + (ulong)size:x}) is outside the kernel's RAM window " +
                    $"[0x{VmZone.KernelAspaceBase:x}, 0x{windowEnd:x})");
                return LosReturn.OsError;
            }
            var old = pools.FindIndex(p => p.Pool == pool);
            if (old == 0)
            {
                log.Log(LogLevel.Error, $"[ERR]LOS_MemInit 0x{pool:x} is the system pool m_aucSysMem1");
                return LosReturn.OsError;
            }
            foreach (var p in pools)
            {
                if (p.Pool != pool && !p.LeavesHeadsAlone(pool, pool + size))
                {
                    log.Log(LogLevel.Error, $"[ERR]LOS_MemInit pool [0x{pool:x}, 0x{pool + (ulong)size:x}) would overwrite the heads of pool 0x{p.Pool:x}");
                    return LosReturn.OsError;
                }
            }
            var created = new MemPool(memory, config, log, pages);
            if (created.OsMemPoolInit(pool, size) != LosReturn.Ok)
            {
                return LosReturn.OsError;
            }
            if (old > 0)
            {
                pools[old] = created;
            }
            else
            {
                pools.Add(created);
            }
            return LosReturn.Ok;
        }

        /// <summary>
        /// LOS_MemDeInit (LOSCFG_MEM_MUL_POOL): checks info.pool and info.totalSize as the guest sees them, unlinks the
        /// pool and zeroes its head (OsMemPoolDeInit). The system pool stays: the model cannot run without it.
        /// </summary>
        public uint LOS_MemDeInit(uint pool)
        {
            var p = Find(pool);
            if (p == null || memory.ReadUInt32(config.KernelVaToPa(pool) + MemConstants.InfoPoolOffset) != pool ||
                memory.ReadUInt32(config.KernelVaToPa(pool) + MemConstants.InfoTotalSizeOffset) <= MemConstants.MinPoolSize)
            {
                return LosReturn.OsError;
            }
            if (p == pools[0])
            {
                log.Log(LogLevel.Error, $"[ERR]LOS_MemDeInit 0x{pool:x} is the system pool m_aucSysMem1; the model keeps it");
                return LosReturn.OsError;
            }
            pools.Remove(p);
            memory.Fill(config.KernelVaToPa(pool), (int)MemConstants.PoolHeadSize, 0);
            return LosReturn.Ok;
        }

        /// <summary>LOS_MemPoolList: "pool%u :" then OsMemInfoPrint for each pool; returns the count.</summary>
        public string PoolListText() =>
            string.Concat(pools.Select((p, i) => $"pool{i} :\n" + p.OsMemInfoPrint()));
    }
}
