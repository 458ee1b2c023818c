using System;

namespace HarmonyRenode.Core
{
    /// <summary>
    /// LOS_Panic: the kernel would halt here. The model throws so that an adapter can stop the guest with the
    /// kernel's message instead of continuing on corrupt state.
    /// </summary>
    public sealed class KernelPanicException : Exception
    {
        public KernelPanicException(string message)
            : base(message)
        {
        }
    }
}
