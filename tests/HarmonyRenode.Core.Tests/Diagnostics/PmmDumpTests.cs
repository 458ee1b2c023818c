using HarmonyRenode.Core.Diagnostics;
using HarmonyRenode.Core.Tests.Pages;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Diagnostics
{
    public class PmmDumpTests
    {
        [Test]
        public void Pmm_prints_segment_orders_and_totals_in_the_kernel_format()
        {
            var f = new PhysFixture();
            f.Phys.LOS_PhysPagesAllocContiguous(3);

            var text = PmmDump.Format(f.Phys);

            Assert.That(text, Does.Contain(" 0x00000000    0x4025d000   0x03da3000      15776  \n"));
            Assert.That(text, Does.Contain("order = 0, free_count = 2\n"));
            Assert.That(text, Does.Contain("order = 8, free_count = 61\n"));
            Assert.That(text, Does.Contain("inactice file   0\n"), "the kernel's typo is part of the transcript");
            Assert.That(text, Does.EndWith("\n\rpmm pages: total = 15779, used = 3, free = 15776\n"));
        }
    }
}
