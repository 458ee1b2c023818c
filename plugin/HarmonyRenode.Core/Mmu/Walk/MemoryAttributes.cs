namespace HarmonyRenode.Core.Mmu.Walk
{
    public enum MemoryKind
    {
        StronglyOrdered,
        Device,
        Normal,
        Reserved,
        ImplementationDefined,
    }

    /// <summary>Cacheability of one level (inner or outer) of Normal memory (ARM ARM Table B3-11).</summary>
    public enum CachePolicy
    {
        NonCacheable,
        WriteBackWriteAllocate,
        WriteThroughNoWriteAllocate,
        WriteBackNoWriteAllocate,
    }

    /// <summary>
    /// TEX[2:0], C, B decoded with SCTLR.TRE = 0 (ARM ARM B3.8.2, Table B3-10).
    /// Shareable: S bit for Normal memory; Device with TEX=000 C=0 B=1 is Shareable Device, TEX=010 is Non-shareable.
    /// </summary>
    public readonly struct MemoryAttributes
    {
        public MemoryAttributes(MemoryKind kind, CachePolicy inner, CachePolicy outer, bool shareable)
        {
            Kind = kind;
            Inner = inner;
            Outer = outer;
            Shareable = shareable;
        }

        public MemoryKind Kind { get; }

        public CachePolicy Inner { get; }

        public CachePolicy Outer { get; }

        public bool Shareable { get; }

        public static MemoryAttributes Decode(uint tex, bool c, bool b, bool s)
        {
            var cb = (c ? 2u : 0u) | (b ? 1u : 0u);
            if ((tex & 4) != 0)
            {
                // TEX = 0b1BB: cacheable Normal memory, outer policy from TEX[1:0], inner from C,B.
                return new MemoryAttributes(MemoryKind.Normal, Policy(cb), Policy(tex & 3), s);
            }
            switch (tex)
            {
                case 0:
                    switch (cb)
                    {
                        case 0: return new MemoryAttributes(MemoryKind.StronglyOrdered, CachePolicy.NonCacheable, CachePolicy.NonCacheable, true);
                        case 1: return new MemoryAttributes(MemoryKind.Device, CachePolicy.NonCacheable, CachePolicy.NonCacheable, true);
                        case 2: return new MemoryAttributes(MemoryKind.Normal, CachePolicy.WriteThroughNoWriteAllocate, CachePolicy.WriteThroughNoWriteAllocate, s);
                        default: return new MemoryAttributes(MemoryKind.Normal, CachePolicy.WriteBackNoWriteAllocate, CachePolicy.WriteBackNoWriteAllocate, s);
                    }
                case 1:
                    switch (cb)
                    {
                        case 0: return new MemoryAttributes(MemoryKind.Normal, CachePolicy.NonCacheable, CachePolicy.NonCacheable, s);
                        case 3: return new MemoryAttributes(MemoryKind.Normal, CachePolicy.WriteBackWriteAllocate, CachePolicy.WriteBackWriteAllocate, s);
                        case 2: return new MemoryAttributes(MemoryKind.ImplementationDefined, CachePolicy.NonCacheable, CachePolicy.NonCacheable, s);
                        default: return new MemoryAttributes(MemoryKind.Reserved, CachePolicy.NonCacheable, CachePolicy.NonCacheable, s);
                    }
                case 2:
                    return cb == 0
                        ? new MemoryAttributes(MemoryKind.Device, CachePolicy.NonCacheable, CachePolicy.NonCacheable, false)
                        : new MemoryAttributes(MemoryKind.Reserved, CachePolicy.NonCacheable, CachePolicy.NonCacheable, s);
                default:
                    return new MemoryAttributes(MemoryKind.Reserved, CachePolicy.NonCacheable, CachePolicy.NonCacheable, s);
            }
        }

        private static CachePolicy Policy(uint bits)
        {
            switch (bits)
            {
                case 0: return CachePolicy.NonCacheable;
                case 1: return CachePolicy.WriteBackWriteAllocate;
                case 2: return CachePolicy.WriteThroughNoWriteAllocate;
                default: return CachePolicy.WriteBackNoWriteAllocate;
            }
        }

        public override string ToString() =>
            Kind == MemoryKind.Normal ? $"Normal inner {Inner} outer {Outer}{(Shareable ? " shareable" : "")}" : Kind.ToString();
    }
}
