using System.Collections.Generic;
using HarmonyRenode.Core.Events;
using HarmonyRenode.Core.Faults;
using HarmonyRenode.Core.Mmu;

namespace HarmonyRenode.Core.Facade
{
    /// <summary>
    /// The entry points' trace events (docs/tracing.md): one <see cref="MemoryEvents"/> per model, shared with the
    /// layers that publish from inside (buddy splits/merges, regions, map/unmap/protect). Every helper here returns
    /// its input unchanged and does nothing else while no sink is attached.
    /// </summary>
    public sealed partial class MemoryModel
    {
        private readonly Dictionary<int, string> faultNames = new Dictionary<int, string>();

        /// <summary>Attach a sink here to receive the model's events (off by default).</summary>
        public MemoryEvents Events { get; } = new MemoryEvents();

        private void ShareEvents()
        {
            Phys.Events = Events;
            Mmu.Events = Events;
            Vm.Map.Events = Events;
        }

        /// <summary>The pool's size before a heap call, to see an expansion or shrink it caused (0 when off).</summary>
        private uint HeapSizeIfTraced() => Events.Enabled ? Heap.LOS_MemPoolSizeGet() : 0;

        private uint Allocated(string function, uint size, uint result, uint heapBefore = 0)
        {
            if (Events.Enabled)
            {
                HeapResized(heapBefore);
                Events.Publish(MemoryEventKind.Alloc, result, size, 0, function);
            }
            return result;
        }

        private uint Freed(string function, uint ptr, uint status, uint heapBefore = 0)
        {
            if (Events.Enabled)
            {
                HeapResized(heapBefore);
                Events.Publish(MemoryEventKind.Free, ptr, 0, status, function);
            }
            return status;
        }

        private uint Reallocated(string function, uint oldPtr, uint size, uint result, uint heapBefore)
        {
            if (Events.Enabled)
            {
                HeapResized(heapBefore);
                Events.Publish(MemoryEventKind.Realloc, result, size, oldPtr, function);
            }
            return result;
        }

        private void HeapResized(uint before)
        {
            if (before == 0)
            {
                return;
            }
            var after = Heap.LOS_MemPoolSizeGet();
            if (after > before)
            {
                Events.Publish(MemoryEventKind.HeapExpand, 0, after - before, after);
            }
            else if (after < before)
            {
                Events.Publish(MemoryEventKind.HeapShrink, 0, before - after, after);
            }
        }

        private void SpaceEvent(MemoryEventKind kind, uint handle, Vm.LosVmSpace? space)
        {
            if (Events.Enabled)
            {
                Events.Publish(kind, handle, 0, space?.ArchMmu.Asid ?? 0);
            }
        }

        private void FaultEvent(bool prefetch, uint fsr, uint far, FaultOutcome outcome)
        {
            if (Events.Enabled)
            {
                Events.Publish(MemoryEventKind.Fault, far, fsr, (uint)outcome.Action, FaultName(prefetch, fsr));
            }
        }

        /// <summary>
        /// "data translation write", "prefetch permission"...: the FSR's class (ARM ARM B3-23, section and page alike)
        /// and, for data aborts, WnR; one string per kind, made once.
        /// </summary>
        private string FaultName(bool prefetch, uint fsr)
        {
            var register = new FaultStatusRegister(fsr);
            var write = !prefetch && register.WnR;
            var key = ((int)register.Fs << 2) | (prefetch ? 1 : 0) | (write ? 2 : 0);
            if (!faultNames.TryGetValue(key, out var name))
            {
                name = (prefetch ? "prefetch " : "data ") + FaultClass(register.Status) + (write ? " write" : "");
                faultNames.Add(key, name);
            }
            return name;
        }

        private static string FaultClass(FaultStatus status)
        {
            switch (status)
            {
                case FaultStatus.TranslationFaultSection:
                case FaultStatus.TranslationFaultPage:
                    return "translation";
                case FaultStatus.PermissionFaultSection:
                case FaultStatus.PermissionFaultPage:
                    return "permission";
                case FaultStatus.AccessFlagFaultSection:
                case FaultStatus.AccessFlagFaultPage:
                    return "access flag";
                case FaultStatus.DomainFaultSection:
                case FaultStatus.DomainFaultPage:
                    return "domain";
                case FaultStatus.AlignmentFault:
                    return "alignment";
                default:
                    return "other";
            }
        }
    }
}
