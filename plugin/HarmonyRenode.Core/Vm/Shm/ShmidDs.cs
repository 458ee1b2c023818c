using System;

namespace HarmonyRenode.Core.Vm.Shm
{
    /// <summary>
    /// struct shmid_ds with its struct ipc_perm (the kernel's musl, bits/shm.h and bits/ipc.h): what IPC_STAT copies
    /// to the user. The model has no process IDs, user IDs or clock: pids, ids and times are what a kernel with one
    /// root user and no time source would store, 0.
    /// </summary>
    public sealed class ShmidDs
    {
        public int Key { get; set; }
        public uint Uid { get; set; }
        public uint Gid { get; set; }
        public uint Cuid { get; set; }
        public uint Cgid { get; set; }
        public uint Mode { get; set; }

        /// <summary>shm_perm.seq: index + 1, set once by OsShmCBInit (SHM_STAT returns it in the upper 16 bits).</summary>
        public int Seq { get; set; }

        public uint Segsz { get; set; }
        public int Cpid { get; set; }
        public int Lpid { get; set; }
        public uint Nattch { get; set; }
        public long Atime { get; set; }
        public long Dtime { get; set; }
        public long Ctime { get; set; }

        /// <summary>The 112 bytes of the kernel's struct, little-endian (the unused time halves and pads are 0).</summary>
        public byte[] ToBytes()
        {
            var bytes = new byte[ShmConstants.ShmidDsSize];
            Put(bytes, 0, (uint)Key);
            Put(bytes, 4, Uid);
            Put(bytes, 8, Gid);
            Put(bytes, 12, Cuid);
            Put(bytes, 16, Cgid);
            Put(bytes, 20, Mode);
            Put(bytes, 24, (uint)Seq);
            Put(bytes, 36, Segsz);
            Put(bytes, 64, (uint)Cpid);
            Put(bytes, 68, (uint)Lpid);
            Put(bytes, 72, Nattch);
            Put64(bytes, 88, Atime);
            Put64(bytes, 96, Dtime);
            Put64(bytes, 104, Ctime);
            return bytes;
        }

        internal static void Put(byte[] bytes, int offset, uint value)
        {
            bytes[offset] = (byte)value;
            bytes[offset + 1] = (byte)(value >> 8);
            bytes[offset + 2] = (byte)(value >> 16);
            bytes[offset + 3] = (byte)(value >> 24);
        }

        private static void Put64(byte[] bytes, int offset, long value)
        {
            Put(bytes, offset, (uint)value);
            Put(bytes, offset + 4, (uint)(value >> 32));
        }

        internal static uint Get(byte[] bytes, int offset) => BitConverter.ToUInt32(bytes, offset);
    }
}
