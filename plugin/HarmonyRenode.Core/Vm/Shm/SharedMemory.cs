using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using HarmonyRenode.Core.Events;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;
using static HarmonyRenode.Core.Vm.Shm.ShmConstants;

namespace HarmonyRenode.Core.Vm.Shm
{
    /// <summary>
    /// System V shared memory as kernel/base/vm/shm.c does it (docs/memory-manager.md §3.10): a table of
    /// SHM_MNI segments; a segment's pages come one by one from the page allocator (LOS_PhysPagesAlloc) and stay on
    /// its list until it is freed; ShmAt maps all of them at once into a region flagged SHM of the current process
    /// space (one reference per mapping, no faults); fork maps the same pages into the child (OsShmFork); ShmDt,
    /// munmap and process exit detach (OsShmRegionFree), and the last detach of a segment marked IPC_RMID frees it.
    /// Failures return -1 (ShmAt: (void *)-1) and set errno, which the syscall layer turns into -errno.
    /// </summary>
    public sealed partial class SharedMemory
    {
        private readonly VmMap map;
        private readonly VmSyscalls syscalls;
        private readonly VmPhys phys;
        private readonly VmLog log;
        private ShmIdSource[]? segs;
        private uint segTable;

        public SharedMemory(VmMap map, VmSyscalls syscalls, VmPhys phys, VmLog log)
        {
            this.map = map;
            this.syscalls = syscalls;
            this.phys = phys;
            this.log = log;
        }

        /// <summary>LOS_ArchCopyToUser/FromUser for IPC_STAT, IPC_SET, IPC_INFO and SHM_INFO (set by the manager).</summary>
        public IUserCopy? UserCopy { get; set; }

        private IUserCopy Copy => UserCopy ?? throw new InvalidOperationException("ShmCtl copies need UserCopy (set by the manager)");

        /// <summary>The current task's errno after the last failing call (set_errno).</summary>
        public int Errno { get; private set; }

        /// <summary>Called with each errno the functions set: the manager stores it where the guest's errno lives.</summary>
        public Action<int>? ErrnoSet { get; set; }

        /// <summary>LOS_GetUserID / LOS_GetGroupID: the model runs every process as root (uid 0, gid 0).</summary>
        public uint UserId { get; set; }

        public uint GroupId { get; set; }

        /// <summary>The segment table (g_shmSegs), or null before ShmInit and after ShmDeinit.</summary>
        public IReadOnlyList<ShmIdSource>? Segments => segs;

        /// <summary>Kernel VA of the table's block in the system pool (0 without one).</summary>
        public uint SegTable => segTable;

        /// <summary>g_shmUsedPageCount: pages held by used segments.</summary>
        public uint UsedPageCount { get; private set; }

        /// <summary>g_shmInfo: shmmax, shmmin, shmmni, shmseg, shmall.</summary>
        public static uint[] Info => new[] { ShmMax, ShmMin, (uint)ShmMni, ShmSeg, ShmAll };

        /// <summary>Trace events: the regions ShmDt frees itself (LOS_RegionFree's do the same).</summary>
        private MemoryEvents Events => map.Events;

        private LosVmSpace Current => map.Spaces.CurrentSpace ?? map.Spaces.KernelSpace;

        /// <summary>
        /// OsShmCBInit on the block the caller took from the system pool (SHM_MNI entries): every segment free with
        /// seq = index + 1 and an empty list, written into the block as memset + the loop leave it; the used page count 0.
        /// </summary>
        public void OsShmCBInit(uint tableKva, IGuestMemory memory, Func<uint, uint> kvaToPa)
        {
            segs = new ShmIdSource[ShmMni];
            segTable = tableKva;
            var pa = kvaToPa(tableKva);
            memory.Fill(pa, (int)SegTableSize, 0);
            for (var i = 0; i < ShmMni; i++)
            {
                var seg = new ShmIdSource(i) { Status = SegFree };
                seg.Ds.Seq = i + 1;
                segs[i] = seg;
                var entry = (uint)(i * ShmIdSourceSize);
                memory.WriteUInt32(pa + entry + SeqOffset, (uint)(i + 1));
                memory.WriteUInt32(pa + entry + StatusOffset, SegFree);
                memory.WriteUInt32(pa + entry + NodeOffset, tableKva + entry + NodeOffset);
                memory.WriteUInt32(pa + entry + NodeOffset + 4, tableKva + entry + NodeOffset);
            }
            UsedPageCount = 0;
        }

        /// <summary>
        /// ShmDeinit: the table goes back to the system pool (the caller frees <see cref="SegTable"/>); the pages of
        /// segments still in use are not freed, as in the kernel (only OsShmCBDestroy would free them).
        /// </summary>
        public uint ShmDeinit()
        {
            var table = segTable;
            segs = null;
            segTable = 0;
            return table;
        }

        /// <summary>
        /// Before ShmInit (or after ShmDeinit) g_shmSegs is NULL, and where the kernel reads an entry of it (after the
        /// checks that come first: sizes, the shmid's range, the attach flags) it takes a data abort in kernel mode: a
        /// panic, which the model reports with the reason instead of touching anything.
        /// </summary>
        [MemberNotNull(nameof(segs))]
        private void RequireTable(string function)
        {
            if (segs == null)
            {
                throw new KernelPanicException($"{function}: g_shmSegs is NULL (ShmInit has not run, or ShmDeinit freed the segment table)");
            }
        }

        private int Fail(int errno)
        {
            SetErrno(errno);
            return -1;
        }

        private uint AtFail(int errno)
        {
            SetErrno(errno);
            return uint.MaxValue;
        }

        private void SetErrno(int errno)
        {
            Errno = errno;
            ErrnoSet?.Invoke(errno);
        }
    }
}
