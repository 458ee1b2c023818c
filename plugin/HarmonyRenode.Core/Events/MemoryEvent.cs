namespace HarmonyRenode.Core.Events
{
    /// <summary>
    /// One thing the memory manager did, at guest time <see cref="Time"/>. A value type passed by reference, so
    /// publishing one costs no allocation; the meaning of the numeric fields depends on <see cref="Kind"/>.
    /// </summary>
    public readonly struct MemoryEvent
    {
        public MemoryEvent(MemoryEventKind kind, ulong time, uint site, uint address, uint size, uint value, string? name, string? text = null)
        {
            Kind = kind;
            Time = time;
            Site = site;
            Address = address;
            Size = size;
            Value = value;
            Name = name;
            Text = text;
        }

        public MemoryEventKind Kind { get; }

        /// <summary>Guest time: the engine's instruction count when it gives one, else the event's sequence number.</summary>
        public ulong Time { get; }

        /// <summary>Return address (LR) of the hooked call the event happened in; 0 outside any hooked call.</summary>
        public uint Site { get; }

        public uint Address { get; }

        public uint Size { get; }

        public uint Value { get; }

        public string? Name { get; }

        public string? Text { get; }

        public override string ToString() => $"{Time} {Kind} {Name} 0x{Address:X8} size {Size} value {Value} site 0x{Site:X8}";
    }
}
