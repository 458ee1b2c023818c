using System.Collections.Generic;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Invariants
{
    /// <summary>
    /// The guest copies of the VM's kernel structures (firmware/ABI.md, "Kernel structures") against the model: every
    /// field of every LosVmSpace (with its archMmu and tree header) and LosVmMapRegion (with its RB links), and
    /// g_vmSpaceList walked both ways. The guest may write into them, as kernel code may; the checker says where the
    /// copy no longer says what the model holds. Also: every region of a live space's tree has a guest copy.
    /// </summary>
    public static class VmObjectInvariants
    {
        public static void Check(VirtualMemory vm, ICollection<InvariantViolation> violations)
        {
            var objects = vm.Objects;
            if (objects == null)
            {
                return;
            }
            foreach (var space in objects.Spaces)
            {
                foreach (var field in objects.SpaceImage(space))
                {
                    Compare(objects, "LosVmSpace", space.GuestAddress, field, violations);
                }
                foreach (var region in space.Regions)
                {
                    if (region.GuestAddress == 0 || objects.RegionAt(region.GuestAddress) != region)
                    {
                        violations.Add(new InvariantViolation("guest VM structures",
                            $"{region} of LosVmSpace 0x{space.GuestAddress:x8} has no LosVmMapRegion in guest RAM"));
                    }
                }
            }
            foreach (var region in objects.Regions)
            {
                foreach (var field in objects.RegionImage(region))
                {
                    Compare(objects, "LosVmMapRegion", region.GuestAddress, field, violations);
                }
            }
            CheckSpaceList(vm, objects, violations);
        }

        private static void Compare(VmGuestObjects objects, string type, uint address, GuestField field, ICollection<InvariantViolation> violations)
        {
            var guest = objects.ReadWord(address + field.Offset);
            if (guest != field.Value)
            {
                violations.Add(new InvariantViolation("guest VM structures",
                    $"{type} 0x{address:x8} {field.Name} (+0x{field.Offset:x}): guest 0x{guest:x8}, model 0x{field.Value:x8}"));
            }
        }

        /// <summary>g_vmSpaceList: from the head, pstNext visits the model's spaces newest first and comes back; every pstPrev points back.</summary>
        private static void CheckSpaceList(VirtualMemory vm, VmGuestObjects objects, ICollection<InvariantViolation> violations)
        {
            var head = objects.Globals.VmSpaceList;
            var prev = head;
            foreach (var space in vm.Spaces.SpaceList)
            {
                var node = space.GuestAddress + LosVmSpaceLayout.Node;
                Link(objects, prev, LosDlListLayout.PstNext, "pstNext", node, violations);
                Link(objects, node, LosDlListLayout.PstPrev, "pstPrev", prev, violations);
                prev = node;
            }
            Link(objects, prev, LosDlListLayout.PstNext, "pstNext", head, violations);
            Link(objects, head, LosDlListLayout.PstPrev, "pstPrev", prev, violations);
        }

        private static void Link(VmGuestObjects objects, uint node, uint offset, string name, uint expected, ICollection<InvariantViolation> violations)
        {
            var guest = objects.ReadWord(node + offset);
            if (guest != expected)
            {
                violations.Add(new InvariantViolation("guest VM structures",
                    $"g_vmSpaceList node 0x{node:x8} {name}: guest 0x{guest:x8}, model 0x{expected:x8}"));
            }
        }
    }
}
