#!/usr/bin/env python3
"""Regenerates docs/kernel-index.md from the core's source: every method named after a kernel function (LOS_*, Os*)
or whose summary starts with one, plus the kernel functions that comments cite. Run from the repository root."""
import os, re, sys

ROOT = 'plugin/HarmonyRenode.Core'
SKIP = ('/obj', '/bin', '/Reporting')

# Which kernel_liteos_a file defines each function (checked against the kernel sources).
FILES = {
    'los_vm_phys.c': 'LOS_PhysPageAlloc LOS_PhysPagesAlloc LOS_PhysPagesAllocContiguous LOS_PhysPagesFreeContiguous '
        'LOS_PhysPageFree LOS_PhysPagesFree LOS_VmPageGet OsVmPaddrToPage OsVmPagesToOrder OsVmPhysLargeAlloc '
        'OsVmPhysPagesFree OsVmPhysPagesFreeContiguous OsVmPhysPagesGet OsVmPhysPagesSpiltUnsafe OsVmRecycleExtraPages '
        'OsPhysSharePageCopy OsVmPageToVaddr OsVmVaddrToPage OsKVaddrToPaddr LOS_PaddrToKVaddr OsVmPhysDump '
        'OsVmPhysUsedInfoGet OsVmPhysPagesAlloc OsVmPhysFreeListAddUnsafe OsVmPhysFreeListDelUnsafe OsVmPhysToPage',
    'los_vm_page.c': 'OsVmPageStartup',
    'los_vm_iomap.c': 'LOS_DmaMemAlloc LOS_DmaMemFree LOS_DmaVaddrToPaddr',
    'los_list.h': 'LOS_ListTailInsert LOS_ListDelete',
    'los_vm_boot.c': 'OsSysMemInit OsVmBootMemAlloc',
    'los_vm_map.c': 'LOS_KernelMalloc LOS_KernelMallocAlign LOS_KernelFree LOS_KernelRealloc OsMemLargeAlloc '
        'OsMemLargeNodeFree LOS_CurrSpaceGet LOS_SpaceGet LOS_GetKVmSpace LOS_GetVmallocSpace LOS_IsRangeInSpace '
        'LOS_VmSpaceReserve LOS_VmSpaceFree LOS_VmSpaceClone LOS_RegionAlloc LOS_RegionFind LOS_RegionRangeFind '
        'LOS_RegionFree LOS_RegionEndAddr LOS_VMalloc LOS_VFree LOS_VaddrToPaddrMmap LOS_PaddrQuery OsAllocRange '
        'OsAllocSpecificRange OsAnonPagesRemove OsDevPagesRemove OsCreateRegion OsCreateUserVmSpace OsFindRegion '
        'OsInsertRegion OsIsRegionCanExpand OsRegionRbCmpKeyFn OsRegionsRemove OsUnMMap OsUserHeapFree '
        'OsVmRegionAdjust OsVmRegionDup OsVmRegionSplit OsVmSpaceAllRegionFree OsVmSpaceRegionFree OsUserVmSpaceInit '
        'OsKernVmSpaceInit OsVMallocSpaceInit OsKSpaceInit OsIsVmRegionEmpty LOS_GetVmSpaceList OsVmSpaceInitCommon',
    'los_vm_syscall.c': 'LOS_MMap LOS_UnMMap LOS_DoBrk LOS_DoMprotect LOS_DoMremap OsCheckMMapParams '
        'OsCvtProtFlagsToRegionFlags OsInheritOldRegionName OsMremapCheck OsShrinkHeap OsAnonMMap',
    'los_vm_fault.c': 'OsVmPageFaultHandler OsVmRegionPermissionCheck OsFaultTryFixup OsDoReadFault',
    'los_vm_dump.c': 'OsArchFlagsToStr OsCountRegionPages OsGetRegionNameOrFilePath OsDumpAspace OsDumpRegion2',
    'los_memory.c': 'LOS_MemAlloc LOS_MemAllocAlign LOS_MemFree LOS_MemRealloc LOS_MemInit LOS_MemExpandEnable '
        'LOS_MemFreeNodeShow LOS_MemInfoGet LOS_MemIntegrityCheck LOS_MemPoolSizeGet LOS_MemTotalUsedGet OsMemAlloc '
        'OsMemFree OsMemRealloc OsMemCheckUsedNode OsMemFFS OsMemFLS OsMemFindNextSuitableBlock OsMemFreeListIndexGet '
        'OsMemFreeNodeGet OsMemInfoPrint OsMemIsHeapNode OsMemListAdd OsMemListDelete OsMemMergeNode '
        'OsMemNotEmptyIndexGet OsMemPoolExpand OsMemPoolExpandSub OsMemPoolInit OsMemSentinelNodeSet OsMemSplitNode '
        'OsKHeapInit LOS_MemDeInit LOS_MemPoolList OsMemIntegrityCheck OsMemIntegrityCheckError OsMemPoolAdd OsMemPoolDeInit OsMemPoolDelete OsMemPoolHeadCheck OsGetRealPtr OsMemFindCurSuitableBlock OsMemMergeNodeForReAllocBigger OsMemReAllocSmaller OsTryShrinkMemory '
        'OsMemClearFreeListBit OsMemSetFreeListBit OsMemFlGet OsMemSlGet OsMemFreeNodeAdd OsMemFreeNodeDelete '
        'OsMemIsLastSentinelNode OsMemLastSentinelNodeGet',
    'los_arch_mmu.c': 'LOS_ArchMmuChangeProt LOS_ArchMmuContextSwitch LOS_ArchMmuDestroy LOS_ArchMmuMap LOS_ArchMmuMove '
        'LOS_ArchMmuQuery LOS_ArchMmuUnmap OsArchMmuInit OsArchMmuInitPerCPU OsCvtPte2AttsToFlags OsCvtPte2FlagsToAttrs '
        'OsCvtSecAttsToFlags OsCvtSecFlagsToAttrs OsGetL2Table OsPutL2Table OsMapL1PTE OsMapL2PageContinous OsMapSection '
        'OsMapParamCheck OsTryUnmapL1PTE OsUnmapL2PTE OsUnmapL1Invalid OsSetKSectionAttr OsInitMappingStartUp '
        'OsKSectionNewAttrEnable OsSwitchTmpTTB',
    'los_pte_ops.h': 'OsSavePte1 OsClearPte1 OsGetPte1Index OsGetPte2Index OsSavePte2Continuous OsIsPte2SmallPage '
        'OsIsPte2SmallPageXN',
    'los_tlb_v6.h': 'OsArmInvalidateTlbBarrier',
    'los_asid.c': 'OsAllocAsid OsFreeAsid',
    'los_exc.c': 'OsArmSharedPageFault OsDecodeFS OsDecodeDataFSR OsDecodeInstructionFSR OsExcHandleEntry OsExcType',
    'los_process.c': 'OsExecProcessVmSpaceReplace OsCurrProcessGet OsProcessExitCodeSignalSet LOS_GetUserID LOS_GetGroupID '
        'LOS_CheckInGroups',
    'los_load_elf.c': 'OsGetKernelVaddr OsGetRndOffset OsStackAlloc OsLoadELFFile',
    'los_rbtree.c': 'LOS_RbAddNode LOS_RbDelNode LOS_RbFirstNode LOS_RbGetNode LOS_RbSuccessorNode LOS_RbCreateWalk '
        'LOS_RbDestroyTree LOS_RbInitTree LOS_RbInsertOneNodeProcess',
    'shm.c': 'OsShmFork OsShmRegionFree OsIsShmRegion OsShmCBInit OsShmCBDestroy OsShmInfoCmd',
    'user_copy.c': 'LOS_ArchCopyToUser LOS_ArchCopyFromUser',
    'los_vm_map.h': 'LOS_IsUserAddressRange',
    'los_vm_filemap.h': 'OsSetPageShared OsCleanPageShared',
    'los_mux.c': 'LOS_MuxInit LOS_MuxAttrInit',
    'mempt_shellcmd.c': 'OsShellCmdFreeInfo OsShellCmdSectionInfo',
}
DIRS = {
    'los_vm_phys.c': 'kernel/base/vm', 'los_vm_page.c': 'kernel/base/vm', 'los_vm_boot.c': 'kernel/base/vm',
    'los_vm_iomap.c': 'kernel/base/vm', 'los_list.h': 'kernel/include',
    'los_vm_map.c': 'kernel/base/vm', 'los_vm_syscall.c': 'kernel/base/vm',
    'los_vm_fault.c': 'kernel/base/vm', 'los_vm_dump.c': 'kernel/base/vm', 'los_memory.c': 'kernel/base/mem/tlsf',
    'los_arch_mmu.c': 'arch/arm/arm/src', 'los_pte_ops.h': 'arch/arm/arm/include', 'los_tlb_v6.h': 'arch/arm/arm/include',
    'los_asid.c': 'arch/arm/arm/src', 'los_exc.c': 'arch/arm/arm/src', 'los_process.c': 'kernel/base/core',
    'los_load_elf.c': 'kernel/extended/dynload/src', 'los_rbtree.c': 'lib/libscrew/src', 'shm.c': 'kernel/base/vm',
    'user_copy.c': 'arch/arm/arm/src', 'los_vm_filemap.h': 'kernel/base/include', 'los_vm_map.h': 'kernel/base/include',
    'mempt_shellcmd.c': 'kernel/base/misc', 'los_mux.c': 'kernel/base/ipc',
}
FILE_OF = {f: k for k, v in FILES.items() for f in v.split()}
NOT_FUNCTIONS = {'LOS_ArchMmu', 'LOS_DL_LIST', 'LOS_DL_LIST_FOR_EACH_ENTRY_SAFE', 'LOS_ListAdd', 'LOS_MEM_POOL_STATUS',
                 'LOS_ListDelete', 'LOS_ListInit', 'LOS_NOK', 'LOS_OK', 'LOS_Panic', 'LOS_MODULE_INIT', 'LOS_INIT_LEVEL_VM_COMPLETE', 'LOS_RB_BLACK', 'LOS_RB_RED', 'OsCvt', 'OsError', 'OsPageFlags'}
# Summaries that mention a kernel function without reproducing it.
NOT_REPRODUCING = {('LOS_MemRealloc', 'MemoryOracle.Forget'), ('LOS_VmSpaceReserve', 'BootMappings.Apply')}

decl = re.compile(r'^\s*(?:(?:public|internal|private|protected|static|override|virtual|sealed|readonly|unsafe|new|'
                  r'partial|abstract)\s+)+[\w<>\[\],.? ]+?\s+(\w+)\s*(?:<[^>]*>)?\(')
typ = re.compile(r'\b(?:record\s+)?(class|struct|interface|record|enum)\s+(\w+)')
iface_decl = re.compile(r'^\s*[\w<>\[\],.?]+\s+(\w+)\s*\(')
kn = re.compile(r'\b(LOS_[A-Za-z0-9_]+|Os[A-Z][A-Za-z0-9_]+)\b')

methods, cited = {}, {}
for d, _, fs in os.walk(ROOT):
    if any(s in d for s in SKIP):
        continue
    for f in sorted(fs):
        if not f.endswith('.cs'):
            continue
        path = os.path.join(d, f)
        rel = os.path.relpath(path, ROOT)
        kind, cur, doc = None, None, []
        for line in open(path, encoding='utf-8'):
            s = line.strip()
            if '//' in s:
                for k in kn.findall(s[s.index('//'):]):
                    cited.setdefault(k, set()).add(rel)
            if s.startswith('///'):
                doc.append(s[3:].strip())
                continue
            if s.startswith('['):
                continue
            m = typ.search(line)
            if m and not s.startswith('//') and '(' not in line[:m.start()]:
                kind, cur, doc = m.group(1), m.group(2), []
                continue
            m = decl.match(line) or (kind == 'interface' and iface_decl.match(line))
            if m and cur:
                name = m.group(1)
                text = ' '.join(doc).replace('<summary>', '').replace('</summary>', '').strip()
                head = text.split(':')[0] if ':' in text[:80] else text.split('.')[0]
                names = set(kn.findall(head))
                if re.match(r'(LOS_|Os[A-Z])', name):
                    names.add(name)
                for k in names:
                    if (k, f'{cur}.{name}') not in NOT_REPRODUCING:
                        methods.setdefault(k, set()).add((f'{cur}.{name}', rel))
            doc = []

unknown = sorted(k for k in set(methods) | set(cited) if k not in FILE_OF and k not in NOT_FUNCTIONS)
if unknown:
    sys.exit('kernel file unknown for: ' + ' '.join(unknown))

out = ['# Kernel index', '',
       'Every kernel_liteos_a function the model reproduces, by kernel file, with the model type and method that does',
       'it (`Type.Method`, file under `plugin/HarmonyRenode.Core`). Methods that keep the kernel\'s name are the',
       'implementation, an entry point of the typed facade (`MemoryModel`), or the guest\'s entry point: the guest',
       'ABI over the facade (`LosMemoryApi`, `ILosMemoryApi`) and the oracle in front of it (`OracleMemoryApi`); the',
       'others carry a C# name and say which kernel function they are in their summary.',
       'Generated from the source by `scripts/kernel-index.py`; `KernelIndexTests` fails when a public core method',
       'named `LOS_*`/`Os*` is missing here.', '']
for kfile in sorted(FILES, key=lambda k: (DIRS[k], k)):
    rows = sorted(k for k in methods if FILE_OF.get(k) == kfile)
    if not rows:
        continue
    out += [f'## {DIRS[kfile]}/{kfile}', '', '| kernel function | model |', '|---|---|']
    for k in rows:
        cells = ', '.join(f'`{m}` ({p})' for m, p in sorted(methods[k]))
        out.append(f'| `{kfile}:{k}` | {cells} |')
    out.append('')
rest = sorted((k for k in cited if k not in methods and k not in NOT_FUNCTIONS), key=lambda k: (FILE_OF[k], k))
out += ['## Cited in comments', '',
        'Kernel functions whose behaviour is folded into a model method (named in a comment inside it, not after it):',
        '', '| kernel function | cited in |', '|---|---|']
for k in rest:
    kfile = FILE_OF[k]
    out.append(f'| `{kfile}:{k}` | {", ".join(sorted(cited[k]))} |')
out.append('')
open('docs/kernel-index.md', 'w').write('\n'.join(out))
