using System.Collections.Generic;

namespace HarmonyRenode.Core.Oracle
{
    /// <summary>Live allocations with the same allocation site (and function): one line of the leak report.</summary>
    public sealed class LeakGroup
    {
        public LeakGroup(string allocApi, CallSite allocSite, int count, ulong bytes, IReadOnlyList<uint> addresses)
        {
            AllocApi = allocApi;
            AllocSite = allocSite;
            Count = count;
            Bytes = bytes;
            Addresses = addresses;
        }

        public string AllocApi { get; }

        public CallSite AllocSite { get; }

        public int Count { get; }

        public ulong Bytes { get; }

        public IReadOnlyList<uint> Addresses { get; }
    }
}
