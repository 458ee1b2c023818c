using HarmonyRenode.Core.Diagnostics;
using HarmonyRenode.Core.Tests.Vm.Shm;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Diagnostics
{
    public class ShmDumpTests
    {
        [Test]
        public void Shm_lists_every_used_segment_as_OsShmInfoCmd_prints_it()
        {
            var f = new ShmFixture();
            f.M.ShmGet(0x1234, 5000, 0x200 | 0x1A4);
            var removed = f.M.ShmGet(0, 4096, 0x180);
            f.M.ShmAt(removed, 0, 0);
            f.M.ShmCtl(removed, 0, 0);

            // "%08x %-8d %-10o %-10u %-10u %-10x %s\n" with an empty owner name.
            Assert.That(f.M.Shm(), Is.EqualTo(
                "\r\n------- Shared Memory Segments -------\n" +
                "key      shmid    perms      bytes      nattch     status     owner\n" +
                "00001234 0        644        8192       0          4000       \n" +
                "00000000 1        600        4096       1          c000       \n"));
        }
    }
}
