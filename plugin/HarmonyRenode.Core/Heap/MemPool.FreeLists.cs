using System;
using static HarmonyRenode.Core.Heap.MemConstants;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>Free lists and bitmap (docs/memory-manager.md §2.1): LIFO insertion, good-fit search.</summary>
    public sealed partial class MemPool
    {
        /// <summary>OsMemListAdd: insert at the head (LIFO) and (re)write the magic.</summary>
        private void OsMemListAdd(int index, uint node, ref MemNodeShadow n)
        {
            var first = freeList[index];
            if (first != 0)
            {
                SetFreePrev(ref N(first), first, node);
            }
            SetFreePrev(ref n, node, 0);
            SetFreeNext(ref n, node, first);
            SetListHead(index, node);
            OsMemSetFreeListBit(index);
            WriteMagic(node);
        }

        /// <summary>OsMemListDelete: O(1) unlink; the node's own links stay in guest RAM as they were.</summary>
        private void OsMemListDelete(int index, uint node, ref MemNodeShadow n)
        {
            if (node == freeList[index])
            {
                SetListHead(index, n.FreeNext);
                if (n.FreeNext == 0)
                {
                    OsMemClearFreeListBit(index);
                }
                else
                {
                    SetFreePrev(ref N(n.FreeNext), n.FreeNext, 0);
                }
            }
            else
            {
                SetFreeNext(ref N(n.FreePrev), n.FreePrev, n.FreeNext);
                if (n.FreeNext != 0)
                {
                    SetFreePrev(ref N(n.FreeNext), n.FreeNext, n.FreePrev);
                }
            }
            WriteMagic(node);
        }

        // The node's shadow is looked up once and handed down (the list code used to look it up again at each step).
        private void OsMemFreeNodeAdd(uint node) => OsMemFreeNodeAdd(node, ref N(node));

        private void OsMemFreeNodeAdd(uint node, ref MemNodeShadow n) => OsMemListAdd(ListIndexOf(ref n), node, ref n);

        private void OsMemFreeNodeDelete(uint node) => OsMemFreeNodeDelete(node, ref N(node));

        private void OsMemFreeNodeDelete(uint node, ref MemNodeShadow n) => OsMemListDelete(ListIndexOf(ref n), node, ref n);

        private static int ListIndexOf(ref MemNodeShadow n) => ListIndexOf(n.SizeAndFlag);

        private static int ListIndexOf(uint size)
        {
            var index = TlsfIndex.OsMemFreeListIndexGet(size);
            if (index >= FreeListCount)
            {
                // LOS_Panic("The index of free lists is error"): unreachable below 1 GiB nodes.
                throw new InvalidOperationException($"The index of free lists is error, index = {index}");
            }
            return index;
        }

        private void SetListHead(int index, uint node)
        {
            freeList[index] = node;
            Write(Pool + FreeListOffset + 4 * (uint)index, node);
        }

        private void OsMemSetFreeListBit(int index)
        {
            var w = index >> 5;
            var v = bitmap[w] | (1u << (index & 31));
            if (v != bitmap[w])
            {
                bitmap[w] = v;
                Write(Pool + BitmapOffset + 4 * (uint)w, v);
            }
        }

        private void OsMemClearFreeListBit(int index)
        {
            var w = index >> 5;
            bitmap[w] &= ~(1u << (index & 31));
            Write(Pool + BitmapOffset + 4 * (uint)w, bitmap[w]);
        }

        /// <summary>OsMemNotEmptyIndexGet: lowest non-empty list >= index inside index's bitmap word.</summary>
        private int OsMemNotEmptyIndexGet(int index)
        {
            var mask = bitmap[index >> 5] & ~((1u << (index & 31)) - 1);
            return mask != 0 ? TlsfIndex.OsMemFFS(mask) + (index & ~31) : FreeListCount;
        }

        /// <summary>
        /// OsMemFindNextSuitableBlock (docs/memory-manager.md §2.1): small sizes take the head of the first non-empty list >= fl;
        /// large sizes look from the next list up (all of which fit), then first-fit in their own list.
        /// </summary>
        private uint OsMemFindNextSuitableBlock(uint size, out int outIndex)
        {
            int index;
            var curIndex = FreeListCount;
            if (size < SmallBucketMaxSize)
            {
                index = TlsfIndex.OsMemFlGet(size);
            }
            else
            {
                curIndex = TlsfIndex.OsMemFreeListIndexGet(size);
                index = curIndex + 1;
            }

            var found = OsMemNotEmptyIndexGet(index);
            if (found != FreeListCount)
            {
                outIndex = found;
                return freeList[found];
            }
            for (index = (index + 1 + 31) & ~31; index < FreeListCount; index += 32)
            {
                var mask = bitmap[index >> 5];
                if (mask != 0)
                {
                    outIndex = TlsfIndex.OsMemFFS(mask) + index;
                    return freeList[outIndex];
                }
            }

            outIndex = curIndex;
            if (curIndex == FreeListCount)
            {
                return 0;
            }
            // OsMemFindCurSuitableBlock: first fit in the exact list.
            for (var node = freeList[curIndex]; node != 0;)
            {
                ref var n = ref N(node);
                if (n.SizeAndFlag >= size)
                {
                    return node;
                }
                node = n.FreeNext;
            }
            return 0;
        }

        /// <summary>OsMemFreeNodeGet.</summary>
        private uint OsMemFreeNodeGet(uint size)
        {
            var node = OsMemFindNextSuitableBlock(size, out var index);
            if (node != 0)
            {
                OsMemListDelete(index, node, ref N(node));
            }
            return node;
        }
    }
}
