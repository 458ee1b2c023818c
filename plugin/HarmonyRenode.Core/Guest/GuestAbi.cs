namespace HarmonyRenode.Core.Guest
{
    /// <summary>The firmware's symbols the host relies on (firmware/ABI.md). Engines hook by these names.</summary>
    public static class GuestAbi
    {
        /// <summary>The configuration block (<see cref="HrConfigBlock"/>), read by start-up code with the MMU off.</summary>
        public const string ConfigBlock = "g_hrConfig";

        /// <summary>16 KiB kernel L1 table in .bss.prebss (LiteOS-A's name).</summary>
        public const string FirstPageTable = "g_firstPageTable";

        /// <summary>LiteOS-A's system pool pointers; the host stores the kernel heap's address in both.</summary>
        public const string SysMem0 = "m_aucSysMem0";
        public const string SysMem1 = "m_aucSysMem1";

        /// <summary>los_vm_map.c's globals: the kernel and vmalloc LosVmSpace (136 bytes each) and the LOS_DL_LIST head of all spaces.</summary>
        public const string KVmSpace = "g_kVmSpace";
        public const string VMallocSpace = "g_vMallocSpace";
        public const string VmSpaceList = "g_vmSpaceList";

        /// <summary>End of the image including stacks: the managed window starts at ROUNDUP(__bss_end, 1 MiB).</summary>
        public const string BssEnd = "__bss_end";
        public const string TextStart = "__text_start";
        public const string TextEnd = "__text_end";
        public const string RodataStart = "__rodata_start";
        public const string RodataEnd = "__rodata_end";
        public const string RamDataStart = "__ram_data_start";

        /// <summary>End of .data and start of .bss: the shell's `free` reports their sizes (OsShellCmdSectionInfo).</summary>
        public const string RamDataEnd = "__ram_data_end";
        public const string BssStart = "__bss_start";

        /// <summary>Hooked: (fsr, far, pc, spsr) → 0 resume, else OsVmPageFaultHandler's status.</summary>
        public const string DataAbortHost = "hr_data_abort_host";
        public const string PrefetchAbortHost = "hr_prefetch_abort_host";

        /// <summary>Hooked: (LosVmSpace *space, HrMmuContext *ctx) → 0; fills {ttbr0, ttbcr, contextidr}.</summary>
        public const string VmSpaceActivate = "hr_vm_space_activate";

        /// <summary>Return path instead of LR when a valid translation changed: TLBIALL; BPIALL; DSB; ISB; bx lr.</summary>
        public const string TlbFlushReturn = "hr_tlb_flush_return";

        /// <summary>hr_exit(status): semihosting SYS_EXIT_EXTENDED; engines without semihosting hook it.</summary>
        public const string Exit = "hr_exit";

        /// <summary>Hooked: hr_leak_mark() - the oracle's leak report leaves out what was allocated before (optional).</summary>
        public const string LeakMark = "hr_leak_mark";

        /// <summary>Hooked: hr_exit's first step (status) → 0 go on to the semihosting exit, 1 halt in hr_exit.</summary>
        public const string ExitHost = "hr_exit_host";

        /// <summary>The hypercall mailbox (firmware/include/hr_hypercall.h).</summary>
        public const string Mailbox = "g_hrMailbox";

        /// <summary>Hypercall slots, 8 bytes each: `mov ip, #id; b hr_hypercall` (ARM) and the same for Thumb entries.</summary>
        public const string HypercallTable = "hr_hypercall_table";
        public const string HypercallTableThumb = "hr_hypercall_table_thumb";

        /// <summary>Count of hr_tlb_flush_return runs (guest word, diagnostics).</summary>
        public const string TlbFlushCount = "g_hrTlbFlushes";

        /// <summary>
        /// Optional: the address of an abort the firmware causes on purpose (hr_expect_fault); the host logs that
        /// abort at info level and clears the word. Firmware without it gets every unresolved abort as an error.
        /// </summary>
        public const string ExpectedFault = "g_hrExpectedFault";

        /// <summary>
        /// Optional: the current task's errno (LosTaskCB.errorNo, what __errno_location returns). The shared-memory
        /// functions store the errno they set there; firmware without it gets the return values only.
        /// </summary>
        public const string Errno = "g_hrErrno";

        /// <summary>Symbols a session uses when the firmware has them.</summary>
        public static readonly string[] OptionalSymbols = { ExpectedFault, Errno };

        /// <summary>Every required name above, for an engine that looks symbols up one by one instead of reading the ELF.</summary>
        public static readonly string[] Symbols =
        {
            ConfigBlock, FirstPageTable, SysMem0, SysMem1, KVmSpace, VMallocSpace, VmSpaceList, BssEnd, TextStart, TextEnd, RodataStart, RodataEnd, RamDataStart,
            RamDataEnd, BssStart, DataAbortHost, PrefetchAbortHost, VmSpaceActivate, TlbFlushReturn, Exit, TlbFlushCount,
            ExitHost, Mailbox, HypercallTable, HypercallTableThumb,
        };
    }
}
