using System.Collections.Generic;
using HarmonyRenode.Core.Facade;

namespace HarmonyRenode.Core.Invariants
{
    /// <summary>
    /// Every rule of docs/memory-manager.md §8 over the whole model: page lists and ownership, the heap's shadow against the guest's
    /// headers, and translation tables against regions and reference counts. Tests run it after every operation.
    /// </summary>
    public static class InvariantChecker
    {
        /// <summary>Every violation the model shows now (empty when it is consistent).</summary>
        public static IReadOnlyList<InvariantViolation> CheckInvariants(this MemoryModel model) => Check(model);

        public static IReadOnlyList<InvariantViolation> Check(MemoryModel manager)
        {
            var violations = new List<InvariantViolation>();
            PageInvariants.Check(manager.Phys, violations);
            HeapInvariants.Check(manager.Heap, violations);
            TableInvariants.Check(manager, violations);
            LinearMapInvariants.Check(manager, violations);
            VmObjectInvariants.Check(manager.Vm, violations);
            ShmInvariants.Check(manager, violations);
            return violations;
        }
    }
}
