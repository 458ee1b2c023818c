using NUnit.Framework;
using static HarmonyRenode.Core.Tests.Vm.Shm.ShmFixture;
using static HarmonyRenode.Core.Vm.Shm.ShmConstants;

namespace HarmonyRenode.Core.Tests.Vm.Shm
{
    public class ShmCtlTests
    {
        [Test]
        public void IPC_STAT_copies_the_kernels_shmid_ds_into_a_user_buffer_faulting_its_page_in()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(0x5151, 5000, Create | 0x1A4); // 0644
            f.M.ShmAt(id, 0, 0);
            var buf = f.UserBuffer();
            Assert.That(f.PaOf(buf), Is.Zero, "not mapped before the copy");

            Assert.That(f.M.ShmCtl(id, IpcStat | (int)Ipc64, buf + 0x100), Is.Zero);

            Assert.That(f.ReadUser(buf + 0x100), Is.EqualTo(0x5151), "shm_perm.__key");
            Assert.That(f.ReadUser(buf + 0x100 + 20), Is.EqualTo(0x1A4), "shm_perm.mode");
            Assert.That(f.ReadUser(buf + 0x100 + 24), Is.EqualTo(id + 1), "shm_perm.__seq");
            Assert.That(f.ReadUser(buf + 0x100 + 36), Is.EqualTo(0x2000), "shm_segsz");
            Assert.That(f.ReadUser(buf + 0x100 + 72), Is.EqualTo(1), "shm_nattch");
        }

        [Test]
        public void SHM_STAT_returns_the_sequence_number_above_the_index()
        {
            var f = new ShmFixture();
            f.M.ShmGet(Private, 1, Rw);
            var id = f.M.ShmGet(Private, 1, Rw);
            var buf = f.UserBuffer();

            Assert.That(f.M.ShmCtl(id, ShmStat, buf), Is.EqualTo((2 << 16) | 1));
        }

        [Test]
        public void IPC_SET_takes_uid_gid_and_the_permission_bits_from_the_users_ipc_perm()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 1, Rw);
            var buf = f.UserBuffer();
            f.M.ShmCtl(id, IpcStat, buf);
            f.WriteUser(buf + 8, 7);           // gid
            f.WriteUser(buf + 20, 0xFFF);      // mode: only the 0777 bits are taken

            Assert.That(f.M.ShmCtl(id, IpcSet, buf), Is.Zero);

            Assert.That(f.Seg(id).Ds.Mode, Is.EqualTo(0x1FF));
            Assert.That(f.Seg(id).Ds.Gid, Is.EqualTo(7));
        }

        [Test]
        public void IPC_INFO_and_SHM_INFO_return_SHM_MNI_and_fill_the_users_struct()
        {
            var f = new ShmFixture();
            f.M.ShmGet(Private, 1, Rw);
            f.M.ShmGet(Private, 1, Rw);
            var buf = f.UserBuffer();

            Assert.That(f.M.ShmCtl(-5, IpcInfo, buf), Is.EqualTo(192));
            Assert.That(new[] { f.ReadUser(buf), f.ReadUser(buf + 4), f.ReadUser(buf + 8), f.ReadUser(buf + 12), f.ReadUser(buf + 16) },
                Is.EqualTo(new uint[] { 0x1000000, 1, 192, 128, 4096 }));
            Assert.That(f.M.ShmCtl(-5, ShmInfo, buf + 0x40), Is.EqualTo(192));
            Assert.That(f.ReadUser(buf + 0x40), Is.EqualTo(2), "used_ids");
        }

        [Test]
        public void ShmCtl_errors_are_the_kernels_errno_values()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 1, Rw);
            var buf = f.UserBuffer();

            f.AssertFails(f.M.ShmCtl(-1, IpcStat, buf), EINVAL);
            f.AssertFails(f.M.ShmCtl(5, IpcStat, buf), EIDRM);
            f.AssertFails(f.M.ShmCtl(id, IpcStat, 0), EINVAL);
            f.AssertFails(f.M.ShmCtl(id, IpcStat, 0x40001000), EFAULT);
            f.AssertFails(f.M.ShmCtl(id, IpcStat, 0x3EFFFFFF), EFAULT);
            f.AssertFails(f.M.ShmCtl(id, 99, buf), EINVAL);
            Assert.That(f.F.Log.Errors, Has.Some.Contains("the cmd(99) is not supported!"));
            f.AssertFails(f.M.ShmCtl(id, IpcInfo, 0), EINVAL);
        }
    }
}
