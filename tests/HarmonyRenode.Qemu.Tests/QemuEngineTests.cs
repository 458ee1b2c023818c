using System;
using System.Linq;
using HarmonyRenode.Core.Guest;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests
{
    /// <summary>The engine against real QEMU with a stand-in host (no model): start-up, console, exit, hooks.</summary>
    [TestFixture]
    public class QemuEngineTests
    {
        private static GuestRunResult Run(string program, IGuestSession session, TimeSpan? timeout = null)
        {
            var options = new QemuOptions { RunTimeout = timeout ?? TimeSpan.FromSeconds(30) };
            var engine = new QemuEngine(options, new ListLog(), line => TestContext.Progress.WriteLine("uart: " + line));
            return engine.Run(FirmwareBuild.Elf(program), session);
        }

        [Test]
        public void Hello_turns_the_MMU_on_from_the_config_block_and_exits_zero()
        {
            var result = Run("hello", new IdentityMappedSession());
            Assert.That(result.Failure, Is.Null);
            Assert.That(result.ExitCode, Is.EqualTo(0));
            Assert.That(result.UartLines.Any(l => l.StartsWith("hello from LiteOS-A kernel window, SCTLR=0x")), Is.True,
                string.Join("\n", result.UartLines));
        }
    }
}
