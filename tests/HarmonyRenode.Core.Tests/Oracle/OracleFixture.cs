using System.Collections.Generic;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Oracle;
using HarmonyRenode.Core.Tests.Facade;

namespace HarmonyRenode.Core.Tests.Oracle
{
    /// <summary>The model behind the oracle over in-memory RAM; <see cref="From"/> plays the guest's call site.</summary>
    public sealed class OracleFixture
    {
        /// <summary>A fake .text range for the call-site reader.</summary>
        public const uint TextStart = 0x40000000;
        public const uint TextEnd = 0x40010000;

        public OracleFixture(OracleOptions options = null)
        {
            F = new ManagerFixture();
            Oracle = new MemoryOracle(options ?? new OracleOptions());
            Api = new OracleMemoryApi(F.Manager, Oracle, new CallSiteReader(F.Memory, F.Config, TextStart, TextEnd, Oracle.Options.FrameDepth));
            Oracle.FindingReported += f => Reported.Add(f);
        }

        public ManagerFixture F { get; }

        public MemoryOracle Oracle { get; }

        public OracleMemoryApi Api { get; }

        public List<Finding> Reported { get; } = new List<Finding>();

        /// <summary>The next API call comes from <paramref name="lr"/> (its return address), fp 0: no frame records.</summary>
        public OracleMemoryApi From(uint lr, uint fp = 0, uint sp = 0, params uint[] args)
        {
            var cpu = new FakeCpu();
            cpu.Registers[ArmRegister.Lr] = lr;
            cpu.Registers[11] = fp;
            cpu.Registers[ArmRegister.Sp] = sp;
            for (var i = 0; i < args.Length; i++)
            {
                cpu.Registers[i] = args[i];
            }
            Api.OnHookCall(new HookCall("test", cpu, F.Memory, F.Config.KernelVaToPa));
            return Api;
        }

        public sealed class FakeCpu : IGuestCpu
        {
            public uint[] Registers { get; } = new uint[16];

            public uint GetRegister(int index) => Registers[index];

            public void SetRegister(int index, uint value) => Registers[index] = value;

            public uint Cpsr => 0x13;
        }
    }
}
