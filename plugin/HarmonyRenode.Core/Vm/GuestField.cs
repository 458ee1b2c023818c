namespace HarmonyRenode.Core.Vm
{
    /// <summary>One word of a kernel structure in guest RAM: its name in the struct, offset, and the value the model holds for it.</summary>
    public readonly struct GuestField
    {
        public GuestField(string name, uint offset, uint value)
        {
            Name = name;
            Offset = offset;
            Value = value;
        }

        public string Name { get; }

        public uint Offset { get; }

        public uint Value { get; }
    }
}
