using System;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// Where the kernel's 32-bit LosVmSpace (los_vm_map.h) keeps its LosArchMmu, so that a `LosArchMmu *` the guest
    /// passes (always `&amp;space->archMmu`, as in los_vm_iomap.c and los_vm_map.c) leads back to its space.
    /// Offsets, 32-bit ARM: node (LOS_DL_LIST) 0x00, 8 bytes; regionRbTree (LosRbTree: root, the 16-byte NIL node,
    /// a walk list, a count and three function pointers) 0x08, 44 bytes; regionMux (LosMux: magic, attr, two lists,
    /// owner, muxCount padded to a word) 0x34, 32 bytes; base, size, heapBase, heapNow, heap, mapBase, mapSize
    /// 0x54..0x6C; archMmu 0x70.
    /// </summary>
    public static class LosVmSpaceLayout
    {
        /// <summary>offsetof(LosVmSpace, archMmu).</summary>
        public const uint ArchMmuOffset = 0x70;

        /// <summary>
        /// The one place a `LosArchMmu *` becomes a space: the pointer minus <see cref="ArchMmuOffset"/>, looked up
        /// as a `LosVmSpace *` by <paramref name="spaceOf"/> (the handle table today; the guest object once spaces
        /// live in the system pool). Null when the pointer cannot be inside a space.
        /// </summary>
        public static T SpaceOfArchMmu<T>(uint archMmu, Func<uint, T> spaceOf) where T : class =>
            archMmu < ArchMmuOffset ? null : spaceOf(archMmu - ArchMmuOffset);
    }
}
