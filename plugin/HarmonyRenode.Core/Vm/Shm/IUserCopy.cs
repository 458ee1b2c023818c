namespace HarmonyRenode.Core.Vm.Shm
{
    /// <summary>LOS_ArchCopyToUser / LOS_ArchCopyFromUser (user_copy.h) on the current process space.</summary>
    public interface IUserCopy
    {
        /// <summary>True when every byte reached the user buffer (the kernel's 0 left over).</summary>
        bool CopyToUser(uint userVa, byte[] data);

        /// <summary>The bytes, or null when the range is not a user range or a page cannot be faulted in.</summary>
        byte[]? CopyFromUser(uint userVa, int length);
    }
}
