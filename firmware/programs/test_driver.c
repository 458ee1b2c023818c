/*
 * A driver's use of the memory manager: its own region in the kernel space with the PL011 mapped a second time
 * as device memory (LOS_ArchMmuMap, arch/arm/arm/src/los_arch_mmu.c) and printed through; cached and uncached DMA
 * buffers (LOS_DmaMemAlloc, kernel/base/vm/los_vm_iomap.c); pages on a list of its own (LOS_PhysPagesAlloc,
 * los_vm_phys.c) mapped, moved, made read-only and unmapped with LOS_ArchMmuQuery/Move/ChangeProt/Unmap; and
 * LOS_VaddrToPaddrMmap handing a page to a vmalloc-space region. Heap and page addresses are not printed (they
 * move whenever the heap's contents before them change); relations between them are checked instead.
 */
#include "hr_test.h"
#include "los_memory.h"
#include "los_vm_map.h"
#include "los_vm_phys.h"
#include "los_arch_mmu.h"
#include "los_vm_iomap.h"

#define LOS_ERRNO_VM_NOT_VALID (-7)
#define LOS_ERRNO_VM_BUSY (-33)

#define MB 0x100000U
#define SECTION_PAGES (MB / PAGE_SIZE)
#define PL011_PA 0x09000000U
#define PL011_CR 0x30U
#define PERM_RW (VM_MAP_REGION_FLAG_PERM_READ | VM_MAP_REGION_FLAG_PERM_WRITE)
#define DEVICE_RW (VM_MAP_REGION_FLAG_UNCACHED_DEVICE | PERM_RW)

/* The console's UART base (runtime/console.c): pointed at the driver's own mapping for one line. */
extern volatile UINT32 g_hrUartBase;

static UINT32 Read32(VADDR_T va) { return *(volatile UINT32 *)va; }

/* region->range.base once regions are guest objects; meanwhile the region that LOS_RegionFind answers for. */
static VADDR_T RegionBase(LosVmSpace *space, LosVmMapRegion *region)
{
    VADDR_T va = KERNEL_ASPACE_BASE;
    while (va >= KERNEL_ASPACE_BASE && LOS_RegionFind(space, va) != region) {
        va += MB; /* a region of 1 MiB holds a MiB boundary */
    }
    while (va > KERNEL_ASPACE_BASE && LOS_RegionFind(space, va - PAGE_SIZE) == region) {
        va -= PAGE_SIZE;
    }
    return va >= KERNEL_ASPACE_BASE ? va : 0;
}

/* Every page of [va, va + size) translates to pa plus the same offset. */
static BOOL PhysicallyContiguous(VADDR_T va, size_t size, PADDR_T pa)
{
    for (size_t off = 0; off < size; off += PAGE_SIZE) {
        if (LOS_PaddrQuery((VOID *)(va + off)) != pa + off) {
            return FALSE;
        }
    }
    return LOS_PaddrQuery((VOID *)(va + size - 1)) == pa + size - 1;
}

static VADDR_T DeviceWindow(LosVmSpace *k, LosArchMmu *mmu, LosVmMapRegion **region, PADDR_T *sectionPa, UINT32 *sectionFlags)
{
    *region = LOS_RegionAlloc(k, 0, MB, PERM_RW, 0);
    CHECK(*region != NULL, "LOS_RegionAlloc in the kernel space");
    VADDR_T base = RegionBase(k, *region);
    CHECK(base != 0, "the region's base");
    hr_printf("driver: region of 1 MiB at %#x in the kernel space\n", base);

    /* Past the managed RAM the kernel window is still mapped, by a 1 MiB section: the region's range goes first. */
    STATUS_T st = LOS_ArchMmuQuery(mmu, base, sectionPa, sectionFlags);
    CHECK(st == LOS_OK && *sectionPa == base, "section: %d PA %#x", st, *sectionPa);
    hr_printf("driver: the kernel window maps it as a section: PA %#x flags %#x\n", *sectionPa, *sectionFlags);
    CHECK(LOS_ArchMmuUnmap(mmu, base, SECTION_PAGES) == (STATUS_T)SECTION_PAGES, "section unmapped");
    CHECK(LOS_ArchMmuQuery(mmu, base, NULL, NULL) == LOS_ERRNO_VM_NOT_FOUND, "nothing at the base now");

    STATUS_T mapped = LOS_ArchMmuMap(mmu, base, PL011_PA, 1, DEVICE_RW);
    CHECK(mapped == 1, "LOS_ArchMmuMap of the PL011: %d", mapped);
    PADDR_T pa = 0;
    UINT32 flags = 0;
    st = LOS_ArchMmuQuery(mmu, base, &pa, &flags);
    CHECK(st == LOS_OK && pa == PL011_PA && flags == DEVICE_RW, "query: %d PA %#x flags %#x", st, pa, flags);
    hr_printf("driver: PL011 %#x mapped at %#x as device memory, flags %#x\n", PL011_PA, base, flags);

    UINT32 console = g_hrUartBase;
    CHECK(Read32(base + PL011_CR) == Read32(console + PL011_CR), "UARTCR reads the same through both mappings");
    g_hrUartBase = base;
    hr_printf("driver: this line went through the second mapping at %#x\n", base);
    g_hrUartBase = console;
    return base;
}

static void DmaBuffers(void)
{
    DMA_ADDR_T cachedPa = 0;
    DMA_ADDR_T uncachedPa = 0;
    const size_t big = 5 * PAGE_SIZE; /* 16 KiB and more: contiguous pages */
    const size_t small = 0x800;       /* from the heap */
    UINT8 *cached = LOS_DmaMemAlloc(&cachedPa, big, 64, DMA_CACHE);
    UINT8 *uncached = LOS_DmaMemAlloc(&uncachedPa, small, 64, DMA_NOCACHE);
    CHECK(cached != NULL && uncached != NULL, "LOS_DmaMemAlloc");
    CHECK((VADDR_T)cached >= KERNEL_ASPACE_BASE && (VADDR_T)cached < UNCACHED_VMM_BASE, "cached: kernel window %p", cached);
    CHECK(PhysicallyContiguous((VADDR_T)cached, big, cachedPa), "cached buffer physically contiguous from %#x", cachedPa);
    CHECK(((VADDR_T)cached & 63) == 0 && ((VADDR_T)uncached & 63) == 0, "aligned to 64");
    hr_printf("driver: cached DMA buffer of %u bytes: physically contiguous, its DMA address is LOS_PaddrQuery's\n", big);

    CHECK((VADDR_T)uncached >= UNCACHED_VMM_BASE && (VADDR_T)uncached < VMALLOC_START, "uncached alias %p", uncached);
    UINT8 *kernel = uncached - UNCACHED_VMM_BASE + KERNEL_ASPACE_BASE;
    CHECK(PhysicallyContiguous((VADDR_T)kernel, small, uncachedPa), "uncached buffer physically contiguous");
    for (size_t i = 0; i < small; i++) {
        uncached[i] = (UINT8)(i * 7 + 1);
    }
    BOOL same = TRUE;
    for (size_t i = 0; i < small; i++) {
        same = same && kernel[i] == (UINT8)(i * 7 + 1);
    }
    CHECK(same, "what went through the uncached alias is in the kernel window's buffer");
    hr_printf("driver: uncached DMA buffer is the kernel buffer + %#x (the uncached alias), same bytes through both\n",
              (UINT32)(uncached - kernel));

    CHECK(LOS_DmaVaddrToPaddr(cached) == cachedPa, "LOS_DmaVaddrToPaddr of the cached buffer");
    CHECK(LOS_DmaVaddrToPaddr(cached + big - 1) == cachedPa + big - 1, "its last byte");
    CHECK(LOS_DmaVaddrToPaddr(kernel) == uncachedPa, "the uncached buffer's kernel address");
    DMA_ADDR_T viaAlias = LOS_DmaVaddrToPaddr(uncached);
    CHECK(viaAlias == 0, "LOS_PaddrQuery does not know the uncached alias: %#x", viaAlias);
    hr_printf("driver: LOS_DmaVaddrToPaddr(uncached buffer) = %#x, as the kernel answers\n", viaAlias);

    DMA_ADDR_T untouched = 0x5A5A5A5A;
    CHECK(LOS_DmaMemAlloc(&untouched, 0, 64, DMA_CACHE) == NULL && untouched == 0x5A5A5A5A, "size 0");
    CHECK(LOS_DmaMemAlloc(&untouched, 64, 64, (enum DmaMemType)2) == NULL && untouched == 0x5A5A5A5A, "unknown type");
    VOID *noAddress = LOS_DmaMemAlloc(NULL, 64, 64, DMA_CACHE);
    CHECK(noAddress != NULL, "a NULL dmaAddr is allowed");
    LOS_DmaMemFree(noAddress);
    LOS_DmaMemFree(uncached); /* back to the kernel address, then LOS_KernelFree */
    LOS_DmaMemFree(cached);
    LOS_DmaMemFree((VOID *)(PERIPH_DEVICE_BASE + PL011_PA)); /* not in the DMA area: one line, nothing freed */
    hr_printf("driver: DMA buffers freed, the uncached one through its alias\n");
}

static void PageList(LosArchMmu *mmu, VADDR_T base)
{
    LOS_DL_LIST list;
    LOS_ListInit(&list);
    CHECK(LOS_PhysPagesAlloc(0, &list) == 0 && LOS_PhysPagesAlloc(1, NULL) == 0 && LOS_PhysPagesFree(NULL) == 0, "no-ops");
    size_t got = LOS_PhysPagesAlloc(3, &list);
    CHECK(got == 3, "LOS_PhysPagesAlloc: %u", got);

    LosVmPage *pages[3] = { NULL, NULL, NULL };
    LosVmPage *page = NULL;
    UINT32 n = 0;
    LOS_DL_LIST_FOR_EACH_ENTRY(page, &list, LosVmPage, node) {
        CHECK(n < 3, "three nodes");
        if (n < 3) {
            pages[n] = page;
        }
        CHECK(page == LOS_VmPageGet(page->physAddr), "node %u is page %p's descriptor", n, page);
        CHECK(page->refCounts == 0 && page->nPages == 1 && (page->physAddr & (PAGE_SIZE - 1)) == 0,
              "descriptor %u: ref %d nPages %u PA %#x", n, page->refCounts, page->nPages, page->physAddr);
        n++;
    }
    CHECK(n == 3 && list.pstPrev == &pages[2]->node && pages[0]->node.pstPrev == &list, "tail-inserted in order");
    hr_printf("driver: LOS_PhysPagesAlloc put %u pages on the driver's list\n", n);
    if (n != 3) {
        return;
    }

    VADDR_T win = base + PAGE_SIZE;
    CHECK(LOS_ArchMmuMap(mmu, win, pages[0]->physAddr, 1, PERM_RW) == 1, "map page 0");
    CHECK(LOS_ArchMmuMap(mmu, win + PAGE_SIZE, pages[1]->physAddr, 1, PERM_RW) == 1, "map page 1");
    *(volatile UINT32 *)win = 0xD0D0CAFE;
    *(volatile UINT32 *)(win + PAGE_SIZE + 8) = 0xFEEDF00D;
    CHECK(*(volatile UINT32 *)LOS_PaddrToKVaddr(pages[0]->physAddr) == 0xD0D0CAFE, "page 0 through the kernel window");

    VADDR_T moved = base + 16 * PAGE_SIZE;
    CHECK(LOS_ArchMmuMove(mmu, win, moved, 2, PERM_RW) == LOS_OK, "LOS_ArchMmuMove");
    CHECK(LOS_ArchMmuQuery(mmu, win, NULL, NULL) == LOS_ERRNO_VM_NOT_FOUND, "the old address is unmapped");
    PADDR_T pa = 0;
    UINT32 flags = 0;
    CHECK(LOS_ArchMmuQuery(mmu, moved + PAGE_SIZE, &pa, &flags) == LOS_OK && pa == pages[1]->physAddr, "moved: PA %#x", pa);
    CHECK(Read32(moved) == 0xD0D0CAFE && Read32(moved + PAGE_SIZE + 8) == 0xFEEDF00D, "the data moved with the pages");
    hr_printf("driver: two of them mapped at %#x, moved to %#x with their data\n", win, moved);

    CHECK(LOS_ArchMmuChangeProt(mmu, moved, 2, VM_MAP_REGION_FLAG_PERM_READ) == LOS_OK, "LOS_ArchMmuChangeProt");
    CHECK(LOS_ArchMmuQuery(mmu, moved, &pa, &flags) == LOS_OK && pa == pages[0]->physAddr, "still PA %#x", pa);
    CHECK(flags == VM_MAP_REGION_FLAG_PERM_READ, "read-only: flags %#x", flags);
    CHECK(Read32(moved) == 0xD0D0CAFE, "still readable");
    hr_printf("driver: made read-only: flags %#x\n", flags);

    CHECK(LOS_ArchMmuChangeProt(mmu, 0, 1, PERM_RW) == LOS_NOK, "ChangeProt at 0");
    CHECK(LOS_ArchMmuMove(mmu, moved, moved + MB, 0, PERM_RW) == LOS_NOK, "Move of 0 pages");
    CHECK(LOS_ArchMmuMap(mmu, moved + 4, pages[2]->physAddr, 1, PERM_RW) == LOS_ERRNO_VM_INVALID_ARGS, "unaligned map");
    STATUS_T unmapped = LOS_ArchMmuUnmap(mmu, moved, 2);
    CHECK(unmapped == 2, "LOS_ArchMmuUnmap: %d", unmapped);
    CHECK(LOS_ArchMmuQuery(mmu, moved, &pa, &flags) == LOS_ERRNO_VM_NOT_FOUND, "unmapped");

    size_t freed = LOS_PhysPagesFree(&list);
    CHECK(freed == 3 && LOS_ListEmpty(&list), "LOS_PhysPagesFree: %u", freed);
    hr_printf("driver: unmapped, and LOS_PhysPagesFree emptied the list (%u pages)\n", freed);
}

static void RegionOwnsPage(void)
{
    LosVmSpace *v = LOS_GetVmallocSpace();
    LosVmPage *page = LOS_PhysPageAlloc();
    CHECK(page != NULL, "LOS_PhysPageAlloc");
    VADDR_T at = VMALLOC_START + 0x06000000;
    CHECK(LOS_VaddrToPaddrMmap(v, at + 1, page->physAddr, PAGE_SIZE, PERM_RW) == LOS_ERRNO_VM_NOT_VALID, "unaligned");
    CHECK(LOS_VaddrToPaddrMmap(v, at, PL011_PA, PAGE_SIZE, PERM_RW) == LOS_ERRNO_VM_NOT_VALID, "not a managed page");
    STATUS_T st = LOS_VaddrToPaddrMmap(v, at, page->physAddr, PAGE_SIZE, PERM_RW);
    CHECK(st == LOS_OK, "LOS_VaddrToPaddrMmap: %d", st);
    CHECK(LOS_VaddrToPaddrMmap(v, at, page->physAddr, PAGE_SIZE, PERM_RW) == LOS_ERRNO_VM_BUSY, "the address is taken");
    CHECK(LOS_PaddrQuery((VOID *)at) == page->physAddr, "mapped");
    CHECK(LOS_VmPageGet(page->physAddr)->refCounts == 1, "the mapping holds a reference: %d", page->refCounts);
    *(volatile UINT32 *)at = 0x600DF00D;
    CHECK(*(volatile UINT32 *)LOS_PaddrToKVaddr(page->physAddr) == 0x600DF00D, "the same page through the kernel window");
    LosVmMapRegion *region = LOS_RegionFind(v, at);
    CHECK(region != NULL && LOS_RegionFree(v, region) == LOS_OK, "LOS_RegionFree");
    /* The region's free dropped the page's last reference and freed it: the driver must not free it again. */
    CHECK(LOS_VmPageGet(page->physAddr)->refCounts == 0, "reference dropped");
    hr_printf("driver: LOS_VaddrToPaddrMmap gave a page to a vmalloc region; its free freed the page\n");
}

int hr_main(void)
{
    LosVmSpace *k = LOS_GetKVmSpace();
    LosArchMmu *mmu = &k->archMmu;
    LosVmMapRegion *region = NULL;
    PADDR_T sectionPa = 0;
    UINT32 sectionFlags = 0;
    VADDR_T base = DeviceWindow(k, mmu, &region, &sectionPa, &sectionFlags);
    if (base == 0) {
        return hr_test_end("test_driver");
    }
    DmaBuffers();
    PageList(mmu, base);
    RegionOwnsPage();

    /* The UART mapping goes (its L2 table with it), then the region; the kernel window gets its section back. */
    CHECK(LOS_ArchMmuUnmap(mmu, base, 1) == 1, "UART mapping unmapped");
    CHECK(LOS_RegionFree(k, region) == LOS_OK, "LOS_RegionFree");
    CHECK(LOS_ArchMmuMap(mmu, base, sectionPa, SECTION_PAGES, sectionFlags) == (STATUS_T)SECTION_PAGES, "section back");
    PADDR_T pa = 0;
    UINT32 flags = 0;
    CHECK(LOS_ArchMmuQuery(mmu, base + 0x1234, &pa, &flags) == LOS_OK && pa == sectionPa + 0x1234 && flags == sectionFlags,
          "the section as it was: PA %#x flags %#x", pa, flags);
    hr_printf("driver: region freed, the kernel window's section mapped back\n");
    return hr_test_end("test_driver");
}
