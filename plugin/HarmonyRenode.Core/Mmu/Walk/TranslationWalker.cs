using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Mmu.Walk
{
    /// <summary>
    /// An ARMv7-A short-descriptor translation table walk (ARM ARM B3.5, no LPAE long descriptors, TRE = AFE = 0),
    /// written from the manual and not from the table writer: it reads the tables from guest memory, as the CPU does,
    /// so it checks what the guest will really see. Faults are returned as values.
    /// </summary>
    public sealed class TranslationWalker
    {
        private const uint DomainNoAccess = 0;
        private const uint DomainClient = 1;

        private readonly IGuestMemory memory;

        public TranslationWalker(IGuestMemory memory)
        {
            this.memory = memory;
        }

        public TranslationResult Walk(MmuRegisters regs, uint va, AccessKind access, bool privileged)
        {
            var fetch = access == AccessKind.Fetch;
            var write = access == AccessKind.Write;

            // B3.5.4 Selecting between TTBR0 and TTBR1: with N > 0, VA[31:32-N] == 0 selects TTBR0.
            var n = regs.N;
            var useTtbr1 = n > 0 && (va >> (32 - n)) != 0;
            if (useTtbr1 ? regs.Pd1 : regs.Pd0)
            {
                return Fault(FaultStatus.TranslationFaultSection, 1, 0, access, useTtbr1, 0, 0);
            }

            // B3.5.5: TTBR0 base is bits[31:14-N] and indexes VA[31-N:20]; TTBR1 base is bits[31:14], VA[31:20].
            uint l1Address;
            if (useTtbr1)
            {
                l1Address = (regs.Ttbr1 & 0xFFFFC000) | ((va >> 20) << 2);
            }
            else
            {
                var baseMask = ~((1u << (14 - n)) - 1);
                var indexMask = (1u << (12 - n)) - 1;
                l1Address = (regs.Ttbr0 & baseMask) | (((va >> 20) & indexMask) << 2);
            }

            var l1 = new FirstLevelDescriptor(memory.ReadUInt32(l1Address));
            if (l1.IsFault)
            {
                return Fault(FaultStatus.TranslationFaultSection, 1, 0, access, useTtbr1, l1.Value, 0);
            }

            var domain = l1.Domain;
            if (l1.IsSectionOrSupersection)
            {
                var supersection = l1.IsSupersection;
                var pa = supersection
                    ? l1.SupersectionBaseAddress | (va & 0x00FFFFFF)
                    : l1.SectionBaseAddress | (va & 0x000FFFFF);
                return Check(regs, access, privileged, 1, useTtbr1, l1.Value, 0, domain, pa,
                    supersection ? TranslationGranule.Supersection : TranslationGranule.Section,
                    new AccessPermissions(l1.Ap), l1.XN, l1.SectionPxn, MemoryAttributes.Decode(l1.Tex, l1.C, l1.B, l1.S),
                    l1.NG, l1.SectionNs, FaultStatus.DomainFaultSection, FaultStatus.PermissionFaultSection, fetch, write);
            }

            // Page table: B3.5.1, the L2 table is 1 KiB, indexed by VA[19:12].
            var l2Address = l1.PageTableBaseAddress | (((va >> 12) & 0xFF) << 2);
            var l2 = new SecondLevelDescriptor(memory.ReadUInt32(l2Address));
            if (l2.IsFault)
            {
                return Fault(FaultStatus.TranslationFaultPage, 2, domain, access, useTtbr1, l1.Value, l2.Value);
            }
            var large = l2.IsLargePage;
            var pagePa = large ? l2.LargePageBaseAddress | (va & 0xFFFF) : l2.SmallPageBaseAddress | (va & 0xFFF);
            return Check(regs, access, privileged, 2, useTtbr1, l1.Value, l2.Value, domain, pagePa,
                large ? TranslationGranule.LargePage : TranslationGranule.SmallPage,
                new AccessPermissions(l2.Ap), l2.XN, l1.PageTablePxn, MemoryAttributes.Decode(l2.Tex, l2.C, l2.B, l2.S),
                l2.NG, l1.PageTableNs, FaultStatus.DomainFaultPage, FaultStatus.PermissionFaultPage, fetch, write);
        }

        /// <summary>B3.12.3 order after a successful lookup: domain check, then access permission and execute-never.</summary>
        private static TranslationResult Check(MmuRegisters regs, AccessKind access, bool privileged, int level,
            bool useTtbr1, uint l1Value, uint l2Value, uint domain, uint pa, TranslationGranule granule,
            AccessPermissions ap, bool xn, bool pxn, MemoryAttributes memoryAttributes, bool nG, bool ns,
            FaultStatus domainFault, FaultStatus permissionFault, bool fetch, bool write)
        {
            var fault = FaultStatus.None;
            var domainAccess = regs.DomainAccess(domain);
            if (domainAccess == DomainNoAccess || domainAccess == 2)
            {
                // 0b10 is reserved; it behaves as no access on the implementations we model.
                fault = domainFault;
            }
            else if (domainAccess == DomainClient)
            {
                var allowed = write ? ap.CanWrite(privileged) : ap.CanRead(privileged);
                if (fetch && (xn || (privileged && pxn)))
                {
                    allowed = false;
                }
                if (!allowed)
                {
                    fault = permissionFault;
                }
            }
            // DomainManager: no permission checks; with short descriptors even XN is not checked (B3.7.2).

            return new TranslationResult(fault, fault == FaultStatus.None ? 0 : Fsr(fault, domain, access), level, pa,
                granule, ap, xn, pxn, memoryAttributes, nG, ns, domain, useTtbr1, l1Value, l2Value);
        }

        private static TranslationResult Fault(FaultStatus fault, int level, uint domain, AccessKind access, bool useTtbr1,
            uint l1Value, uint l2Value)
        {
            return new TranslationResult(fault, Fsr(fault, domain, access), level, 0, TranslationGranule.None,
                default, false, false, default, false, false, domain, useTtbr1, l1Value, l2Value);
        }

        /// <summary>
        /// B4.1.52 DFSR / B4.1.96 IFSR, short-descriptor format: FS[3:0] bits[3:0], FS[4] bit 10; DFSR also carries
        /// the domain in bits[7:4] and WnR in bit 11.
        /// </summary>
        private static uint Fsr(FaultStatus fault, uint domain, AccessKind access)
        {
            var fs = (uint)fault;
            var fsr = (fs & 0xF) | ((fs & 0x10) << 6);
            if (access != AccessKind.Fetch)
            {
                fsr |= (domain & 0xF) << 4;
                if (access == AccessKind.Write)
                {
                    fsr |= 1u << 11;
                }
            }
            return fsr;
        }
    }
}
