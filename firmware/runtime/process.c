/*
 * User processes: switching TTBR0 to a model space, loading the linked user image, entering USR mode.
 * One process at a time; the firmware is its own (single) kernel task.
 */
#include "hr_runtime.h"
#include "los_load_elf.h"

/* The user image's segments (firmware/linker.ld): addresses at run time, and where their file bytes are stored. */
extern UINT8 __user_text_start[];
extern UINT8 __user_text_end[];
extern UINT8 __user_text_load[];
extern UINT8 __user_data_start[];
extern UINT8 __user_data_end[];
extern UINT8 __user_bss_end[];
extern UINT8 __user_data_load[];

/* The name exec is given: the parameter area holds it (execName, argv[0]), so it decides the stack pointer. */
#define HR_USER_FILE_NAME "/bin/hr_user"

#define ENOMEM 12
#define EFAULT 14
#define E2BIG 7
#define ENOEXEC 8
#define LOS_OK 0U

/* The AUX_* keys los_load_elf.c puts on the stack (los_elf_auxvec_pri.h). */
#define AUX_NULL 0
#define AUX_PHDR 3
#define AUX_PHENT 4
#define AUX_PHNUM 5
#define AUX_PAGESZ 6
#define AUX_BASE 7
#define AUX_FLAGS 8
#define AUX_ENTRY 9
#define AUX_UID 11
#define AUX_EUID 12
#define AUX_GID 13
#define AUX_EGID 14
#define AUX_HWCAP 16
#define AUX_CLKTCK 17
#define AUX_SECURE 23
#define AUX_RANDOM 25
#define AUX_EXECFN 31
#define AUX_VECTOR_MAX 44 /* AUX_VECTOR_SIZE */
#define ELF32_PHDR_SIZE 32

/* One PT_LOAD program header of the user image, as the linker script lays the image out. */
typedef struct {
    UINTPTR vAddr;
    const UINT8 *file;
    UINT32 fileSize;
    UINT32 memSize;
    UINT32 flags;
} HrSegment;

/* ELFLoadInfo, reduced to what the memory half of exec uses. */
typedef struct {
    UINTPTR stackTop;
    UINTPTR stackTopMax;
    UINTPTR stackBase;
    UINTPTR stackParamBase;
    UINTPTR topOfMem;
    UINTPTR argStart;
    UINTPTR execName;
    UINTPTR loadAddr;
    INT32 argc;
    INT32 envc;
    INT32 randomDevFD;
} HrLoadInfo;

static LosVmSpace *g_currentSpace;
static UINTPTR g_userStackTop;
static const char *const g_userArgv[] = { HR_USER_FILE_NAME };

static inline void Isb(void)
{
    __asm__ volatile("isb" ::: "memory");
}

/*
 * LOS_ArchMmuContextSwitch (docs/memory-manager.md §4.4): ASID 0 while TTBR0 changes, then the space's ASID
 * (ARM ARM B3.10.4). No TLB flush: user entries are nG and tagged with the ASID.
 */
void OsSwitchVmSpace(LosVmSpace *space)
{
    HrMmuContext ctx = { 0, 0, 0 };
    if (hr_vm_space_activate(space, &ctx) != 0) {
        hr_printf("OsSwitchVmSpace: host refused space %p\n", space);
        hr_exit(HR_EXIT_KERNEL_PANIC);
    }
    g_currentSpace = space;
    __asm__ volatile("mcr p15, 0, %0, c13, c0, 1" ::"r"(0U) : "memory");
    Isb();
    __asm__ volatile("mcr p15, 0, %0, c2, c0, 0" ::"r"(ctx.ttbr0) : "memory");
    Isb();
    __asm__ volatile("mcr p15, 0, %0, c2, c0, 2" ::"r"(ctx.ttbcr) : "memory");
    Isb();
    if (space != NULL) {
        __asm__ volatile("mcr p15, 0, %0, c13, c0, 1" ::"r"(ctx.contextidr) : "memory");
        Isb();
    }
}

/* OsCvtProtFlagsToRegionFlags (los_vm_syscall.c) for the flags the loader passes. */
static UINT32 CvtProtFlagsToRegionFlags(UINT32 prot, UINT32 flags)
{
    return VM_MAP_REGION_FLAG_PERM_USER | ((prot & PROT_READ) ? VM_MAP_REGION_FLAG_PERM_READ : 0) |
           ((prot & PROT_WRITE) ? VM_MAP_REGION_FLAG_PERM_WRITE : 0) |
           ((prot & PROT_EXEC) ? VM_MAP_REGION_FLAG_PERM_EXECUTE : 0) |
           ((flags & MAP_PRIVATE) ? VM_MAP_REGION_FLAG_PRIVATE : 0) | ((flags & MAP_FIXED) ? VM_MAP_REGION_FLAG_FIXED : 0);
}

/* OsGetProt. */
static UINT32 GetProt(UINT32 pFlags)
{
    return ((pFlags & PF_R) ? PROT_READ : 0) | ((pFlags & PF_W) ? PROT_WRITE : 0) | ((pFlags & PF_X) ? PROT_EXEC : 0);
}

static BOOL IsUserAddress(UINTPTR va)
{
    return va >= USER_ASPACE_BASE && va < USER_ASPACE_TOP_MAX;
}

static UINT32 Strlen(const char *s)
{
    UINT32 n = 0;
    while (s[n] != '\0') {
        n++;
    }
    return n;
}

/* OsCopyParams: strings copied downwards into the parameter area through its kernel alias (argv[argc-1] first). */
static int CopyParams(LosVmSpace *space, HrLoadInfo *info, INT32 argc, const char *const *argv)
{
    VADDR_T kvaddr = 0;
    if (OsGetKernelVaddr(space, info->stackParamBase, &kvaddr) != (INT32)LOS_OK) {
        return -EFAULT;
    }
    for (INT32 i = argc - 1; i >= 0; --i) {
        UINT32 strLen = Strlen(argv[i]) + 1;
        UINT32 offset = info->topOfMem - info->stackParamBase;
        if (offset < strLen) {
            return -E2BIG;
        }
        info->topOfMem -= strLen;
        offset -= strLen;
        memcpy((void *)(kvaddr + offset), argv[i], strLen);
    }
    return 0;
}

/*
 * OsSetArgParams: the stack region at the top of user space (minus the ASLR offset), 1 MiB, read + write,
 * VM_MAP_REGION_FLAG_STACK, its top page (the parameter area) mapped now; the file name and argv copied there.
 */
static int SetArgParams(LosVmSpace *space, HrLoadInfo *info)
{
    info->randomDevFD = -1; /* no /dev/urandom: the model draws the offsets */
    info->stackTopMax = USER_STACK_TOP_MAX - OsGetRndOffset(info->randomDevFD);
    info->stackBase = info->stackTopMax - USER_STACK_SIZE;
    info->stackParamBase = info->stackTopMax - USER_PARAM_BYTE_MAX;
    /* PT_GNU_STACK of the image is read + write (gcc's default), which the kernel requires. */
    UINT32 vmFlags = CvtProtFlagsToRegionFlags(PROT_READ | PROT_WRITE, MAP_FIXED) | VM_MAP_REGION_FLAG_STACK;
    if (OsStackAlloc(space, info->stackBase, USER_STACK_SIZE, USER_PARAM_BYTE_MAX, vmFlags) != LOS_OK) {
        hr_puts("hr_user_load: Failed to alloc memory for user stack!\n");
        return -ENOMEM;
    }
    info->topOfMem = info->stackTopMax - sizeof(UINTPTR);
    info->argc = 1;
    info->envc = 0;
    const char *fileName = HR_USER_FILE_NAME;
    int ret = CopyParams(space, info, 1, &fileName);
    if (ret != 0) {
        return ret;
    }
    info->execName = info->topOfMem;
    ret = CopyParams(space, info, info->argc, g_userArgv);
    if (ret != 0) {
        return ret;
    }
    info->argStart = info->topOfMem;
    return 0;
}

/*
 * The file bytes of a segment. The kernel maps the file and its pages arrive from the page cache on faults; the
 * model has no VFS, so the region is anonymous and each page is faulted in (a kernel read: any readable region
 * allows it) and filled through its kernel alias, as OsCopyParams fills the parameter area.
 */
static int FillSegment(LosVmSpace *space, const HrSegment *seg)
{
    UINTPTR end = seg->vAddr + seg->fileSize;
    for (UINTPTR va = seg->vAddr; va < end;) {
        UINTPTR pageEnd = ROUNDDOWN(va, PAGE_SIZE) + PAGE_SIZE;
        UINT32 n = (UINT32)((pageEnd < end ? pageEnd : end) - va);
        VADDR_T kvaddr = 0;
        (void)*(volatile UINT8 *)va;
        if (OsGetKernelVaddr(space, va, &kvaddr) != (INT32)LOS_OK) {
            return -EFAULT;
        }
        memcpy((void *)kvaddr, seg->file + (va - seg->vAddr), n);
        va += n;
    }
    return 0;
}

/* OsSetBss: clear the rest of the page the file part ends in, then an anonymous FIXED mapping for the pages after it. */
static int SetBss(UINTPTR bssStart, UINTPTR bssEnd, UINT32 elfProt)
{
    UINTPTR bssStartPageAlign = ROUNDUP(bssStart, PAGE_SIZE);
    UINTPTR bssEndPageAlign = ROUNDUP(bssEnd, PAGE_SIZE);
    /* LOS_UserMemClear of PAGE_SIZE - ROUNDOFFSET(bssStart): a whole page when bssStart is page aligned. */
    memset((void *)bssStart, 0, PAGE_SIZE - (bssStart & (PAGE_SIZE - 1)));
    UINT32 bssMapSize = bssEndPageAlign - bssStartPageAlign;
    if (bssMapSize > 0) {
        VADDR_T mapBase = LOS_MMap(bssStartPageAlign, bssMapSize, elfProt, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
        if (!IsUserAddress(mapBase)) {
            hr_puts("hr_user_load: Failed to map bss\n");
            return -ENOMEM;
        }
    }
    return 0;
}

/*
 * OsMmapELFFile for the ET_EXEC image (load base 0): one region per segment of memSize bytes from the page its
 * address lies in, with the segment's protection, MAP_PRIVATE | MAP_FIXED (anonymous here, see FillSegment);
 * a writable segment whose memSize exceeds its fileSize gets its bss as OsSetBss maps it.
 */
static int LoadElfSegments(LosVmSpace *space, HrLoadInfo *info)
{
    const HrSegment segments[] = {
        { (UINTPTR)__user_text_start, __user_text_load, (UINT32)(__user_text_end - __user_text_start),
          (UINT32)(__user_text_end - __user_text_start), PF_R | PF_X },
        { (UINTPTR)__user_data_start, __user_data_load, (UINT32)(__user_data_end - __user_data_start),
          (UINT32)(__user_bss_end - __user_data_start), PF_R | PF_W },
    };
    info->loadAddr = 0;
    for (UINT32 i = 0; i < sizeof(segments) / sizeof(segments[0]); i++) {
        const HrSegment *seg = &segments[i];
        if (seg->memSize == 0) {
            continue; /* the linker emits no PT_LOAD for an empty segment */
        }
        UINT32 elfProt = GetProt(seg->flags);
        UINTPTR pageOffset = seg->vAddr & (PAGE_SIZE - 1);
        /* OsDoMmapFile with mapSize 0: memSize + the offset into the first page, from the page start. */
        VADDR_T mapAddr = LOS_MMap(seg->vAddr - pageOffset, seg->memSize + pageOffset, elfProt,
                                   MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
        if (!IsUserAddress(mapAddr)) {
            hr_printf("hr_user_load: LOS_MMap of segment %u at %#x failed: %d\n", i, seg->vAddr, (int)mapAddr);
            return -ENOMEM;
        }
        if (info->loadAddr == 0) {
            info->loadAddr = mapAddr + pageOffset;
        }
        int ret = FillSegment(space, seg);
        if (ret != 0) {
            return ret;
        }
        if (seg->memSize > seg->fileSize && (seg->flags & PF_W) != 0) {
            ret = SetBss(mapAddr + pageOffset + seg->fileSize, mapAddr + pageOffset + seg->memSize, elfProt);
            if (ret != 0) {
                return ret;
            }
        }
    }
    __asm__ volatile("mcr p15, 0, %0, c7, c5, 0\n dsb\n isb" ::"r"(0U) : "memory"); /* ICIALLU */
    return 0;
}

/*
 * OsMakeArgsStack + OsPutParamToStack: the random bytes, then argc, argv, envp and the aux vector below them,
 * 16-byte aligned; that address is the user stack pointer. The space is current, so these are plain user writes
 * into the parameter page OsStackAlloc mapped.
 */
static int MakeArgsStack(HrLoadInfo *info, UINT32 entry)
{
    UINTPTR aux[AUX_VECTOR_MAX];
    INT32 n = 0;
    /* AT_RANDOM's word: the kernel reads /dev/urandom; a fixed value keeps runs repeatable. */
    const UINT32 rndVec[RANDOM_VECTOR_SIZE] = { 0 };
    info->topOfMem -= sizeof(rndVec);
    UINTPTR rndVecStart = info->topOfMem;
    memcpy((void *)rndVecStart, rndVec, sizeof(rndVec));

#define AUX(key, value) do { aux[n++] = (key); aux[n++] = (UINTPTR)(value); } while (0)
    AUX(AUX_PHDR, info->loadAddr + 0); /* the program headers are not in the image the runtime stores */
    AUX(AUX_PHENT, ELF32_PHDR_SIZE);
    AUX(AUX_PHNUM, 0);
    AUX(AUX_PAGESZ, PAGE_SIZE);
    AUX(AUX_BASE, 0);
    AUX(AUX_FLAGS, 0);
    AUX(AUX_ENTRY, entry);
    AUX(AUX_UID, 0);
    AUX(AUX_EUID, 0);
    AUX(AUX_GID, 0);
    AUX(AUX_EGID, 0);
    AUX(AUX_HWCAP, 0);
    AUX(AUX_CLKTCK, 0);
    AUX(AUX_SECURE, 0);
    AUX(AUX_RANDOM, rndVecStart);
    AUX(AUX_EXECFN, info->execName);
    /* No AUX_SYSINFO_EHDR: the model has no VDSO. */
    AUX(AUX_NULL, 0);
#undef AUX

    UINTPTR *topMem = (UINTPTR *)ROUNDDOWN(info->topOfMem, sizeof(UINTPTR));
    INT32 items = (info->argc + 1) + (info->envc + 1) + 1;
    info->topOfMem = ROUNDDOWN((UINTPTR)(topMem - n - items), STACK_ALIGN_SIZE);
    info->stackTop = info->topOfMem;
    if (info->stackTopMax - info->stackTop > USER_PARAM_BYTE_MAX) {
        return -E2BIG;
    }
    UINTPTR *sp = (UINTPTR *)info->stackTop;
    *sp++ = (UINTPTR)info->argc;
    UINTPTR str = info->argStart;
    for (INT32 i = 0; i < info->argc; i++) {
        *sp++ = str;
        str += Strlen((const char *)str) + 1;
    }
    *sp++ = 0;
    *sp++ = 0; /* envp: empty */
    memcpy(sp, aux, (UINT32)n * sizeof(UINTPTR));
    return 0;
}

int hr_user_load_entry(UINT32 entry)
{
    LosVmSpace *space = g_currentSpace;
    HrLoadInfo info;
    memset(&info, 0, sizeof(info));
    if (space == NULL) {
        hr_puts("hr_user_load: no current user space\n");
        return -1;
    }
    int ret = SetArgParams(space, &info);
    if (ret == 0) {
        /* OsFlushAspace: heap and mmap window of the new space, which is current from here on. */
        (void)OsExecProcessVmSpaceReplace(space, info.stackBase, info.randomDevFD);
        OsSwitchVmSpace(space);
        ret = LoadElfSegments(space, &info);
    }
    if (ret == 0) {
        ret = MakeArgsStack(&info, entry);
    }
    if (ret != 0 || !IsUserAddress(info.stackTop)) {
        hr_printf("hr_user_load: exec failed: %d\n", ret);
        return -1;
    }
    g_userStackTop = info.stackTop;
    return 0;
}

int hr_user_load(void)
{
    return hr_user_load_entry(0);
}

int hr_user_start(UINT32 entry, UINT32 arg)
{
    if (g_userStackTop == 0) {
        hr_puts("hr_user_start: no user image loaded\n");
        return -1;
    }
    return hr_user_enter(entry, g_userStackTop, arg);
}

UINT32 hr_user_stack_top(void)
{
    return g_userStackTop;
}

int hr_user_run(UINT32 entry, UINT32 arg)
{
    if (hr_user_load_entry(entry) != 0) {
        return -1;
    }
    return hr_user_start(entry, arg);
}

int hr_process_run(UINT32 entry, UINT32 arg)
{
    LosVmSpace *space = OsCreateUserVmSpace();
    if (space == NULL) {
        hr_puts("hr_process_run: OsCreateUserVmSpace failed\n");
        return -1;
    }
    OsSwitchVmSpace(space);
    int status = hr_user_run(entry, arg);
    OsSwitchVmSpace(NULL);
    STATUS_T freed = LOS_VmSpaceFree(space);
    if (freed != 0) {
        hr_printf("hr_process_run: LOS_VmSpaceFree returned %d\n", freed);
    }
    return status;
}
