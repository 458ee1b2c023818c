using System;
using System.Runtime.CompilerServices;

namespace HarmonyRenode.Core.Ports
{
    /// <summary>
    /// Guest RAM as the model's hot paths reach it: plain loads and stores through the host mapping when the engine
    /// offers one (<see cref="IGuestMemory.TryGetHostAddress"/>), the port's calls otherwise. The mapping is asked for
    /// on first use, not at construction, so a component that never touches RAM never calls the port. Scratch buffers
    /// for the port path are kept, so no access allocates. Single-threaded, like the kernel under its locks.
    /// </summary>
    public sealed unsafe class GuestRam
    {
        /// <summary>The smallest mapped prefix worth keeping when the whole window is not mapped.</summary>
        private const uint MinWindow = 0x10000;

        private const int ScratchSize = 0x1000;

        private readonly uint start;
        private readonly uint size;
        // An integer, not a pointer: Renode's snapshots (Migrant) refuse pointer fields anywhere in the model's graph.
        // Renode's adapter never offers a mapping, so no stale address survives a Load.
        private ulong host;

        /// <summary>Offsets below this take the pointer path for a word (mapped bytes - 3); 0 until resolved or if unmapped.</summary>
        private uint wordLimit;

        private uint mappedSize;
        private bool resolved;
        private byte[]? scratch;

        /// <param name="port">The engine's guest memory.</param>
        /// <param name="start">First physical address the model may reach through the mapping (RAM base).</param>
        /// <param name="size">Bytes from <paramref name="start"/>; a mapped prefix of it is used when the whole is not mapped.</param>
        public GuestRam(IGuestMemory port, uint start, uint size)
        {
            Port = port ?? throw new ArgumentNullException(nameof(port));
            this.start = start;
            this.size = size;
        }

        public IGuestMemory Port { get; }

        /// <summary>True once resolved with a host mapping (for tests and the benchmark).</summary>
        public bool IsMapped
        {
            get
            {
                Resolve();
                return mappedSize != 0;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint Read(uint physicalAddress)
        {
            var offset = physicalAddress - start;
            if (offset < wordLimit)
            {
                return *(uint*)((byte*)host + offset);
            }
            return ReadSlow(physicalAddress);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(uint physicalAddress, uint value)
        {
            var offset = physicalAddress - start;
            if (offset < wordLimit)
            {
                *(uint*)((byte*)host + offset) = value;
                return;
            }
            WriteSlow(physicalAddress, value);
        }

        /// <summary>
        /// The host mapping, resolved now if it was not: the host address of the first byte of the window and how many
        /// bytes of it are mapped (false and 0 when the engine maps none). For a caller that keeps its own bounds, such
        /// as a heap whose words are all inside one mapped stretch.
        /// </summary>
        public bool TryGetMapping(out ulong hostAddress, out uint mappedBytes)
        {
            Resolve();
            hostAddress = host;
            mappedBytes = mappedSize;
            return mappedSize != 0;
        }

        /// <summary>First physical address of the window.</summary>
        public uint Start => start;

        /// <summary>
        /// The host address of <paramref name="byteCount"/> bytes at <paramref name="physicalAddress"/> when they are
        /// mapped and the mapping is resolved, else null (the caller then takes <see cref="Write"/>): one range check
        /// for a run of words, such as a page descriptor.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint* Words(uint physicalAddress, uint byteCount)
        {
            var offset = physicalAddress - start;
            if (offset < wordLimit && byteCount <= wordLimit + 3 - offset)
            {
                return (uint*)((byte*)host + offset);
            }
            return null;
        }

        /// <summary>Stores <paramref name="count"/> consecutive words (a PTE run) with one port call when unmapped.</summary>
        public void WriteWords(uint physicalAddress, uint[] words, int index, int count)
        {
            if (TryHost(physicalAddress, (uint)count * 4, out var p))
            {
                var words32 = (uint*)p;
                for (var i = 0; i < count; i++)
                {
                    words32[i] = words[index + i];
                }
                return;
            }
            var buffer = Scratch();
            while (count > 0)
            {
                var n = Math.Min(count, ScratchSize / 4);
                Buffer.BlockCopy(words, index * 4, buffer, 0, n * 4);
                Port.WriteBytes(physicalAddress, buffer, 0, n * 4);
                physicalAddress += (uint)n * 4;
                index += n;
                count -= n;
            }
        }

        public void Fill(uint physicalAddress, int count, byte value)
        {
            if (count > 0 && TryHost(physicalAddress, (uint)count, out var p))
            {
                if (value == 0 && (count & 7) == 0 && ((ulong)p & 7) == 0)
                {
                    var q = (ulong*)p;
                    for (var i = count >> 3; i > 0; i--)
                    {
                        *q++ = 0;
                    }
                    return;
                }
                for (var i = 0; i < count; i++)
                {
                    p[i] = value;
                }
                return;
            }
            Port.Fill(physicalAddress, count, value);
        }

        /// <summary>
        /// Guest-to-guest copy of non-overlapping ranges (realloc): always the engine's own copy, even on a mapped guest,
        /// since an engine may have to make it in the guest (QEMU on shared RAM does not see host stores to code).
        /// </summary>
        public void Copy(uint from, uint to, int count)
        {
            if (count > 0)
            {
                Port.Copy(to, from, count);
            }
        }

        private bool TryHost(uint physicalAddress, uint count, out byte* p)
        {
            Resolve();
            var offset = physicalAddress - start;
            if (offset < mappedSize && count <= mappedSize - offset)
            {
                p = (byte*)host + offset;
                return true;
            }
            p = null;
            return false;
        }

        private uint ReadSlow(uint physicalAddress)
        {
            if (!resolved)
            {
                Resolve();
                return Read(physicalAddress);
            }
            return Port.ReadUInt32(physicalAddress);
        }

        private void WriteSlow(uint physicalAddress, uint value)
        {
            if (!resolved)
            {
                Resolve();
                Write(physicalAddress, value);
                return;
            }
            Port.WriteUInt32(physicalAddress, value);
        }

        private void Resolve()
        {
            if (resolved)
            {
                return;
            }
            resolved = true;
            // A guest smaller than the window (unit tests) is mapped for a prefix: halve until the engine says yes.
            for (var window = size; window >= MinWindow || window == size; window >>= 1)
            {
                if (window >= 4 && Port.TryGetHostAddress(start, window, out var address) && address != IntPtr.Zero)
                {
                    host = (ulong)address;
                    mappedSize = window;
                    wordLimit = window - 3;
                    return;
                }
                if (window == 0)
                {
                    break;
                }
            }
        }

        private byte[] Scratch() => scratch ?? (scratch = new byte[ScratchSize]);
    }
}
