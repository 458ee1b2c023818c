using HarmonyRenode.Core.Ports;
using static HarmonyRenode.Core.Heap.MemConstants;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>LOS_MemRealloc and LOS_MemAllocAlign (docs/memory-manager.md §2.6).</summary>
    public sealed partial class MemPool
    {
        /// <summary>LOS_MemRealloc(pool, ptr, size): new payload VA, or 0 (old block untouched on failure).</summary>
        public uint LOS_MemRealloc(uint ptr, uint size)
        {
            RequireInit();
            if ((size & (UsedFlag | AlignedFlag)) != 0)
            {
                log.Log(LogLevel.Warning, $"LOS_MemRealloc: size 0x{size:x} has the USED/ALIGNED bits, returning NULL");
                return 0;
            }
            // docs/memory-manager.md §2.6 quirk: size is raised to 8 before the "size == 0 → free" branch, which is therefore dead.
            if (size < MinAllocSize)
            {
                size = MinAllocSize;
            }
            if (ptr == 0)
            {
                return LOS_MemAlloc(size);
            }

            var realNode = ResolveNode(ptr, ptr - NodeHeadSize - Pool, "OsGetRealPtr");
            if (realNode == 0)
            {
                return 0;
            }
            // docs/memory-manager.md §2.6 quirk: an aligned block is resized at its real (unaligned) pointer.
            var realPtr = realNode + NodeHeadSize;
            if (!OsMemCheckUsedNode(realNode, ptr, "LOS_MemRealloc: OsMemCheckUsedNode failed"))
            {
                return 0;
            }
            return OsMemRealloc(realPtr, realNode, size);
        }

        private uint OsMemRealloc(uint ptr, uint node, uint size)
        {
            var allocSize = Round4(size + NodeHeadSize);
            ref var n = ref N(node);
            var nodeSize = NodeSize(n.SizeAndFlag);

            if (nodeSize >= allocSize)
            {
                // OsMemReAllocSmaller: resetting sizeAndFlag drops ALIGNED too.
                DropAlignment(ref n, node);
                SetSizeAndFlag(ref n, node, nodeSize);
                if (allocSize + SplitThreshold <= nodeSize)
                {
                    OsMemSplitNode(node, allocSize);
                }
                SetSizeAndFlag(ref n, node, n.SizeAndFlag | UsedFlag);
                return ptr;
            }

            var next = node + nodeSize;
            ref var x = ref N(next);
            if ((x.SizeAndFlag & UsedFlag) == 0 && x.SizeAndFlag + nodeSize >= allocSize)
            {
                // OsMemMergeNodeForReAllocBigger
                DropAlignment(ref n, node);
                SetSizeAndFlag(ref n, node, nodeSize);
                OsMemFreeNodeDelete(next);
                OsMemMergeNode(next);
                if (allocSize + SplitThreshold <= n.SizeAndFlag)
                {
                    OsMemSplitNode(node, allocSize);
                }
                SetSizeAndFlag(ref n, node, n.SizeAndFlag | UsedFlag);
                return ptr;
            }

            var newPtr = OsMemAlloc(size);
            if (newPtr == 0)
            {
                return 0;
            }
            // memcpy_s(new, size, ptr, nodeSize - 12) cannot fail here: nodeSize < ROUND4(size + 12).
            var count = (int)(nodeSize - NodeHeadSize);
            ram.Copy(ptr + vaToPa, newPtr + vaToPa, count);
            OsMemFree(node);
            return newPtr;
        }

        private void DropAlignment(ref MemNodeShadow n, uint node)
        {
            if ((n.SizeAndFlag & AlignedFlag) != 0 && gaps.TryGetValue(node, out var gap))
            {
                alignedPointers.Remove(node + NodeHeadSize + gap);
                gaps.Remove(node);
            }
        }

        /// <summary>LOS_MemAllocAlign(pool, size, boundary): over-allocate, round up, store the gap word.</summary>
        public uint LOS_MemAllocAlign(uint size, uint boundary)
        {
            RequireInit();
            if (size == 0 || boundary == 0 || (boundary & (boundary - 1)) != 0 || (boundary & (AlignSize - 1)) != 0)
            {
                log.Log(LogLevel.Warning, $"LOS_MemAllocAlign: size 0x{size:x} boundary 0x{boundary:x} rejected, returning NULL");
                return 0;
            }
            if (size < MinAllocSize)
            {
                size = MinAllocSize;
            }
            if (boundary - 4 > uint.MaxValue - size)
            {
                log.Log(LogLevel.Warning, $"LOS_MemAllocAlign: size 0x{size:x} + boundary 0x{boundary:x} overflows, returning NULL");
                return 0;
            }
            var useSize = size + boundary - 4;
            if ((useSize & (UsedFlag | AlignedFlag)) != 0)
            {
                log.Log(LogLevel.Warning, $"LOS_MemAllocAlign: size 0x{useSize:x} has the USED/ALIGNED bits, returning NULL");
                return 0;
            }

            var ptr = OsMemAlloc(useSize);
            if (ptr == 0)
            {
                return 0;
            }
            var aligned = (ptr + boundary - 1) & ~(boundary - 1);
            if (aligned == ptr)
            {
                return ptr;
            }
            var gap = aligned - ptr;
            var node = ptr - NodeHeadSize;
            ref var n = ref N(node);
            SetSizeAndFlag(ref n, node, n.SizeAndFlag | AlignedFlag);
            gaps[node] = gap;
            Write(aligned - 4, gap | AlignedFlag);
            alignedPointers[aligned] = node;
            return aligned;
        }
    }
}
