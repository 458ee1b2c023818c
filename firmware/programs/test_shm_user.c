#include "hr_user.h"

#define KEY 0x5348 /* "SH"; the same constant in test_shm.c */
#define SEG_PAGES 2
#define PARENT_TAG 0x50A00000U
#define CHILD_TAG 0xC1D00000U

/* Kept in the parent's data: the child gets a copy with the fork, the parent finds them again in its next step. */
static int g_shmid;
static volatile UINT32 *g_seg;

/*
 * An IPC_STAT buffer in a page of its own that the parent writes before the fork: in the child it is still shared
 * copy-on-write when the kernel copies into it, so the copy takes the write fault inside the call.
 */
static struct shmid_ds g_stat __attribute__((aligned(4096)));

static BOOL Holds(UINT32 tag)
{
    for (UINT32 i = 0; i < SEG_PAGES * 1024; i += 128) {
        if (g_seg[i] != (tag ^ i)) {
            return FALSE;
        }
    }
    return TRUE;
}

static void Fill(UINT32 tag)
{
    for (UINT32 i = 0; i < SEG_PAGES * 1024; i += 128) {
        g_seg[i] = tag ^ i;
    }
}

static unsigned long Nattch(void)
{
    struct shmid_ds ds;
    if (shmctl(g_shmid, IPC_STAT, &ds) != 0) {
        u_putu("user: IPC_STAT failed, errno ", (UINT32)errno);
        return 0xFFFFFFFF;
    }
    return ds.shm_nattch;
}

/* Step 1, in the parent before the fork: create, attach, write; the kernel's error codes on the way. */
static int ParentCreate(void)
{
    g_shmid = shmget(KEY, SEG_PAGES * 4096, IPC_CREAT | 0600);
    if (g_shmid < 0) {
        u_putu("user: shmget failed, errno ", (UINT32)errno);
        return 10;
    }
    if (shmget(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600) != -1 || errno != EEXIST) {
        u_puts("user: shmget IPC_EXCL of an existing key did not fail with EEXIST\n");
        return 11;
    }
    if (shmget(KEY + 1, 4096, 0600) != -1 || errno != ENOENT) {
        u_puts("user: shmget of a missing key did not fail with ENOENT\n");
        return 12;
    }
    void *at = shmat(g_shmid, NULL, 0);
    if (at == (void *)-1) {
        u_putu("user: shmat failed, errno ", (UINT32)errno);
        return 13;
    }
    if (shmat(g_shmid + 1000, NULL, 0) != (void *)-1 || errno != EINVAL) { /* beyond SHM_MNI */
        u_puts("user: shmat of a bad id did not fail with EINVAL\n");
        return 14;
    }
    if (shmdt((char *)at + 4) != -1 || errno != EINVAL) {
        u_puts("user: shmdt of an unaligned address did not fail with EINVAL\n");
        return 15;
    }
    g_seg = at;
    if (shmctl(g_shmid, IPC_STAT, &g_stat) != 0 || g_stat.shm_nattch != 1) {
        u_putu("user: parent IPC_STAT into its static buffer: nattch ", (UINT32)g_stat.shm_nattch);
        return 16;
    }
    Fill(PARENT_TAG);
    u_putu("user: parent attached segment at ", (UINT32)at);
    return 0;
}

/* Step 2, in the forked child: the parent's data is there, the child's writes go to the same pages. */
static int Child(void)
{
    if (shmctl(g_shmid, IPC_STAT, &g_stat) != 0 || g_stat.shm_nattch != 2) {
        u_putu("user: child IPC_STAT into a copy-on-write page: nattch ", (UINT32)g_stat.shm_nattch);
        return 23;
    }
    if (!Holds(PARENT_TAG)) {
        u_puts("user: child does not see the parent's data\n");
        return 20;
    }
    if (Nattch() != 2) {
        u_putu("user: child sees nattch ", (UINT32)Nattch());
        return 21;
    }
    Fill(CHILD_TAG);
    if (shmdt((void *)g_seg) != 0) {
        u_putu("user: child shmdt failed, errno ", (UINT32)errno);
        return 22;
    }
    u_puts("user: child saw the parent's data (nattch 2), wrote its own and detached\n");
    return 0;
}

/* Step 3, the parent again: sees the child's writes; IPC_RMID keeps the segment until the last detach. */
static int ParentFinish(void)
{
    if (!Holds(CHILD_TAG)) {
        u_puts("user: parent does not see the child's data\n");
        return 30;
    }
    if (Nattch() != 1) {
        u_putu("user: parent sees nattch ", (UINT32)Nattch());
        return 31;
    }
    if (shmctl(g_shmid, IPC_RMID, NULL) != 0) {
        u_putu("user: IPC_RMID failed, errno ", (UINT32)errno);
        return 32;
    }
    if (!Holds(CHILD_TAG) || shmget(KEY, 0, 0600) != g_shmid) {
        u_puts("user: a removed segment went away while attached\n");
        return 33;
    }
    if (shmdt((void *)g_seg) != 0) {
        u_putu("user: parent shmdt failed, errno ", (UINT32)errno);
        return 34;
    }
    if (shmat(g_shmid, NULL, 0) != (void *)-1 || errno != EIDRM) {
        u_puts("user: shmat after the last detach of a removed segment did not fail with EIDRM\n");
        return 35;
    }
    if (shmget(KEY, 0, 0600) != -1 || errno != ENOENT) {
        u_puts("user: the key of a freed segment is still found\n");
        return 36;
    }
    u_puts("user: parent saw the child's data, removed the segment, detached: it is gone\n");
    return 0;
}

USER_ENTRY(user_shm_main)
{
    switch (arg) {
        case 1:
            return ParentCreate();
        case 2:
            return Child();
        default:
            return ParentFinish();
    }
}
