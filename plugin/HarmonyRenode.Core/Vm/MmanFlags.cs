namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// What mmap's flags mean for a region: OsCvtProtFlagsToRegionFlags (docs/memory-manager.md §3.1) from
    /// <see cref="ProtFlags"/> and <see cref="MapFlags"/>, OsInheritOldRegionName, and the clone flag shm reads.
    /// </summary>
    public static class MmanFlags
    {
        /// <summary>CLONE_NEWIPC (sched.h): SHM regions are not duplicated by fork into a new IPC container.</summary>
        public const uint CloneNewIpc = 0x08000000;

        /// <summary>
        /// OsCvtProtFlagsToRegionFlags: always PERM_USER; WRITE and EXEC imply READ; MAP_SHARED/PRIVATE/FIXED/
        /// FIXED_NOREPLACE carried over. PROT_NONE gives PERM_USER alone (every access then faults).
        /// </summary>
        public static RegionFlags OsCvtProtFlagsToRegionFlags(ProtFlags prot, MapFlags flags)
        {
            var regionFlags = RegionFlags.PermUser;
            regionFlags |= (prot & ProtFlags.Read) != 0 ? RegionFlags.PermRead : 0;
            regionFlags |= (prot & ProtFlags.Write) != 0 ? RegionFlags.PermRead | RegionFlags.PermWrite : 0;
            regionFlags |= (prot & ProtFlags.Exec) != 0 ? RegionFlags.PermRead | RegionFlags.PermExecute : 0;
            regionFlags |= (flags & MapFlags.Shared) != 0 ? RegionFlags.Shared : 0;
            regionFlags |= (flags & MapFlags.Private) != 0 ? RegionFlags.Private : 0;
            regionFlags |= (flags & MapFlags.Fixed) != 0 ? RegionFlags.Fixed : 0;
            regionFlags |= (flags & MapFlags.FixedNoReplace) != 0 ? RegionFlags.FixedNoReplace : 0;
            return regionFlags;
        }

        /// <summary>OsInheritOldRegionName: the first of HEAP, STACK, TEXT, VDSO, MMAP, SHM, LITEIPC present.</summary>
        public static RegionFlags OsInheritOldRegionName(RegionFlags oldRegionFlags)
        {
            RegionFlags[] names =
            {
                RegionFlags.Heap, RegionFlags.Stack, RegionFlags.Text, RegionFlags.Vdso, RegionFlags.Mmap,
                RegionFlags.Shm, RegionFlags.LiteIpc,
            };
            foreach (var name in names)
            {
                if ((oldRegionFlags & name) != 0)
                {
                    return name;
                }
            }
            return 0;
        }
    }
}
