using System;

namespace HarmonyRenode.Qemu
{
    /// <summary>The guest did something the host cannot service (a stop outside any hook, a handler that threw).</summary>
    public sealed class GuestFaultException : Exception
    {
        public GuestFaultException(string message, Exception inner = null) : base(message, inner)
        {
        }
    }
}
