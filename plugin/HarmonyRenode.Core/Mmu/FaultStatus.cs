namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// Short-descriptor FSR fault status encodings, FS[4:0] with FS[4] = DFSR/IFSR bit 10
    /// (ARM ARM B4.1.52, Table B3-23). Names follow the manual.
    /// </summary>
    public enum FaultStatus : uint
    {
        None = 0x00,
        AlignmentFault = 0x01,
        DebugEvent = 0x02,
        AccessFlagFaultSection = 0x03,
        FaultOnInstructionCacheMaintenance = 0x04,
        TranslationFaultSection = 0x05,
        AccessFlagFaultPage = 0x06,
        TranslationFaultPage = 0x07,
        SynchronousExternalAbort = 0x08,
        DomainFaultSection = 0x09,
        DomainFaultPage = 0x0B,
        SynchronousExternalAbortOnTranslationTableWalkFirstLevel = 0x0C,
        PermissionFaultSection = 0x0D,
        SynchronousExternalAbortOnTranslationTableWalkSecondLevel = 0x0E,
        PermissionFaultPage = 0x0F,
        TlbConflictAbort = 0x10,
        LockdownAbort = 0x14,
        AsynchronousExternalAbort = 0x16,
        AsynchronousParityError = 0x18,
        SynchronousParityError = 0x19,
        CoprocessorAbort = 0x1A,
        SynchronousParityErrorOnTranslationTableWalkFirstLevel = 0x1C,
        SynchronousParityErrorOnTranslationTableWalkSecondLevel = 0x1E,
    }
}
