using HarmonyRenode.Core.Guest.Hypercalls;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest.Hypercalls
{
    public class GuestCopyQueueTests
    {
        [Test]
        public void A_host_access_takes_out_the_queued_copies_into_its_bytes_oldest_first_and_leaves_the_others()
        {
            var queue = new GuestCopyQueue { Open = true };
            queue.TryAdd(0x40002000, 0x40001000, 4096);
            queue.TryAdd(0x40005000, 0x40004000, 4096);
            queue.TryAdd(0x40002000, 0x40009000, 16);

            Assert.That(queue.TryTakeOverlapping(0x40001FF0, 0x10, out _), Is.False, "ends just before the destination");
            Assert.That(queue.TryTakeOverlapping(0x40002FF8, 0x20, out var first), Is.True);
            Assert.That(first, Is.EqualTo((0x40002000u, 0x40001000u, 4096u)));
            Assert.That(queue.TryTakeOverlapping(0x40002000, 4, out var second), Is.True);
            Assert.That(second.Source, Is.EqualTo(0x40009000u));
            Assert.That(queue.TryTakeOverlapping(0x40002000, 4096, out _), Is.False);
            Assert.That(queue.Count, Is.EqualTo(1));
            Assert.That(queue[0].Destination, Is.EqualTo(0x40005000u));
        }
    }
}
