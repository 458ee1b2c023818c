using System.Collections.Generic;
using HarmonyRenode.Core.Vm;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Heap;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Oracle
{
    /// <summary>
    /// The model as the guest calls it, with the oracle in between: every call goes to the bare model's guest ABI
    /// (<see cref="LosMemoryApi"/> over the <see cref="MemoryModel"/>) unchanged (same arguments, same result, same
    /// addresses) and the oracle records
    /// what it handed out and checks what comes back. Under <see cref="OracleOptions.Sanitize"/> heap calls are changed
    /// on purpose (redzones, quarantine, sampling: <see cref="HeapSanitizer"/>), and so are the frees of page blocks,
    /// contiguous pages and vmalloc areas and the aborts on what they unmapped (<see cref="PageSanitizer"/>).
    /// </summary>
    public sealed partial class OracleMemoryApi : ILosMemoryApi, IHookCallObserver
    {
        private const uint DfsrWnR = 1u << 11;
        private readonly CallSiteReader sites;
        private readonly HeapSanitizer? sanitizer;
        private readonly PageSanitizer? pages;
        private HookCall? current;
        private CallSite? currentSite;

        /// <param name="sites">Null: call sites are not read (a model driven without a CPU, as in unit tests).</param>
        public OracleMemoryApi(MemoryModel manager, MemoryOracle oracle, CallSiteReader sites)
        {
            Manager = manager;
            Bare = new LosMemoryApi(manager);
            Oracle = oracle;
            this.sites = sites;
            if (oracle.Options.Sanitize)
            {
                pages = new PageSanitizer(manager, oracle);
                sanitizer = new HeapSanitizer(manager, oracle, pages);
            }
        }

        /// <summary>The typed model, for what the oracle reads and changes itself (the heap's shadow, pages, KernelMalloc).</summary>
        public MemoryModel Manager { get; }

        /// <summary>The bare model as the guest calls it: where each call goes on.</summary>
        public LosMemoryApi Bare { get; }

        public MemoryOracle Oracle { get; }

        public uint SystemPool => Manager.SystemPool;

        public uint KernelTtbr1 => Manager.KernelTtbr1;

        public void OnHookCall(HookCall call)
        {
            current = call;
            currentSite = null;
        }

        /// <summary>Where the guest called from (read once per call, only when a block is allocated or freed).</summary>
        private CallSite Site()
        {
            if (currentSite == null)
            {
                currentSite = current == null || sites == null ? CallSite.At(0) : sites.Read(current.Cpu);
            }
            return currentSite;
        }

        /// <summary>hr_leak_mark / `mm LeakMark`: allocations before now are left out of the leak report.</summary>
        public void Mark() => Oracle.Mark();

        /// <summary>
        /// The checks of the end of a run (hr_exit, or on demand): every heap header against its shadow, and under
        /// --sanitize every redzone and quarantined block. Findings go to the oracle.
        /// </summary>
        public void CheckAtExit()
        {
            CheckHeapHeaders(null, "exit");
            sanitizer?.CheckAll();
        }

        // ---- los_memory.h -------------------------------------------------------------------------------------

        public uint LOS_MemAlloc(uint pool, uint size)
        {
            var r = sanitizer != null && pool == SystemPool
                ? sanitizer.Alloc(size, s => Bare.LOS_MemAlloc(pool, s))
                : Bare.LOS_MemAlloc(pool, size);
            return Allocated(AllocationKind.Heap, r, size, nameof(LOS_MemAlloc));
        }

        public uint LOS_MemAllocAlign(uint pool, uint size, uint boundary)
        {
            var r = sanitizer != null && pool == SystemPool
                ? sanitizer.Alloc(size, s => Bare.LOS_MemAllocAlign(pool, s, boundary), boundary)
                : Bare.LOS_MemAllocAlign(pool, size, boundary);
            return Allocated(AllocationKind.Heap, r, size, nameof(LOS_MemAllocAlign));
        }

        public uint LOS_MemRealloc(uint pool, uint ptr, uint size)
        {
            if (ptr == 0 && sanitizer != null && pool == SystemPool)
            {
                return Allocated(AllocationKind.Heap, sanitizer.Alloc(size, s => Bare.LOS_MemAlloc(pool, s)), size, nameof(LOS_MemRealloc));
            }
            if (ptr == 0 || pool != SystemPool)
            {
                CheckPool(pool, ptr, nameof(LOS_MemRealloc));
                var fresh = Bare.LOS_MemRealloc(pool, ptr, size);
                return Allocated(AllocationKind.Heap, fresh, size, nameof(LOS_MemRealloc));
            }
            var block = Oracle.CheckFree(ptr, nameof(LOS_MemRealloc), Site(), AllocationKind.Heap);
            if (sanitizer != null && block != null)
            {
                return sanitizer.Realloc(block, size, nameof(LOS_MemRealloc), s => Bare.LOS_MemAlloc(pool, s), Site());
            }
            if (sanitizer != null && sanitizer.IsQuarantined(ptr))
            {
                return 0;
            }
            var r = Bare.LOS_MemRealloc(pool, ptr, size);
            return Reallocated(block, r, size, nameof(LOS_MemRealloc));
        }

        public uint LOS_MemFree(uint pool, uint ptr)
        {
            if (ptr == 0)
            {
                return Bare.LOS_MemFree(pool, ptr);
            }
            if (!CheckPool(pool, ptr, nameof(LOS_MemFree)))
            {
                return Bare.LOS_MemFree(pool, ptr);
            }
            var block = Oracle.CheckFree(ptr, nameof(LOS_MemFree), Site(), AllocationKind.Heap);
            if (sanitizer != null)
            {
                if (block != null)
                {
                    sanitizer.Free(block, nameof(LOS_MemFree), Site());
                    return LosReturn.Ok;
                }
                if (sanitizer.IsQuarantined(ptr))
                {
                    return LosReturn.Nok; // a double free the pool would have refused: the block is still held here
                }
            }
            var before = Manager.Heap.LastCorruption;
            var r = Bare.LOS_MemFree(pool, ptr);
            if (block != null && r == LosReturn.Ok)
            {
                Oracle.Freed(block, nameof(LOS_MemFree), Site());
            }
            else if (Manager.Heap.LastCorruption != before)
            {
                CheckHeapHeaders(Manager.Heap.LastCorruption, nameof(LOS_MemFree));
            }
            return r;
        }

        public uint LOS_MemPoolSizeGet(uint pool) => Bare.LOS_MemPoolSizeGet(pool);

        public uint LOS_MemTotalUsedGet(uint pool) => Bare.LOS_MemTotalUsedGet(pool);

        public uint LOS_MemIntegrityCheck(uint pool)
        {
            uint r;
            try
            {
                r = Bare.LOS_MemIntegrityCheck(pool);
            }
            catch (KernelPanicException)
            {
                // A broken node head: the kernel's LOS_Panic halts the run; the finding is recorded first.
                if (pool == SystemPool)
                {
                    CheckHeapHeaders(null, nameof(LOS_MemIntegrityCheck));
                }
                throw;
            }
            if (r != LosReturn.Ok && pool == SystemPool)
            {
                CheckHeapHeaders(null, nameof(LOS_MemIntegrityCheck));
            }
            return r;
        }

        // ---- los_vm_map.h: kernel allocations ------------------------------------------------------------------

        public uint LOS_KernelMalloc(uint size)
        {
            var r = sanitizer != null && !Manager.KernelMalloc.OsMemLargeAlloc(size)
                ? sanitizer.Alloc(size, Manager.LOS_KernelMalloc)
                : Bare.LOS_KernelMalloc(size);
            return Allocated(KernelKind(r), r, size, nameof(LOS_KernelMalloc));
        }

        public uint LOS_KernelMallocAlign(uint size, uint boundary) => KernelMallocAlign(size, boundary, nameof(LOS_KernelMallocAlign));

        /// <summary>LOS_KernelMallocAlign as <paramref name="api"/> calls it (itself, or LOS_DmaMemAlloc), so findings name what the guest called.</summary>
        private uint KernelMallocAlign(uint size, uint boundary, string api)
        {
            var r = sanitizer != null && !Manager.KernelMalloc.OsMemLargeAlloc(size)
                ? sanitizer.Alloc(size, s => Bare.LOS_KernelMallocAlign(s, boundary), boundary)
                : Bare.LOS_KernelMallocAlign(size, boundary);
            return Allocated(KernelKind(r), r, size, api);
        }

        public uint LOS_KernelRealloc(uint ptr, uint size)
        {
            if (ptr == 0)
            {
                return LOS_KernelMalloc(size);
            }
            var block = Oracle.CheckFree(ptr, nameof(LOS_KernelRealloc), Site(), AllocationKind.Heap, AllocationKind.PageBlock);
            if (sanitizer != null && block != null && block.Kind == AllocationKind.Heap)
            {
                // A heap node is LOS_MemRealloc'd whatever the new size (los_vm_map.c LOS_KernelRealloc): never pages.
                return sanitizer.Realloc(block, size, nameof(LOS_KernelRealloc), s => Bare.LOS_MemAlloc(SystemPool, s), Site());
            }
            if (sanitizer != null && sanitizer.IsQuarantined(ptr))
            {
                return 0;
            }
            var r = pages == null || block == null || block.Kind != AllocationKind.PageBlock
                ? Bare.LOS_KernelRealloc(ptr, size)
                : Manager.LOS_KernelRealloc(ptr, size, (old, nPages) =>
                {
                    // The moved page block is held like a freed one: unmapped until it leaves the quarantine.
                    sanitizer?.FreePageBlock(block, nameof(LOS_KernelRealloc), Site());
                    pages.FreePages(block, old, (uint)nPages, () => Manager.KernelMalloc.LOS_KernelFree(old));
                    return true;
                });
            if (r != 0)
            {
                sanitizer?.Forget(ptr);
            }
            return Reallocated(block, r, size, nameof(LOS_KernelRealloc));
        }

        public void LOS_KernelFree(uint ptr) => KernelFree(ptr, nameof(LOS_KernelFree));

        /// <summary>LOS_KernelFree as <paramref name="api"/> calls it (itself, or LOS_DmaMemFree), so findings name what the guest called.</summary>
        private void KernelFree(uint ptr, string api)
        {
            if (ptr == 0)
            {
                Bare.LOS_KernelFree(ptr);
                return;
            }
            var block = Oracle.CheckFree(ptr, api, Site(), AllocationKind.Heap, AllocationKind.PageBlock);
            if (sanitizer != null)
            {
                if (block != null && block.Kind == AllocationKind.Heap)
                {
                    sanitizer.Free(block, api, Site());
                    return;
                }
                if (block != null && block.Kind == AllocationKind.PageBlock)
                {
                    // The page block stays allocated, unmapped, until it leaves the quarantine.
                    sanitizer.FreePageBlock(block, api, Site());
                    Oracle.Freed(block, api, Site());
                    // pages is made together with sanitizer.
                    pages!.FreePages(block, ptr, VmZone.RoundUp(block.Size, VmZone.PageSize) >> VmZone.PageShift,
                        () => Manager.KernelMalloc.LOS_KernelFree(ptr));
                    return;
                }
                if (sanitizer.IsQuarantined(ptr))
                {
                    return;
                }
            }
            var before = Manager.Heap.LastCorruption;
            var r = Manager.KernelMalloc.LOS_KernelFree(ptr);
            if (r == LosReturn.Ok)
            {
                sanitizer?.Forget(ptr);
            }
            if (block != null && r == LosReturn.Ok)
            {
                Oracle.Freed(block, api, Site());
            }
            else if (Manager.Heap.LastCorruption != before)
            {
                CheckHeapHeaders(Manager.Heap.LastCorruption, api);
            }
        }

        public uint LOS_VMalloc(uint size) => Allocated(AllocationKind.Vmalloc, Bare.LOS_VMalloc(size), size, nameof(LOS_VMalloc));

        public void LOS_VFree(uint addr)
        {
            var block = addr == 0 ? null : Oracle.CheckFree(addr, nameof(LOS_VFree), Site(), AllocationKind.Vmalloc);
            if (pages != null && pages.IsQuarantined(addr))
            {
                return; // its placeholder keeps the VA; the model has freed the area already
            }
            Bare.LOS_VFree(addr);
            if (block != null)
            {
                Oracle.Freed(block, nameof(LOS_VFree), Site());
                pages?.HoldVmallocRange(block);
            }
        }

        // ---- spaces, regions, syscalls: not allocations the oracle follows ------------------------------------

        public uint LOS_GetKVmSpace() => Bare.LOS_GetKVmSpace();

        public uint OsCreateUserVmSpace() => Bare.OsCreateUserVmSpace();

        public int LOS_VmSpaceFree(uint space) => Bare.LOS_VmSpaceFree(space);

        public int LOS_VmSpaceClone(uint cloneFlags, uint oldSpace, uint newSpace) => Bare.LOS_VmSpaceClone(cloneFlags, oldSpace, newSpace);

        public uint LOS_RegionAlloc(uint space, uint vaddr, uint len, uint regionFlags, uint pgoff) =>
            Bare.LOS_RegionAlloc(space, vaddr, len, regionFlags, pgoff);

        public int LOS_RegionFree(uint space, uint region) => Bare.LOS_RegionFree(space, region);

        public uint LOS_PaddrQuery(uint vaddr) => Bare.LOS_PaddrQuery(vaddr);

        public uint LOS_MMap(uint vaddr, uint len, uint prot, uint flags, int fd, uint pgoff) =>
            Bare.LOS_MMap(vaddr, len, prot, flags, fd, pgoff);

        public int LOS_UnMMap(uint addr, uint size) => Bare.LOS_UnMMap(addr, size);

        public uint LOS_DoBrk(uint addr) => Bare.LOS_DoBrk(addr);

        public int LOS_DoMprotect(uint vaddr, uint len, uint prot) => Bare.LOS_DoMprotect(vaddr, len, prot);

        public uint LOS_DoMremap(uint oldAddress, uint oldSize, uint newSize, int flags, uint newAddr) =>
            Bare.LOS_DoMremap(oldAddress, oldSize, newSize, flags, newAddr);

        public uint ShmInit() => Bare.ShmInit();

        public uint ShmDeinit() => Bare.ShmDeinit();

        public int ShmGet(int key, uint size, int shmflg) => Bare.ShmGet(key, size, shmflg);

        public uint ShmAt(int shmid, uint shmaddr, int shmflg) => Bare.ShmAt(shmid, shmaddr, shmflg);

        public int ShmCtl(int shmid, int cmd, uint buf) => Bare.ShmCtl(shmid, cmd, buf);

        public int ShmDt(uint shmaddr) => Bare.ShmDt(shmaddr);

        public uint OsGetRndOffset(int randomDevFD) => Bare.OsGetRndOffset(randomDevFD);

        public uint OsStackAlloc(uint space, uint vaddr, uint vsize, uint psize, uint regionFlags) =>
            Bare.OsStackAlloc(space, vaddr, vsize, psize, regionFlags);

        public uint OsExecProcessVmSpaceReplace(uint newSpace, uint stackBase, int randomDevFD) =>
            Bare.OsExecProcessVmSpaceReplace(newSpace, stackBase, randomDevFD);

        public uint OsGetKernelVaddr(uint space, uint vaddr, out uint kvaddr) => Bare.OsGetKernelVaddr(space, vaddr, out kvaddr);

        public int LOS_VaddrToPaddrMmap(uint space, uint vaddr, uint paddr, uint len, uint flags) =>
            Bare.LOS_VaddrToPaddrMmap(space, vaddr, paddr, len, flags);

        public int LOS_ArchMmuMap(uint archMmu, uint vaddr, uint paddr, uint count, uint flags) =>
            Bare.LOS_ArchMmuMap(archMmu, vaddr, paddr, count, flags);

        public int LOS_ArchMmuUnmap(uint archMmu, uint vaddr, uint count) => Bare.LOS_ArchMmuUnmap(archMmu, vaddr, count);

        public int LOS_ArchMmuQuery(uint archMmu, uint vaddr, out uint? paddr, out uint? flags) =>
            Bare.LOS_ArchMmuQuery(archMmu, vaddr, out paddr, out flags);

        public uint LOS_ArchMmuChangeProt(uint archMmu, uint vaddr, uint count, uint flags) =>
            Bare.LOS_ArchMmuChangeProt(archMmu, vaddr, count, flags);

        public uint LOS_ArchMmuMove(uint archMmu, uint oldVaddr, uint newVaddr, uint count, uint flags) =>
            Bare.LOS_ArchMmuMove(archMmu, oldVaddr, newVaddr, count, flags);

        // ---- DMA: kernel allocations made through this API, so the oracle follows them as LOS_KernelMallocAlign blocks

        private VmIomap? iomap;

        private VmIomap Iomap => iomap ?? (iomap = new VmIomap(
            (size, boundary) => KernelMallocAlign(size, boundary, nameof(LOS_DmaMemAlloc)), ptr => KernelFree(ptr, nameof(LOS_DmaMemFree)),
            LOS_PaddrQuery, Manager.Log));

        public uint LOS_DmaMemAlloc(uint size, uint align, uint type, out uint dmaAddr) => Iomap.LOS_DmaMemAlloc(size, align, (DmaMemType)type, out dmaAddr);

        public void LOS_DmaMemFree(uint vaddr) => Iomap.LOS_DmaMemFree(vaddr);

        public uint LOS_DmaVaddrToPaddr(uint vaddr) => Iomap.LOS_DmaVaddrToPaddr(vaddr);

        // ---- pages ----------------------------------------------------------------------------------------------

        public uint LOS_PhysPageAlloc() =>
            Allocated(AllocationKind.Page, Bare.LOS_PhysPageAlloc(), VmZone.PageSize, nameof(LOS_PhysPageAlloc));

        public void LOS_PhysPageFree(uint page)
        {
            if (page != 0)
            {
                var block = Oracle.LiveAt(page);
                var item = Bare.PageOf(page);
                if (item != null && Manager.Phys.IsFree(item))
                {
                    // The model refuses it (LOS_PhysPageFree: already free); the oracle names the frees involved.
                    ReportPageDoubleFree(page, nameof(LOS_PhysPageFree));
                }
                else if (pages != null && pages.IsQuarantined(page))
                {
                    // Freed once and held: to the kernel the page would be free already. Nothing more is freed.
                    ReportPageDoubleFree(page, nameof(LOS_PhysPageFree));
                    return;
                }
                else if (block != null && block.Kind == AllocationKind.Page && item != null && item.RefCounts <= 1)
                {
                    Oracle.Freed(block, nameof(LOS_PhysPageFree), Site());
                    if (pages != null)
                    {
                        // The last reference: the page leaves the linear map and waits in the quarantine; the model
                        // frees it when it leaves (LOS_PhysPageFree then drops the reference and frees at order 0).
                        pages.FreePage(block, Manager.Phys.PageToKernelVa(item), () => Bare.LOS_PhysPageFree(page));
                        return;
                    }
                }
            }
            Bare.LOS_PhysPageFree(page);
        }

        public uint LOS_PhysPagesAllocContiguous(uint nPages) =>
            Allocated(AllocationKind.ContiguousPages, Bare.LOS_PhysPagesAllocContiguous(nPages), nPages * VmZone.PageSize,
                nameof(LOS_PhysPagesAllocContiguous));

        public void LOS_PhysPagesFreeContiguous(uint ptr, uint nPages)
        {
            if (ptr != 0)
            {
                var head = Manager.Phys.LOS_VmPageGet(Bare.LOS_PaddrQuery(ptr));
                if (head != null && Manager.Phys.IsFree(head))
                {
                    ReportPageDoubleFree(ptr, nameof(LOS_PhysPagesFreeContiguous));
                }
                else
                {
                    var block = Oracle.CheckFree(ptr, nameof(LOS_PhysPagesFreeContiguous), Site(), AllocationKind.ContiguousPages,
                        AllocationKind.PageBlock);
                    if (block != null)
                    {
                        sanitizer?.FreePageBlock(block, nameof(LOS_PhysPagesFreeContiguous), Site());
                        Oracle.Freed(block, nameof(LOS_PhysPagesFreeContiguous), Site());
                        if (pages != null && nPages > 0 && nPages <= VmZone.RoundUp(block.Size, VmZone.PageSize) >> VmZone.PageShift)
                        {
                            pages.FreePages(block, ptr, nPages, () => Bare.LOS_PhysPagesFreeContiguous(ptr, nPages));
                            return;
                        }
                    }
                    else if (pages != null && pages.IsQuarantined(ptr))
                    {
                        return; // still held: the pages are not the allocator's to free again
                    }
                }
            }
            Bare.LOS_PhysPagesFreeContiguous(ptr, nPages);
        }

        public uint LOS_VmPageGet(uint paddr) => Bare.LOS_VmPageGet(paddr);

        /// <summary>LOS_PhysPagesAlloc: each page the list gained is followed like a page of LOS_PhysPageAlloc.</summary>
        public uint LOS_PhysPagesAlloc(uint nPages, uint list)
        {
            var count = Bare.LOS_PhysPagesAlloc(nPages, list);
            if (count > 0)
            {
                var nodes = Manager.GuestListPages(list);
                for (var i = System.Math.Max(0, nodes.Count - (int)count); i < nodes.Count; i++)
                {
                    Allocated(AllocationKind.Page, nodes[i], VmZone.PageSize, nameof(LOS_PhysPagesAlloc));
                }
            }
            return count;
        }

        /// <summary>
        /// LOS_PhysPagesFree: a page whose last reference the list held is freed, as by LOS_PhysPageFree; under
        /// --sanitize it is unlinked now and held like a single page.
        /// </summary>
        public uint LOS_PhysPagesFree(uint list)
        {
            // Only --sanitize holds pages, so only it needs to know which ones this call frees.
            var freedNow = pages == null ? null : new Dictionary<uint, TrackedBlock>();
            if (list != 0)
            {
                foreach (var node in Manager.GuestListPages(list))
                {
                    var item = Bare.PageOf(node);
                    var block = Oracle.LiveAt(node);
                    if (item != null && !Manager.Phys.IsFree(item) && item.RefCounts <= 1 && block != null && block.Kind == AllocationKind.Page)
                    {
                        Oracle.Freed(block, nameof(LOS_PhysPagesFree), Site());
                        if (freedNow != null)
                        {
                            freedNow[node] = block;
                        }
                    }
                }
            }
            if (pages == null || freedNow == null)
            {
                return Bare.LOS_PhysPagesFree(list);
            }
            return Manager.LOS_PhysPagesFree(list, (page, node) =>
            {
                if (pages.IsQuarantined(node))
                {
                    // Linked again while held: to the kernel the page is free already; it stays held, nothing is freed.
                    ReportPageDoubleFree(node, nameof(LOS_PhysPagesFree));
                    return true;
                }
                if (!freedNow.TryGetValue(node, out var block))
                {
                    return false;
                }
                pages.FreePage(block, Manager.Phys.PageToKernelVa(page), () => Bare.LOS_PhysPageFree(node));
                return true;
            });
        }

        public Mmu.MmuRegisters ActivateSpace(uint space) => Bare.ActivateSpace(space);

        public int OsArmSharedPageFault(bool prefetch, uint fsr, uint far, uint interruptedCpsr)
        {
            if (pages != null && pages.OnFault(prefetch, fsr, far, current == null ? 0 : current.Arg(2), interruptedCpsr, FaultSite()))
            {
                return 0; // reported, and the page is mapped again: the access is retried
            }
            var status = Bare.OsArmSharedPageFault(prefetch, fsr, far, interruptedCpsr);
            if (status != 0 && !LosMemoryApi.IsUserMode(interruptedCpsr))
            {
                var block = Oracle.FreedContaining(far, AllocationKind.Vmalloc, AllocationKind.PageBlock, AllocationKind.ContiguousPages);
                if (block != null)
                {
                    var pc = current == null ? 0 : current.Arg(2);
                    Oracle.Report(new Finding
                    {
                        Kind = FindingKind.UseAfterFree, Address = far, Size = block.Size, Pc = CallSite.At(pc),
                        Api = prefetch ? "prefetch abort" : "data abort", BlockAddress = block.Address,
                        AllocSite = block.AllocSite, AllocApi = block.AllocApi, FreeSite = block.FreeSite, FreeApi = block.FreeApi,
                        IsWrite = prefetch ? (bool?)false : (fsr & DfsrWnR) != 0,
                        Detail = $"{far - block.Address} bytes into a freed {block.Size}-byte {MemoryOracle.Describe(block.Kind)}",
                    });
                }
            }
            return status;
        }

        // ---- helpers --------------------------------------------------------------------------------------------

        private uint Allocated(AllocationKind kind, uint address, uint size, string api)
        {
            if (address != 0)
            {
                Oracle.Allocated(kind, address, size, api, Site());
            }
            return address;
        }

        private uint Reallocated(TrackedBlock? old, uint address, uint size, string api)
        {
            if (address == 0)
            {
                return 0; // LiteOS-A keeps the old block on failure
            }
            if (old != null)
            {
                if (address == old.Address)
                {
                    Oracle.Forget(old);
                }
                else
                {
                    Oracle.Freed(old, api, Site());
                }
                return Allocated(old.Kind == AllocationKind.PageBlock ? KernelKind(address) : old.Kind, address, size, api);
            }
            return Allocated(KernelKind(address), address, size, api);
        }

        private AllocationKind KernelKind(uint address) =>
            Manager.Heap.OsMemIsHeapNode(address) || (pages != null && pages.IsSampled(address)) ? AllocationKind.Heap : AllocationKind.PageBlock;

        /// <summary>The faulting PC (the abort's third argument), then its callers through the frame records.</summary>
        private CallSite FaultSite()
        {
            var pc = current == null ? 0 : current.Arg(2);
            return current == null || sites == null ? CallSite.At(pc) : sites.ReadAt(pc, current.Cpu);
        }

        private bool CheckPool(uint pool, uint ptr, string api)
        {
            if (pool == SystemPool)
            {
                return true;
            }
            var block = Oracle.LiveAt(ptr);
            Oracle.Report(new Finding
            {
                Kind = FindingKind.InvalidFree, Address = ptr, Size = block?.Size ?? 0, Pc = Site(), Api = api,
                BlockAddress = block?.Address, AllocSite = block?.AllocSite, AllocApi = block?.AllocApi,
                Detail = $"wrong pool 0x{pool:x8} (the system pool is 0x{SystemPool:x8})",
            });
            return false;
        }

        private void ReportPageDoubleFree(uint address, string api)
        {
            var previous = Oracle.FreedAt(address);
            Oracle.Report(new Finding
            {
                Kind = FindingKind.PageDoubleFree, Address = address, Size = previous?.Size ?? VmZone.PageSize, Pc = Site(),
                Api = api, BlockAddress = previous?.Address, AllocSite = previous?.AllocSite, AllocApi = previous?.AllocApi,
                FreeSite = previous?.FreeSite, FreeApi = previous?.FreeApi,
                Detail = previous != null ? $"already freed by {previous.FreeApi}" : "the page is already free",
            });
        }

        /// <summary>
        /// A guest write over heap headers: every broken node not reported yet becomes a heap-overflow finding on the
        /// live block before it. <paramref name="known"/> is what the failed free found (null: check the whole pool).
        /// </summary>
        private void CheckHeapHeaders(HeapCorruption? known, string detectedBy)
        {
            var broken = known != null ? new[] { known } : (System.Collections.Generic.IEnumerable<HeapCorruption>)Manager.Heap.CheckIntegrity();
            foreach (var c in broken)
            {
                if (!Oracle.FirstReportOfHeader(c.Node))
                {
                    continue;
                }
                var block = c.Node == Manager.Heap.Pool ? null : Oracle.HeapBlockBefore(c.Node);
                Oracle.Report(new Finding
                {
                    Kind = FindingKind.HeapOverflow, Address = c.Address, Size = block?.Size ?? 0,
                    Pc = current == null || detectedBy == "exit" ? CallSite.At(0) : Site(), Api = detectedBy,
                    BlockAddress = block?.Address, AllocSite = block?.AllocSite, AllocApi = block?.AllocApi,
                    IsWrite = true, AccessSize = 4,
                    Detail = $"node 0x{c.Node:x8} {c.Field} is 0x{c.Actual:x8}, the allocator wrote 0x{c.Expected:x8}" +
                        (block != null ? $" ({c.Address - block.Address} bytes after the start of the {block.Size}-byte block before it)" : ""),
                });
            }
        }
    }
}
