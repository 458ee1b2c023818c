using System.Text;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>The text LiteOS-A prints for the heap: LOS_MemFreeNodeShow and OsMemInfoPrint (docs/memory-manager.md §2.8).</summary>
    public static class MemPoolText
    {
        public static string FreeNodeShow(MemPool pool)
        {
            var sb = new StringBuilder();
            sb.Append("\n   ************************ left free node number**********************\n");
            for (var index = 0; index < MemConstants.FreeListCount; index++)
            {
                var count = 0u;
                foreach (var _ in pool.EnumerateFreeList(index))
                {
                    count++;
                }
                if (count == 0)
                {
                    continue;
                }
                sb.Append($"free index: {index:D3}, ");
                if (index < MemConstants.SmallBucketCount)
                {
                    sb.Append($"size: [{PrintfHex.Alternate((uint)(index + 1) << 2)}], num: {count}\n");
                }
                else
                {
                    var large = index - MemConstants.SmallBucketCount;
                    var val = 1u << ((large >> MemConstants.Sli) + MemConstants.LargeStartBucket);
                    var offset = val >> MemConstants.Sli;
                    var sl = (uint)(large % MemConstants.FreeListNum);
                    sb.Append($"size: [{PrintfHex.Alternate(offset * sl + val)}, {PrintfHex.Alternate(offset * (sl + 1) + val - 1)}], num: {count}\n");
                }
            }
            sb.Append("\n   ********************************************************************\n\n");
            return sb.ToString();
        }

        public static string InfoPrint(uint pool, uint poolSize, MemPoolStatus status)
        {
            var sb = new StringBuilder();
            sb.Append("pool addr          pool size    used size     free size    max free node size   used node num     free node num\n");
            sb.Append("---------------    --------     -------       --------     --------------       -------------      ------------\n");
            sb.Append($"{PrintfHex.Alternate(pool),-16}   0x{poolSize,-8:x}   0x{status.TotalUsedSize,-8:x}    0x{status.TotalFreeSize,-8:x}   "
                + $"0x{status.MaxFreeNodeSize,-16:x}   0x{status.UsedNodeNum,-13:x}    0x{status.FreeNodeNum,-13:x}\n");
            return sb.ToString();
        }

        /// <summary>printf "%#x": 0x prefix except for zero.</summary>
    }
}
