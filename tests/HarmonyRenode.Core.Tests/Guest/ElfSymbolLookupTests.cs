using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Session;
using HarmonyRenode.Core.Guest;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest
{
    public class ElfSymbolLookupTests
    {
        [Test]
        public void Symbols_from_an_engine_lookup_keep_only_what_it_knows()
        {
            var known = new Dictionary<string, uint> { ["g_hrConfig"] = 0x40010000, ["LOS_MemAlloc"] = 0x40001000 };

            var symbols = ElfSymbols.FromLookup(0x40000000, new[] { "g_hrConfig", "LOS_MemAlloc", "LOS_VMalloc" },
                name => known.TryGetValue(name, out var a) ? a : (uint?)null);

            Assert.That(symbols.Entry, Is.EqualTo(0x40000000));
            Assert.That(symbols.AddressOf("g_hrConfig"), Is.EqualTo(0x40010000));
            Assert.That(symbols.AddressOf("LOS_MemAlloc"), Is.EqualTo(0x40001000));
            Assert.That(symbols.Contains("LOS_VMalloc"), Is.False);
        }

        /// <summary>firmware/ABI.md, "Replaced functions" and "Host calls of the runtime", written out by hand.</summary>
        private static readonly string[] DocumentedHookedFunctions =
        {
            "LOS_MemAlloc", "LOS_MemAllocAlign", "LOS_MemRealloc", "LOS_MemFree", "LOS_MemPoolSizeGet", "LOS_MemTotalUsedGet",
            "LOS_MemIntegrityCheck", "LOS_MemInit", "LOS_MemDeInit", "LOS_MemPoolList", "LOS_MemExpandEnable", "LOS_MemInfoGet",
            "LOS_MemFreeNodeShow",
            "LOS_KernelMalloc", "LOS_KernelMallocAlign", "LOS_KernelRealloc", "LOS_KernelFree", "LOS_VMalloc", "LOS_VFree",
            "LOS_GetKVmSpace", "OsCreateUserVmSpace", "LOS_VmSpaceFree", "LOS_VmSpaceClone", "LOS_RegionAlloc", "LOS_RegionFree",
            "LOS_PaddrQuery", "LOS_CurrSpaceGet", "LOS_SpaceGet", "LOS_GetVmallocSpace", "LOS_GetVmSpaceList", "LOS_RegionFind", "LOS_RegionRangeFind",
            "LOS_IsRangeInSpace", "LOS_VmSpaceReserve",
            "LOS_MMap", "LOS_UnMMap", "LOS_DoBrk", "LOS_DoMprotect", "LOS_DoMremap",
            "ShmInit", "ShmDeinit", "ShmGet", "ShmAt", "ShmCtl", "ShmDt",
            "OsGetRndOffset", "OsStackAlloc", "OsExecProcessVmSpaceReplace", "OsGetKernelVaddr",
            "LOS_PhysPageAlloc", "LOS_PhysPageFree", "LOS_PhysPagesAllocContiguous", "LOS_PhysPagesFreeContiguous", "LOS_VmPageGet",
            "LOS_PaddrToKVaddr", "LOS_PhysPagesAlloc", "LOS_PhysPagesFree", "LOS_VaddrToPaddrMmap",
            "LOS_ArchMmuMap", "LOS_ArchMmuUnmap", "LOS_ArchMmuQuery", "LOS_ArchMmuChangeProt", "LOS_ArchMmuMove",
            "LOS_DmaMemAlloc", "LOS_DmaMemFree", "LOS_DmaVaddrToPaddr",
            "hr_vm_space_activate", "hr_data_abort_host", "hr_prefetch_abort_host", "hr_leak_mark",
        };

        /// <summary>firmware/ABI.md, "Image layout" and "Stubs the host resumes through".</summary>
        private static readonly string[] DocumentedAbiData =
        {
            "__text_start", "__text_end", "__rodata_start", "__rodata_end", "__ram_data_start", "__ram_data_end", "__bss_start",
            "__bss_end", "g_firstPageTable", "g_hrConfig", "m_aucSysMem0", "m_aucSysMem1", "g_kVmSpace", "g_vMallocSpace", "g_vmSpaceList",
            "g_hrTlbFlushes",
            "hr_tlb_flush_return", "hr_exit", "hr_exit_host", "g_hrMailbox", "hr_hypercall_table", "hr_hypercall_table_thumb",
            "g_hrExpectedFault", // "Expected faults": optional
            "g_hrErrno", // "System V shared memory": optional
        };

        [Test]
        public void The_hook_table_replaces_exactly_the_functions_the_ABI_documents()
        {
            Assert.That(LosMemoryHooks.SymbolNames, Is.EquivalentTo(DocumentedHookedFunctions));
        }

        [Test]
        public void The_names_an_engine_must_look_up_are_the_documented_functions_and_ABI_symbols()
        {
            var names = LiteOsGuestSession.SymbolNames.ToList();

            Assert.That(names, Is.Unique);
            Assert.That(names, Is.EquivalentTo(DocumentedHookedFunctions.Concat(DocumentedAbiData)));
        }
    }
}
