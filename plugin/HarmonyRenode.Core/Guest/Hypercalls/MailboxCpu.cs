using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Guest.Hypercalls
{
    /// <summary>
    /// The registers a posted hypercall carries (r0-r3, sp, lr, fp, cpsr), seen as the CPU of a hooked call. The
    /// result goes to the mailbox's result word; the stub returns to lr itself, so the PC is never written.
    /// </summary>
    public sealed class MailboxCpu : IGuestCpu
    {
        private readonly IGuestMemory memory;
        private readonly uint mailbox;

        public MailboxCpu(IGuestMemory memory, uint mailboxPa)
        {
            this.memory = memory;
            mailbox = mailboxPa;
        }

        public uint Result { get; private set; }

        public uint Cpsr => memory.ReadUInt32(mailbox + MailboxLayout.Cpsr);

        public uint GetRegister(int index)
        {
            switch (index)
            {
                case 0:
                case 1:
                case 2:
                case 3:
                    return memory.ReadUInt32(mailbox + MailboxLayout.Args + 4 * (uint)index);
                case 11:
                    return memory.ReadUInt32(mailbox + MailboxLayout.Fp);
                case ArmRegister.Sp:
                    return memory.ReadUInt32(mailbox + MailboxLayout.Sp);
                case ArmRegister.Lr:
                case ArmRegister.Pc:
                    // The call's return address: where the caller resumes (a hooked call is a call).
                    return memory.ReadUInt32(mailbox + MailboxLayout.Lr);
                default:
                    throw new System.ArgumentOutOfRangeException(nameof(index), $"r{index} is not in the hypercall mailbox");
            }
        }

        public void SetRegister(int index, uint value)
        {
            if (index != 0)
            {
                throw new System.ArgumentOutOfRangeException(nameof(index), "a hypercall returns r0 only");
            }
            Result = value;
        }

        public void Reset(uint result) => Result = result;
    }
}
