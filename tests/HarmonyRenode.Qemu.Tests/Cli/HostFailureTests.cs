using System;
using System.IO;
using HarmonyRenode.Cli;
using HarmonyRenode.Core.Ports;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Cli
{
    /// <summary>A bug of the host ends a command with exit 125 and one line; the stack trace only at debug level.</summary>
    [TestFixture]
    public class HostFailureTests
    {
        private static (int ExitCode, string Stderr) Fail(Exception exception, LogLevel level)
        {
            var error = new StringWriter();
            var code = Program.Guard(() => Throw(exception), error, level);
            return (code, error.ToString());
        }

        // Thrown, not just constructed, so that the exception carries a stack trace to leak.
        private static int Throw(Exception exception) => throw exception;

        [Test]
        public void An_unexpected_exception_is_one_line_naming_its_type_and_exit_125()
        {
            var (code, stderr) = Fail(new InvalidOperationException("Sequence contains no elements"), LogLevel.Info);
            Assert.That(code, Is.EqualTo(ExitCodes.HostFailure));
            Assert.That(stderr, Is.EqualTo("harmony-renode: [error] host failure: InvalidOperationException: Sequence contains no elements " +
                "(--log-level debug shows where)" + Environment.NewLine));
        }

        [Test]
        public void HarmonyRenodes_own_exception_is_its_message_alone_on_one_line()
        {
            var (code, stderr) = Fail(new QemuException("QEMU's monitor closed\n(connection reset)"), LogLevel.Warning);
            Assert.That(code, Is.EqualTo(ExitCodes.HostFailure));
            Assert.That(stderr, Is.EqualTo("harmony-renode: [error] host failure: QEMU's monitor closed (connection reset) " +
                "(--log-level debug shows where)" + Environment.NewLine));
        }

        [Test]
        public void A_wrapped_exception_is_named_by_what_it_wraps()
        {
            var (_, stderr) = Fail(new AggregateException(new NullReferenceException("no session")), LogLevel.Error);
            Assert.That(stderr, Does.Contain("host failure: NullReferenceException: no session"));
        }

        [Test]
        public void Debug_level_adds_the_stack_trace()
        {
            var (code, stderr) = Fail(new InvalidOperationException("broken"), LogLevel.Debug);
            Assert.That(code, Is.EqualTo(ExitCodes.HostFailure));
            var lines = stderr.Split(Environment.NewLine);
            Assert.That(lines[0], Is.EqualTo("harmony-renode: [error] host failure: InvalidOperationException: broken"));
            Assert.That(lines[1], Does.StartWith("harmony-renode: [debug] System.InvalidOperationException: broken"));
            Assert.That(stderr, Does.Contain(" at ").And.Contain(nameof(Throw)));
        }

        [Test]
        public void A_command_that_returns_keeps_its_exit_code_and_prints_nothing()
        {
            var error = new StringWriter();
            Assert.That(Program.Guard(() => 7, error, LogLevel.Debug), Is.EqualTo(7));
            Assert.That(error.ToString(), Is.Empty);
        }
    }
}
