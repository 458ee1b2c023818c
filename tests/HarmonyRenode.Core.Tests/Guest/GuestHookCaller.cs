using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Tests.Facade;
using Moq;

namespace HarmonyRenode.Core.Tests.Guest
{
    /// <summary>Calls a hooked function of the bare model as the guest does (AAPCS): r0-r3, then the kernel stack.</summary>
    public static class GuestHookCaller
    {
        /// <summary>sp of the calling kernel code; arguments past the fourth are stored from here up.</summary>
        public const uint KernelStack = 0x40080000;

        /// <summary>The hook's r0, or 0xDEADDEAD when the hook returns nothing.</summary>
        public static uint Call(ManagerFixture f, string symbol, params uint[] args)
        {
            var cpu = new Mock<IGuestCpu>();
            for (var i = 0; i < args.Length && i < 4; i++)
            {
                var value = args[i];
                cpu.Setup(c => c.GetRegister(i)).Returns(value);
            }
            cpu.Setup(c => c.GetRegister(ArmRegister.Sp)).Returns(KernelStack);
            for (var i = 4; i < args.Length; i++)
            {
                f.Memory.WriteUInt32(f.Config.KernelVaToPa(KernelStack + (uint)(4 * (i - 4))), args[i]);
            }
            var call = new HookCall(symbol, cpu.Object, f.Memory, f.Config.KernelVaToPa);
            LosMemoryHooks.Register(new GuestHookTable(), f.Api).Dispatch(call);
            return call.Result ?? 0xDEADDEAD;
        }
    }
}
