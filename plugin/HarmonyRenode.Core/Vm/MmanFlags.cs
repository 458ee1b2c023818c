namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// PROT_* / MAP_* / MREMAP_* as the LiteOS-A port of musl defines them
    /// (third_party_musl porting/liteos_a/kernel/include/sys/mman.h), and OsCvtProtFlagsToRegionFlags (docs/memory-manager.md §3.1).
    /// </summary>
    public static class MmanFlags
    {
        public const uint ProtNone = 0;
        public const uint ProtRead = 1;
        public const uint ProtWrite = 2;
        public const uint ProtExec = 4;

        public const uint MapShared = 0x01;
        public const uint MapPrivate = 0x02;
        public const uint MapSharedPrivate = 0x03;
        public const uint MapFixed = 0x10;
        public const uint MapAnonymous = 0x20;
        public const uint MapSupportMask = 0x23;
        public const uint MapFixedNoReplace = 0x100000;

        public const uint MremapMayMove = 1;
        public const uint MremapFixed = 2;

        /// <summary>CLONE_NEWIPC (sched.h): SHM regions are not duplicated by fork into a new IPC container.</summary>
        public const uint CloneNewIpc = 0x08000000;

        /// <summary>
        /// OsCvtProtFlagsToRegionFlags: always PERM_USER; WRITE and EXEC imply READ; MAP_SHARED/PRIVATE/FIXED/
        /// FIXED_NOREPLACE carried over. PROT_NONE gives PERM_USER alone (every access then faults).
        /// </summary>
        public static RegionFlags OsCvtProtFlagsToRegionFlags(uint prot, uint flags)
        {
            var regionFlags = RegionFlags.PermUser;
            regionFlags |= (prot & ProtRead) != 0 ? RegionFlags.PermRead : 0;
            regionFlags |= (prot & ProtWrite) != 0 ? RegionFlags.PermRead | RegionFlags.PermWrite : 0;
            regionFlags |= (prot & ProtExec) != 0 ? RegionFlags.PermRead | RegionFlags.PermExecute : 0;
            regionFlags |= (flags & MapShared) != 0 ? RegionFlags.Shared : 0;
            regionFlags |= (flags & MapPrivate) != 0 ? RegionFlags.Private : 0;
            regionFlags |= (flags & MapFixed) != 0 ? RegionFlags.Fixed : 0;
            regionFlags |= (flags & MapFixedNoReplace) != 0 ? RegionFlags.FixedNoReplace : 0;
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
