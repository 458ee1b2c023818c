namespace HarmonyRenode.Core.Reporting
{
    /// <summary>An allocation not freed (yet): where it came from and how big it was asked to be.</summary>
    public readonly struct LiveAllocation
    {
        public LiveAllocation(uint size, uint site, string function, ulong time)
        {
            Size = size;
            Site = site;
            Function = function;
            Time = time;
        }

        public uint Size { get; }

        public uint Site { get; }

        public string Function { get; }

        public ulong Time { get; }
    }
}
