namespace HarmonyRenode.Core.Mmu.Walk
{
    /// <summary>
    /// AP[2:0] with SCTLR.AFE = 0 (ARM ARM B3.7.1, Table B3-8): what privileged (PL1) and user (PL0) code may do.
    /// AP = 0b100 is reserved; it is treated as no access.
    /// </summary>
    public readonly struct AccessPermissions
    {
        public AccessPermissions(uint ap)
        {
            Ap = ap & 7;
        }

        public uint Ap { get; }

        public bool PrivilegedRead => Ap != 0 && Ap != 4;

        public bool PrivilegedWrite => Ap == 1 || Ap == 2 || Ap == 3;

        public bool UserRead => Ap == 2 || Ap == 3 || Ap == 6 || Ap == 7;

        public bool UserWrite => Ap == 3;

        public bool CanRead(bool privileged) => privileged ? PrivilegedRead : UserRead;

        public bool CanWrite(bool privileged) => privileged ? PrivilegedWrite : UserWrite;

        public override string ToString() =>
            $"P:{(PrivilegedWrite ? "RW" : PrivilegedRead ? "RO" : "NA")} U:{(UserWrite ? "RW" : UserRead ? "RO" : "NA")}";
    }
}
