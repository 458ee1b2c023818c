using System;

namespace HarmonyRenode.Core.Guest.Hypercalls
{
    /// <summary>The guest broke the hypercall protocol (an id the host never gave out): the run stops as a host failure.</summary>
    public sealed class GuestProtocolException : Exception
    {
        public GuestProtocolException(string message)
            : base(message)
        {
        }
    }
}
