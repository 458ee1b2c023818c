using System.Linq;
using HarmonyRenode.Core.Faults;
using HarmonyRenode.Core.Tests.Facade;
using NUnit.Framework;
using static HarmonyRenode.Core.Tests.Facade.ManagerFixture;

namespace HarmonyRenode.Core.Tests.Faults
{
    /// <summary>
    /// A fault the firmware announces in g_hrExpectedFault (hr_expect_fault) is reported at info level, once; every
    /// other unresolved fault stays an error.
    /// </summary>
    public class ExpectedFaultTests
    {
        private const uint ExpectedWordPa = 0x40008000;
        private const uint KernelVa = 0x40000000;

        private static ManagerFixture UserReadingKernel(out uint fsr)
        {
            var f = new ManagerFixture();
            f.Manager.ExpectedFaultWord = ExpectedWordPa;
            f.EnterUserSpace();
            fsr = FsrPermissionPage; // a user read of the privileged kernel window
            return f;
        }

        [Test]
        public void An_announced_fault_is_logged_at_info_level_and_still_kills_the_process()
        {
            var f = UserReadingKernel(out var fsr);
            f.Memory.WriteUInt32(ExpectedWordPa, KernelVa);

            var outcome = f.Manager.HandleAbort(false, fsr, KernelVa, userMode: true);

            Assert.That(outcome.Action, Is.EqualTo(FaultAction.KillUserProcess), "announcing changes the report, not LiteOS-A's decision");
            Assert.That(f.Log.Errors, Is.Empty);
            Assert.That(f.Log.Lines, Is.EqualTo(new[]
            {
                "expected fault: user space not allowed to access invalid address",
                "expected fault: data_abort fsr:0xf, far:0x40000000",
                "expected fault: Abort caused by a read instruction. Permission fault, page",
            }));
            Assert.That(f.Memory.ReadUInt32(ExpectedWordPa), Is.Zero, "the announcement is used up");
        }

        [Test]
        public void The_same_fault_again_without_a_new_announcement_is_an_error()
        {
            var f = UserReadingKernel(out var fsr);
            f.Memory.WriteUInt32(ExpectedWordPa, KernelVa);
            f.Manager.HandleAbort(false, fsr, KernelVa, userMode: true);
            f.Log.Lines.Clear();

            f.Manager.HandleAbort(false, fsr, KernelVa, userMode: true);

            Assert.That(f.Log.Errors, Has.Count.EqualTo(3));
            Assert.That(f.Log.Lines.Any(l => l.StartsWith(ExpectedFaultLog.Marker)), Is.False);
        }

        [Test]
        public void A_fault_at_another_address_than_the_announced_one_is_an_error_and_keeps_the_announcement()
        {
            var f = UserReadingKernel(out var fsr);
            f.Memory.WriteUInt32(ExpectedWordPa, KernelVa + 0x1000);

            f.Manager.HandleAbort(false, fsr, KernelVa, userMode: true);

            Assert.That(f.Log.Errors, Does.Contain("user space not allowed to access invalid address"));
            Assert.That(f.Log.Errors, Has.Count.EqualTo(3));
            Assert.That(f.Memory.ReadUInt32(ExpectedWordPa), Is.EqualTo(KernelVa + 0x1000));
        }

        [Test]
        public void Without_the_symbol_every_unresolved_fault_is_an_error()
        {
            var f = new ManagerFixture();
            f.EnterUserSpace();
            f.Memory.WriteUInt32(ExpectedWordPa, KernelVa); // not the firmware's word: nobody told the model

            f.Manager.HandleAbort(false, FsrPermissionPage, KernelVa, userMode: true);

            Assert.That(f.Log.Errors, Has.Count.EqualTo(3));
        }

        [Test]
        public void A_resolved_demand_fault_does_not_touch_the_announcement()
        {
            var f = UserReadingKernel(out _);
            f.Memory.WriteUInt32(ExpectedWordPa, KernelVa);
            var va = f.Manager.LOS_MMap(0, 0x1000, Core.Vm.ProtFlags.Read | Core.Vm.ProtFlags.Write,
                Core.Vm.MapFlags.Private | Core.Vm.MapFlags.Anonymous, -1, 0);

            var outcome = f.Manager.HandleAbort(false, FsrTranslationPage | FsrWrite, va, userMode: true);

            Assert.That(outcome.Action, Is.EqualTo(FaultAction.Resume));
            Assert.That(f.Log.Lines, Is.Empty);
            Assert.That(f.Memory.ReadUInt32(ExpectedWordPa), Is.EqualTo(KernelVa));
        }
    }
}
