namespace HarmonyRenode.Core
{
    /// <summary>LiteOS-A's VM error codes (los_vm_common.h), all negative INT32 as the kernel returns them.</summary>
    public enum VmStatus
    {
        NoError = 0,
        Generic = -1,
        NotFound = -2,
        NotReady = -3,
        NoMsg = -4,
        NoMemory = -5,
        AlreadyStarted = -6,
        NotValid = -7,
        InvalidArgs = -8,
        NotEnoughBuffer = -9,
        TimedOut = -13,
        AlreadyExists = -14,
        NotAllowed = -17,
        NotSupported = -24,
        TooBig = -25,
        BadState = -31,
        BadLen = -32,
        Busy = -33,
        OutOfRange = -37,
        Fault = -40,
        NoResources = -41,
        AccessDenied = -43,
        MapFailed = -46,
    }
}
