using System;
using System.Collections.Generic;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Events;

namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// What every ArchMmu shares: the page allocator its tables come from, guest RAM, the TLB port, the log, the
    /// ASID bitmap and the kernel table shadow (the kernel and vmalloc spaces use the same L1 table).
    /// </summary>
    public sealed class MmuContext
    {
        private readonly Dictionary<uint, TranslationTableShadow> kernelTables = new Dictionary<uint, TranslationTableShadow>();

        /// <summary>Zeroed L2 page shadows released by any table, reused by the next L2 page of any table.</summary>
        private readonly Stack<uint[]> spareL2Shadows = new Stack<uint[]>();

        public MmuContext(VmPhys phys, MemoryConfig config, IGuestMemory memory, ITlbMaintenance tlb, ILogSink log)
        {
            Phys = phys;
            Tlb = tlb;
            Memory = memory;
            Ram = phys.Ram;
            Log = log;
            Config = config;
        }

        public VmPhys Phys { get; }

        public IGuestMemory Memory { get; }

        public GuestRam Ram { get; }

        public ITlbMaintenance Tlb { get; }

        public ILogSink Log { get; }

        public MemoryConfig Config { get; }

        public AsidAllocator Asids { get; } = new AsidAllocator();

        /// <summary>Trace events of every ArchMmu of this context: map, unmap, protect (off unless a sink is attached).</summary>
        public MemoryEvents Events { get; set; } = new MemoryEvents();

        /// <summary>The first kernel ArchMmu created (g_kVmSpace.archMmu): its table is the one TTBR1 holds.</summary>
        public ArchMmu? KernelMmu { get; private set; }

        /// <summary>
        /// OsArchMmuInit on the 16 KiB kernel table: the first call makes the kernel space's MMU (ASID 0), a second one on
        /// the same table the vmalloc space's (ASID 1). Null when no ASID is left.
        /// </summary>
        public ArchMmu? CreateKernelMmu(uint l1TableKva)
        {
            if (!TryAllocAsid(out var asid))
            {
                return null;
            }
            var physTtb = Config.KernelVaToPa(l1TableKva);
            if (!kernelTables.TryGetValue(physTtb, out var table))
            {
                table = new TranslationTableShadow(physTtb, (int)(MmuDescriptor.L1SmallEntryNumbers / 4), spareL2Shadows);
                kernelTables.Add(physTtb, table);
            }
            var mmu = new ArchMmu(this, table, l1TableKva, asid, true);
            if (KernelMmu == null)
            {
                KernelMmu = mmu;
            }
            return mmu;
        }

        /// <summary>
        /// The MMU part of OsCreateUserVmSpace: one zeroed 4 KiB L1 page from LOS_PhysPagesAllocContiguous(1) (1024
        /// entries cover 0..1 GiB with TTBCR.N = 2), an ASID, and the page on ptList. Null when either is exhausted;
        /// nothing is left allocated then.
        /// </summary>
        public ArchMmu? CreateUserMmu()
        {
            var ttbKva = Phys.LOS_PhysPagesAllocContiguous(1);
            if (ttbKva == 0)
            {
                return null;
            }
            var ttbPa = Config.KernelVaToPa(ttbKva);
            Ram.Fill(ttbPa, (int)VmZone.PageSize, 0);
            var page = Phys.LOS_VmPageGet(ttbPa);
            if (!TryAllocAsid(out var asid) || page == null)
            {
                Phys.LOS_PhysPagesFreeContiguous(page, 1);
                return null;
            }
            var table = new TranslationTableShadow(ttbPa, (int)(VmZone.PageSize / 4), spareL2Shadows);
            var mmu = new ArchMmu(this, table, ttbKva, asid, false);
            mmu.PtList.AddHead(page);
            return mmu;
        }

        /// <summary>Registers for LOS_ArchMmuContextSwitch(user) (null: no user table, TTBR0 disabled).</summary>
        public MmuRegisters RegistersFor(ArchMmu? user) =>
            MmuRegisters.ForSpace(KernelMmu ?? throw new InvalidOperationException("no kernel MMU before CreateKernelMmu"), user);

        private bool TryAllocAsid(out uint asid)
        {
            if (Asids.OsAllocAsid(out asid))
            {
                return true;
            }
            Log.Log(LogLevel.Error, "alloc arch mmu asid failed");
            return false;
        }
    }
}
