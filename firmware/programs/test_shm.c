/*
 * System V shared memory (Vm/Shm, shm.c): a user process creates a segment and attaches it, the kernel forks it
 * (LOS_VmSpaceClone: OsShmFork maps the same pages in the child, no copy-on-write), child and parent each see the
 * other's writes, both detach, IPC_RMID frees the segment at the last detach. Then the kernel API directly, with
 * errno: ShmGet/ShmCtl on the freed segment.
 */
#include "hr_test.h"
#include "los_vm_shm.h"

#define KEY 0x5348 /* the same constant in test_shm_user.c */
#define ENOENT 2
#define EIDRM 43

void user_shm_main(UINT32 arg);

int hr_main(void)
{
    /* The kernel runs ShmInit at boot (LOS_MODULE_INIT); the runtime leaves it to the programs that use shm. */
    CHECK(ShmInit() == LOS_OK, "ShmInit");

    LosVmSpace *parent = OsCreateUserVmSpace();
    CHECK(parent != NULL, "OsCreateUserVmSpace (parent)");
    OsSwitchVmSpace(parent);
    CHECK(hr_user_load() == 0, "user image load");
    int status = hr_user_start((UINT32)user_shm_main, 1);
    CHECK(status == 0, "parent step 1 exit status %#x", status);

    LosVmSpace *child = OsCreateUserVmSpace();
    CHECK(child != NULL, "OsCreateUserVmSpace (child)");
    STATUS_T cloned = LOS_VmSpaceClone(CLONE_VM, parent, child);
    CHECK(cloned == 0, "LOS_VmSpaceClone = %d", cloned);
    PADDR_T parentPa = LOS_PaddrQuery((VOID *)0x1F800000);
    OsSwitchVmSpace(child);
    PADDR_T childPa = LOS_PaddrQuery((VOID *)0x1F800000);
    CHECK(parentPa != 0 && childPa == parentPa, "child maps %#x, parent %#x", childPa, parentPa);
    hr_printf("shm: forked; parent and child map the segment's first page at the same PA\n");

    status = hr_user_start((UINT32)user_shm_main, 2);
    CHECK(status == 0, "child exit status %#x", status);
    OsSwitchVmSpace(parent);
    status = hr_user_start((UINT32)user_shm_main, 3);
    CHECK(status == 0, "parent step 3 exit status %#x", status);

    OsSwitchVmSpace(NULL);
    CHECK(LOS_VmSpaceFree(child) == 0, "free child");
    CHECK(LOS_VmSpaceFree(parent) == 0, "free parent");

    CHECK(ShmGet(KEY, 4096, 0600) == -1 && get_errno() == ENOENT, "ShmGet of the freed key: errno %d", get_errno());
    struct shmid_ds ds;
    CHECK(ShmCtl(0, IPC_STAT, &ds) == -1 && get_errno() == EIDRM, "ShmCtl of the freed segment: errno %d", get_errno());
    hr_printf("shm: the kernel API reports ENOENT and EIDRM for the freed segment\n");
    return hr_test_end("test_shm");
}
