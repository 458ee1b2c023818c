namespace HarmonyRenode.Core
{
    /// <summary>The generic kernel return values (los_typedef.h / los_errno.h) and the errno values syscalls use.</summary>
    public static class LosReturn
    {
        public const uint Ok = 0;
        public const uint Nok = 1;
        public const uint OsError = 0xFFFFFFFF;

        public const int EPERM = 1;
        public const int EBADF = 9;
        public const int ENOMEM = 12;
        public const int EACCES = 13;
        public const int EFAULT = 14;
        public const int EINVAL = 22;
    }
}
