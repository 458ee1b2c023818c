using HarmonyRenode.Core.Facade;
using System;
using System.Collections.Generic;
using HarmonyRenode.Core.Guest;

namespace HarmonyRenode.Core.Tests.Oracle
{
    /// <summary>
    /// A seeded mix of the calls the oracle follows (heap, realloc, kernel malloc, pages, contiguous pages, vmalloc),
    /// every result recorded, each live block filled with a pattern that must still be there at its free. Only
    /// correct calls: the same seed makes the same calls whatever sits behind <see cref="ILosMemoryApi"/>.
    /// </summary>
    public sealed class OracleWorkload
    {
        private readonly ILosMemoryApi api;
        private readonly MemoryModel model;
        private readonly Random random;
        private readonly List<(uint Ptr, uint Size, bool Kernel)> blocks = new List<(uint, uint, bool)>();
        private readonly List<uint> pages = new List<uint>();
        private readonly List<(uint Ptr, uint Pages)> contiguous = new List<(uint, uint)>();
        private readonly List<uint> vmallocs = new List<uint>();
        private uint tag;

        public OracleWorkload(ILosMemoryApi api, MemoryModel model, int seed)
        {
            this.api = api;
            this.model = model;
            random = new Random(seed);
        }

        /// <summary>Every value a call returned, in order.</summary>
        public List<uint> Results { get; } = new List<uint>();

        public List<string> PatternErrors { get; } = new List<string>();

        public void Step()
        {
            var pool = api.SystemPool;
            var choice = random.Next(100);
            if (model.Phys.FreePageCount < 1024 || choice < 30)
            {
                FreeSomething();
                return;
            }
            if (choice < 55)
            {
                var size = (uint)(random.Next(4) == 0 ? random.Next(1, 6000) : random.Next(1, 200));
                Keep(random.Next(5) == 0 ? api.LOS_MemAllocAlign(pool, size, 1u << random.Next(2, 9)) : api.LOS_MemAlloc(pool, size), size, false);
            }
            else if (choice < 62 && blocks.Count > 0)
            {
                var i = random.Next(blocks.Count);
                var b = blocks[i];
                if (b.Kernel)
                {
                    return;
                }
                Verify(b);
                var size = (uint)random.Next(8, 3000);
                var p = api.LOS_MemRealloc(pool, b.Ptr, size);
                Results.Add(p);
                if (p != 0)
                {
                    blocks.RemoveAt(i);
                    Keep(p, size, false, record: false);
                }
            }
            else if (choice < 80)
            {
                var size = (uint)(random.Next(3) == 0 ? random.Next(0x4000, 0x12000) : random.Next(1, 0x4000));
                Keep(api.LOS_KernelMalloc(size), size, true);
            }
            else if (choice < 88)
            {
                var page = api.LOS_PhysPageAlloc();
                Results.Add(page);
                if (page != 0) pages.Add(page);
            }
            else if (choice < 94)
            {
                var n = (uint)random.Next(1, 40);
                var p = api.LOS_PhysPagesAllocContiguous(n);
                Results.Add(p);
                if (p != 0) contiguous.Add((p, n));
            }
            else
            {
                var v = api.LOS_VMalloc((uint)random.Next(1, 0x20000));
                Results.Add(v);
                if (v != 0) vmallocs.Add(v);
            }
        }

        private void FreeSomething()
        {
            switch (random.Next(4))
            {
                case 0 when pages.Count > 0:
                    api.LOS_PhysPageFree(Take(pages));
                    break;
                case 1 when contiguous.Count > 0:
                    var c = Take(contiguous);
                    api.LOS_PhysPagesFreeContiguous(c.Ptr, c.Pages);
                    break;
                case 2 when vmallocs.Count > 0:
                    api.LOS_VFree(Take(vmallocs));
                    break;
                default:
                    if (blocks.Count == 0) return;
                    var b = Take(blocks);
                    Verify(b);
                    if (b.Kernel) api.LOS_KernelFree(b.Ptr);
                    else Results.Add(api.LOS_MemFree(api.SystemPool, b.Ptr));
                    break;
            }
        }

        private T Take<T>(List<T> list)
        {
            var i = random.Next(list.Count);
            var item = list[i];
            list[i] = list[list.Count - 1];
            list.RemoveAt(list.Count - 1);
            return item;
        }

        private void Keep(uint ptr, uint size, bool kernel, bool record = true)
        {
            if (record) Results.Add(ptr);
            if (ptr == 0) return;
            blocks.Add((ptr, size, kernel));
            tag++;
            if (size < 8) return; // the pattern is two words
            model.Memory.WriteUInt32(model.Config.KernelVaToPa(ptr), tag);
            model.Memory.WriteUInt32(model.Config.KernelVaToPa(ptr + ((size - 4) & ~3u)), ~tag);
        }

        private void Verify((uint Ptr, uint Size, bool Kernel) b)
        {
            var first = model.Memory.ReadUInt32(model.Config.KernelVaToPa(b.Ptr));
            if (b.Size >= 8 && model.Memory.ReadUInt32(model.Config.KernelVaToPa(b.Ptr + ((b.Size - 4) & ~3u))) != ~first)
            {
                PatternErrors.Add($"block 0x{b.Ptr:x8} ({b.Size} bytes) lost its pattern");
            }
        }
    }
}
