using System;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// VM_ERR (los_vm_common.h) through the log sink: "[ERR]" + function + message, as a debug-level LiteOS-A build
    /// prints it (release builds keep only "[ERR]function line"). A public entry point wraps its work in
    /// <see cref="Operation"/> so that one failing call gives exactly one line: the first VM_ERR of the call chain,
    /// or, where the kernel itself prints nothing, the line the entry point adds with <see cref="ErrIfSilent"/>.
    /// </summary>
    public sealed class VmLog
    {
        private readonly ILogSink sink;
        private int depth;
        private bool loggedInOperation;

        public VmLog(ILogSink sink)
        {
            this.sink = sink;
        }

        /// <summary>A struct, so that entering an operation allocates nothing (`using` disposes it without boxing).</summary>
        public Scope Operation()
        {
            if (depth++ == 0)
            {
                loggedInOperation = false;
            }
            return new Scope(this);
        }

        public void Err(string function, string message)
        {
            if (depth > 0 && loggedInOperation)
            {
                return;
            }
            loggedInOperation = true;
            sink?.Log(LogLevel.Error, $"[ERR]{function} {message}");
        }

        /// <summary>For failures the kernel reports only through the return value: one line so the adapter can see why.</summary>
        public void ErrIfSilent(string function, string message)
        {
            if (!loggedInOperation || depth == 0)
            {
                Err(function, message);
            }
        }

        public struct Scope : IDisposable
        {
            private VmLog? owner;

            internal Scope(VmLog owner)
            {
                this.owner = owner;
            }

            public void Dispose()
            {
                if (owner != null)
                {
                    owner.depth--;
                    owner = null;
                }
            }
        }
    }
}
