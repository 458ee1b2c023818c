using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Mmu.Walk;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Mmu
{
    /// <summary>
    /// What a mapping made with some region flags must look like to the CPU, stated from docs/memory-manager.md §4.3 independently of
    /// the converter, and checked on the reference walker's results.
    /// </summary>
    public static class ExpectedAttributes
    {
        /// <summary>docs/memory-manager.md §4.3 AP table on (USER, READ, WRITE): (priv read, priv write, user read, user write).</summary>
        public static (bool PR, bool PW, bool UR, bool UW) Access(RegionFlags flags)
        {
            var user = (flags & RegionFlags.PermUser) != 0;
            var read = (flags & RegionFlags.PermRead) != 0;
            var write = (flags & RegionFlags.PermWrite) != 0;
            if (write)
            {
                return user ? (true, true, true, true) : (true, true, false, false);
            }
            if (user && read)
            {
                return (true, false, true, false);
            }
            if (user || read)
            {
                return (true, false, false, false);
            }
            return (false, false, false, false);
        }

        public static void AssertTranslation(TranslationResult result, uint expectedPa, RegionFlags flags, string what)
        {
            // The walk is a privileged read: it only faults when the mapping grants no access at all.
            var (pr, pw, ur, uw) = Access(flags);
            Assert.That(result.IsFault, Is.EqualTo(!pr), $"{what}: {result}");
            if (!pr)
            {
                Assert.That(result.Fault, Is.AnyOf(FaultStatus.PermissionFaultPage, FaultStatus.PermissionFaultSection), what);
            }
            Assert.That(result.PhysicalAddress, Is.EqualTo(expectedPa), what);
            Assert.That(result.Permissions.PrivilegedRead, Is.EqualTo(pr), what + " priv read");
            Assert.That(result.Permissions.PrivilegedWrite, Is.EqualTo(pw), what + " priv write");
            Assert.That(result.Permissions.UserRead, Is.EqualTo(ur), what + " user read");
            Assert.That(result.Permissions.UserWrite, Is.EqualTo(uw), what + " user write");
            Assert.That(result.ExecuteNever, Is.EqualTo((flags & RegionFlags.PermExecute) == 0), what + " XN");
            Assert.That(result.NonGlobal, Is.EqualTo((flags & RegionFlags.PermUser) != 0), what + " nG");
            Assert.That(result.Domain, Is.EqualTo(1u), what + " domain");
            switch (flags & RegionFlags.CacheMask)
            {
                case RegionFlags.Cached:
                    Assert.That(result.Memory.Kind, Is.EqualTo(MemoryKind.Normal), what);
                    Assert.That(result.Memory.Inner, Is.EqualTo(CachePolicy.WriteBackWriteAllocate), what);
                    Assert.That(result.Memory.Shareable, Is.False, what + " UP build: not shareable");
                    break;
                case RegionFlags.Uncached:
                    Assert.That(result.Memory.Kind, Is.EqualTo(MemoryKind.Normal), what);
                    Assert.That(result.Memory.Inner, Is.EqualTo(CachePolicy.NonCacheable), what);
                    break;
                case RegionFlags.UncachedDevice:
                    Assert.That(result.Memory.Kind, Is.EqualTo(MemoryKind.Device), what);
                    Assert.That(result.Memory.Shareable, Is.True, what);
                    break;
                default:
                    Assert.That(result.Memory.Kind, Is.EqualTo(MemoryKind.StronglyOrdered), what);
                    break;
            }
        }
    }
}
