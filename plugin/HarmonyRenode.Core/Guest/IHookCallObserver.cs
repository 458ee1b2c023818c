namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// Told about every hooked call before its handler runs (<see cref="GuestHookTable.Entering"/>), and about the
    /// firmware's hr_leak_mark: the memory-safety oracle takes the guest's call site from <see cref="HookCall.Cpu"/>
    /// (LR, r11), whatever the engine's transport.
    /// </summary>
    public interface IHookCallObserver
    {
        void OnHookCall(HookCall call);

        /// <summary>hr_leak_mark: allocations made until now are left out of the leak report.</summary>
        void Mark();
    }
}
