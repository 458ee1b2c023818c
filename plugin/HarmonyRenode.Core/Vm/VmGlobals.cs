namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// Where the image holds los_vm_map.c's globals (kernel VAs): g_kVmSpace and g_vMallocSpace (LosVmSpace each) and the
    /// list head g_vmSpaceList. Firmware names them with its symbols; the in-memory model takes <see cref="Default"/>.
    /// </summary>
    public sealed class VmGlobals
    {
        public VmGlobals(uint kVmSpace, uint vMallocSpace, uint vmSpaceList)
        {
            KVmSpace = kVmSpace;
            VMallocSpace = vMallocSpace;
            VmSpaceList = vmSpaceList;
        }

        /// <summary>&amp;g_kVmSpace (LOS_GetKVmSpace).</summary>
        public uint KVmSpace { get; }

        /// <summary>&amp;g_vMallocSpace (LOS_GetVmallocSpace).</summary>
        public uint VMallocSpace { get; }

        /// <summary>&amp;g_vmSpaceList (LOS_GetVmSpaceList).</summary>
        public uint VmSpaceList { get; }

        /// <summary>
        /// For a model without firmware: the three objects one after the other at the start of the image's data
        /// (<paramref name="ramDataStart"/>, e.g. KernelImageLayout.RamDataStart), as a linker would place them.
        /// </summary>
        public static VmGlobals Default(uint ramDataStart) =>
            new VmGlobals(ramDataStart, ramDataStart + LosVmSpaceLayout.Size, ramDataStart + 2 * LosVmSpaceLayout.Size);
    }
}
