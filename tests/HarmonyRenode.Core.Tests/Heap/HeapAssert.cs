using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Heap
{
    public static class HeapAssert
    {
        /// <summary>No change to model (shadow nodes, free lists, stats) nor to guest RAM.</summary>
        public static void Unchanged(HeapFixture.Snapshot before, HeapFixture.Snapshot after)
        {
            Assert.That(after.Bytes, Is.EqualTo(before.Bytes), "guest bytes changed");
            Assert.That(after.Nodes, Is.EqualTo(before.Nodes), "shadow nodes changed");
            Assert.That(after.Lists, Is.EqualTo(before.Lists), "free lists changed");
            Assert.That(after.Stats, Is.EqualTo(before.Stats), "statistics changed");
            Assert.That(after.PoolSize, Is.EqualTo(before.PoolSize), "pool size changed");
        }
    }
}
