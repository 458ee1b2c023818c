using System;

namespace HarmonyRenode.Qemu
{
    /// <summary>QEMU or its GDB stub misbehaved: the run cannot continue. The message is for the user.</summary>
    public class QemuException : Exception
    {
        public QemuException(string message) : base(message)
        {
        }
    }

    /// <summary>A deadline passed while waiting for QEMU.</summary>
    public sealed class RspTimeoutException : QemuException
    {
        public RspTimeoutException(string message) : base(message)
        {
        }
    }
}
