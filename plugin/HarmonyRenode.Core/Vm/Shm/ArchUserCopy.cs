using System;
using HarmonyRenode.Core.Faults;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Vm.Shm
{
    /// <summary>
    /// LOS_ArchCopyToUser / LOS_ArchCopyFromUser (arch/arm/arm/src/user_copy.c): refused unless the whole range is a
    /// user range (LOS_IsUserAddressRange); then _arm_user_copy runs in kernel mode, and an access to a page that is
    /// not mapped (or mapped read-only, for a copy to the user) takes the data abort the kernel's copy would take:
    /// OsVmPageFaultHandler maps the page, or the exception table's fixup ends the copy with bytes left over.
    /// A copy-on-write fault's page copy may be left to the guest until the call returns (IGuestMemory.Copy, firmware/ABI.md
    /// "Why the guest copies pages"); the byte accesses here go through IGuestMemory, whose engines make such a copy
    /// first when its destination is touched.
    /// </summary>
    public sealed class ArchUserCopy : IUserCopy
    {
        private readonly VmSpaces spaces;
        private readonly IGuestMemory memory;
        private readonly Func<uint, uint, VmStatus> pageFault;

        /// <param name="pageFault">OsVmPageFaultHandler(va, VM_MAP_PF_FLAG_*).</param>
        public ArchUserCopy(VmSpaces spaces, IGuestMemory memory, Func<uint, uint, VmStatus> pageFault)
        {
            this.spaces = spaces;
            this.memory = memory;
            this.pageFault = pageFault;
        }

        public bool CopyToUser(uint userVa, byte[] data) => Copy(userVa, data, data.Length, toUser: true);

        public byte[]? CopyFromUser(uint userVa, int length)
        {
            var data = new byte[length];
            return Copy(userVa, data, length, toUser: false) ? data : null;
        }

        private bool Copy(uint userVa, byte[] data, int length, bool toUser)
        {
            var space = spaces.CurrentSpace;
            if (length == 0)
            {
                return true;
            }
            if (space == null || !VmZone.IsUserAddressRange(userVa, (uint)length))
            {
                return false;
            }
            var done = 0;
            while (done < length)
            {
                var va = userVa + (uint)done;
                var chunk = (int)Math.Min((uint)(length - done), VmZone.PageSize - (va & (VmZone.PageSize - 1)));
                if (!Resolve(space, va, toUser, out var pa))
                {
                    return false;
                }
                if (toUser)
                {
                    memory.WriteBytes(pa, data, done, chunk);
                }
                else
                {
                    memory.ReadBytes(pa, data, done, chunk);
                }
                done += chunk;
            }
            return true;
        }

        private bool Resolve(LosVmSpace space, uint va, bool write, out uint pa)
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var query = space.ArchMmu.LOS_ArchMmuQuery(va);
                if (query.IsMapped && (!write || (query.Flags & RegionFlags.PermWrite) != 0))
                {
                    pa = (query.Pa & ~(VmZone.PageSize - 1)) | (va & (VmZone.PageSize - 1));
                    return true;
                }
                if (attempt == 1)
                {
                    break;
                }
                var pfFlags = (write ? PageFaultFlags.Write : 0) | (query.IsMapped ? 0 : PageFaultFlags.NotPresent);
                if (pageFault(va, pfFlags) != VmStatus.NoError)
                {
                    break;
                }
            }
            pa = 0;
            return false;
        }
    }
}
