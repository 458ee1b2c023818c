using HarmonyRenode.Core.Guest;

namespace HarmonyRenode.Core.Oracle
{
    /// <summary>
    /// Told about every hooked call before its handler runs (<see cref="GuestHookTable.Entering"/>): the oracle takes the
    /// guest's call site from <see cref="HookCall.Cpu"/> (LR, r11), whatever the engine's transport.
    /// </summary>
    public interface IHookCallObserver
    {
        void OnHookCall(HookCall call);
    }
}
