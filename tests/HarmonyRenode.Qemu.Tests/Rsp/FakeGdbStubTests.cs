using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Rsp
{
    /// <summary>The test stub itself: closing it at any moment ends its thread without an exception.</summary>
    [TestFixture]
    public class FakeGdbStubTests
    {
        [Test]
        public void Closing_the_stub_right_after_opening_it_ends_its_thread_cleanly()
        {
            // Before the accept moved out of the thread, Dispose could stop the listener under a pending
            // AcceptSocket and the exception killed the test host.
            for (var i = 0; i < 200; i++)
            {
                var stub = new FakeGdbStub();
                stub.Dispose();
                Assert.That(stub.Serving, Is.False, $"round {i}: the serving thread ended");
                Assert.That(stub.ServeFailure, Is.Null, $"round {i}");
            }
        }

        [Test]
        public void Closing_the_stub_after_traffic_ends_its_thread_cleanly()
        {
            var stub = new FakeGdbStub();
            stub[0x40000000] = 0xAB;
            var bytes = new byte[1];
            stub.Gdb.ReadMemory(0x40000000, bytes, 0, 1);
            stub.Dispose();
            Assert.That(bytes[0], Is.EqualTo(0xAB));
            Assert.That(stub.Serving, Is.False);
            Assert.That(stub.ServeFailure, Is.Null);
        }
    }
}
