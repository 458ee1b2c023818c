namespace HarmonyRenode.Core.Guest
{
    /// <summary>STT_* values of the gABI that firmware symbols use.</summary>
    public enum ElfSymbolType
    {
        NoType = 0,
        Object = 1,
        Function = 2,
        Section = 3,
        File = 4,
    }

    /// <summary>One defined symbol. For ARM functions the address has bit 0 set when the code is Thumb.</summary>
    public sealed class ElfSymbol
    {
        public ElfSymbol(string name, uint value, uint size, ElfSymbolType type, bool isGlobal)
        {
            Name = name;
            Value = value;
            Size = size;
            Type = type;
            IsGlobal = isGlobal;
        }

        public string Name { get; }

        /// <summary>st_value as stored (Thumb bit included).</summary>
        public uint Value { get; }

        /// <summary>The address a breakpoint or hook goes to: Thumb bit cleared (ARM ELF ABI 5.5.3).</summary>
        public uint Address => Type == ElfSymbolType.Function ? Value & ~1u : Value;

        public uint Size { get; }

        public ElfSymbolType Type { get; }

        public bool IsGlobal { get; }

        public override string ToString() => $"{Name}@0x{Address:X8}";
    }
}
