using System.Collections.Generic;

namespace HarmonyRenode.Core
{
    /// <summary>
    /// Guest-visible handles for host objects (LosVmSpace*, LosVmMapRegion*). The kernel hands out heap pointers;
    /// the model's structures live on the host, so it hands out addresses in an unmapped window instead: a guest
    /// that dereferences one takes a fault rather than reading garbage.
    /// </summary>
    public sealed class HandleTable<T> where T : class
    {
        private readonly Dictionary<uint, T> byHandle = new Dictionary<uint, T>();
        private readonly Dictionary<T, uint> byObject = new Dictionary<T, uint>();
        private readonly uint stride;
        private uint next;

        public HandleTable(uint firstHandle, uint stride)
        {
            next = firstHandle;
            this.stride = stride;
        }

        public uint HandleOf(T item)
        {
            if (item == null)
            {
                return 0;
            }
            if (!byObject.TryGetValue(item, out var handle))
            {
                handle = next;
                next += stride;
                byObject.Add(item, handle);
                byHandle.Add(handle, item);
            }
            return handle;
        }

        public T Lookup(uint handle) => byHandle.TryGetValue(handle, out var item) ? item : null;

        public void Forget(T item)
        {
            if (item != null && byObject.TryGetValue(item, out var handle))
            {
                byObject.Remove(item);
                byHandle.Remove(handle);
            }
        }
    }
}
