using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Guest.Hypercalls;
using HarmonyRenode.Core.Tests.Facade;
using HarmonyRenode.Core.Vm;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest
{
    /// <summary>The driver-facing hooks called as the guest calls them: arguments in r0-r3 and on the stack, outputs through pointers.</summary>
    public class DriverHooksTests
    {
        private const uint Out0 = 0x40080100;
        private const uint Out1 = 0x40080104;

        private static uint Call(ManagerFixture f, string symbol, params uint[] args) => GuestHookCaller.Call(f, symbol, args);

        private static uint Read(ManagerFixture f, uint va) => f.Memory.ReadUInt32(f.Config.KernelVaToPa(va));

        private static void Poison(ManagerFixture f)
        {
            f.Memory.WriteUInt32(f.Config.KernelVaToPa(Out0), 0x5A5A5A5A);
            f.Memory.WriteUInt32(f.Config.KernelVaToPa(Out1), 0x5A5A5A5A);
        }

        [Test]
        public void ArchMmuQuery_writes_paddr_and_flags_through_the_callers_pointers_only_when_found()
        {
            var f = new ManagerFixture();
            var mmu = f.Api.LOS_GetKVmSpace() + LosVmSpaceLayout.ArchMmu;
            Poison(f);

            // past the managed 64 MiB the kernel window is a boot section: cached, privileged RW, executable
            Assert.That(Call(f, "LOS_ArchMmuQuery", mmu, 0x44123456, Out0, Out1), Is.Zero);
            Assert.That(Read(f, Out0), Is.EqualTo(0x44123456u));
            Assert.That(Read(f, Out1), Is.EqualTo((uint)(RegionFlags.PermRead | RegionFlags.PermWrite | RegionFlags.PermExecute)));

            Poison(f);
            Assert.That(Call(f, "LOS_ArchMmuQuery", mmu, VmZone.VmallocStart, Out0, Out1), Is.EqualTo(unchecked((uint)VmStatus.NotFound)));
            Assert.That(Call(f, "LOS_ArchMmuQuery", mmu, 0x44123456, 0, 0), Is.Zero, "NULL outputs are skipped");
            Assert.That(new[] { Read(f, Out0), Read(f, Out1) }, Is.All.EqualTo(0x5A5A5A5Au));
        }

        [Test]
        public void ArchMmuMap_and_Move_take_their_fifth_argument_from_the_stack()
        {
            var f = new ManagerFixture();
            var mmu = f.Api.LOS_GetVmallocSpace() + LosVmSpaceLayout.ArchMmu;
            const uint device = (uint)(RegionFlags.UncachedDevice | RegionFlags.PermRead | RegionFlags.PermWrite);

            Assert.That(Call(f, "LOS_ArchMmuMap", mmu, 0xC7000000, 0x09000000, 1, device), Is.EqualTo(1u));
            Assert.That(Call(f, "LOS_ArchMmuMove", mmu, 0xC7000000, 0xC7001000, 1, device), Is.EqualTo(LosReturn.Ok));
            Assert.That(Call(f, "LOS_ArchMmuQuery", mmu, 0xC7001000, Out0, Out1), Is.Zero);
            Assert.That(Read(f, Out1), Is.EqualTo(device));
            Assert.That(Call(f, "LOS_ArchMmuChangeProt", mmu, 0xC7001000, 1, (uint)RegionFlags.PermRead), Is.EqualTo(LosReturn.Ok));
            Assert.That(Call(f, "LOS_ArchMmuUnmap", mmu, 0xC7001000, 1), Is.EqualTo(1u));
            Assert.That(f.Manager.LOS_PaddrQuery(0xC7001000), Is.Zero);
        }

        [Test]
        public void DmaMemAlloc_stores_the_DMA_address_when_it_has_a_buffer_and_a_pointer()
        {
            var f = new ManagerFixture();
            Poison(f);

            var buffer = Call(f, "LOS_DmaMemAlloc", Out0, 0x100, 64, (uint)HarmonyRenode.Core.Vm.DmaMemType.DmaNoCache);
            Assert.That(buffer & 0xC0000000, Is.EqualTo(0x80000000u), "the uncached alias");
            Assert.That(Read(f, Out0), Is.EqualTo(f.Config.KernelVaToPa(buffer - 0x40000000)));
            Assert.That(Call(f, "LOS_DmaVaddrToPaddr", buffer), Is.Zero);

            Assert.That(Call(f, "LOS_DmaMemAlloc", Out1, 0, 64, (uint)HarmonyRenode.Core.Vm.DmaMemType.DmaCache), Is.Zero);
            Assert.That(Read(f, Out1), Is.EqualTo(0x5A5A5A5Au));
            Call(f, "LOS_DmaMemFree", buffer);
            Assert.That(f.Manager.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void PhysPagesAlloc_and_Free_and_VaddrToPaddrMmap_are_hooked()
        {
            var f = new ManagerFixture();
            var list = f.Api.LOS_MemAlloc(f.Manager.SystemPool, 8);
            f.Memory.WriteUInt32(f.Config.KernelVaToPa(list), list);
            f.Memory.WriteUInt32(f.Config.KernelVaToPa(list + 4), list);

            Assert.That(Call(f, "LOS_PhysPagesAlloc", 2, list), Is.EqualTo(2u));
            var page = Read(f, list + 4);
            var pa = Read(f, page + 8);
            Assert.That(Call(f, "LOS_PhysPagesFree", list), Is.EqualTo(2u));

            var single = f.Api.LOS_PhysPageAlloc();
            pa = Read(f, single + 8);
            Assert.That(Call(f, "LOS_VaddrToPaddrMmap", 0, f.Manager.SystemPool, pa, 0x1000, (uint)RegionFlags.PermRead),
                Is.EqualTo(unchecked((uint)VmStatus.Busy)), "NULL space: the kernel process's space, where the heap's region holds the address");
            Assert.That(Call(f, "LOS_VaddrToPaddrMmap", f.Api.LOS_GetVmallocSpace(), 0xC6000000, pa, 0x1000, (uint)RegionFlags.PermRead), Is.Zero);
            Assert.That(f.Api.PageOf(single).RefCounts, Is.EqualTo(1));
        }

        [Test]
        public void Every_hooked_symbol_has_a_hypercall_slot()
        {
            Assert.That(LosMemoryHooks.SymbolNames.Count() + 1, Is.LessThanOrEqualTo(MailboxLayout.Slots), "the hooks and hr_exit_host");
        }
    }
}
