using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Oracle;
using HarmonyRenode.Core.Tests.Facade;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Oracle
{
    /// <summary>
    /// Without --sanitize the oracle only watches: the same calls give the same results, address for address. With
    /// --sanitize it changes addresses on purpose but must leave the model consistent.
    /// </summary>
    public class OracleFidelityTests
    {
        private const int Seed = 20261130;

        [Test]
        public void Every_address_is_the_same_with_and_without_the_oracle()
        {
            var bare = new ManagerFixture();
            var plain = new OracleWorkload(bare.Api, bare.Manager, Seed);
            var watched = new OracleFixture();
            var oracle = new OracleWorkload(watched.Api, watched.F.Manager, Seed);
            for (var i = 0; i < 20_000; i++)
            {
                plain.Step();
                oracle.Step();
            }
            Assert.That(plain.Results.Count(r => r != 0), Is.GreaterThan(5000));
            Assert.That(oracle.Results, Is.EqualTo(plain.Results));
            Assert.That(watched.Reported, Is.Empty, "a correct workload has no findings");
            Assert.That(watched.F.Snapshot(), Is.EqualTo(bare.Snapshot()), "guest RAM byte for byte");
        }

        /// <summary>
        /// The randomized invariant test's length, through the sanitizing oracle: redzones, the heap quarantine, freed
        /// page blocks, contiguous pages and vmalloc areas unmapped in a quarantine of VA, every 7th heap block sampled
        /// onto its own page with a guard page; the checker sees the kernel's linear map with its holes at every check.
        /// </summary>
        [Test]
        public void Hundred_thousand_operations_under_sanitize_keep_every_invariant()
        {
            var o = new OracleFixture(new OracleOptions { Sanitize = true, QuarantineBytes = 64 * 1024, SampleInterval = 7 });
            var run = new OracleWorkload(o.Api, o.F.Manager, Seed);
            var kernel = o.F.Manager.Vm.Spaces.KernelSpace.ArchMmu;
            var mostHoles = 0;
            for (var step = 0; step < 100_000; step++)
            {
                run.Step();
                if (step % 100 == 0 || step > 99_900)
                {
                    var violations = o.F.Manager.CheckInvariants();
                    Assert.That(violations.Select(v => v.ToString()), Is.Empty, $"step {step}");
                    mostHoles = System.Math.Max(mostHoles, kernel.LinearMapHoles.Count);
                }
            }
            Assert.That(mostHoles, Is.GreaterThan(100), "pages were out of the linear map while the checker ran");
            o.Api.CheckAtExit();
            Assert.That(o.Reported.Select(f => $"{f.Kind} {f.Api} {f.Detail} block 0x{f.BlockAddress:x8} {f.AllocApi} {f.FreeApi}").Take(5), Is.Empty,
                "a correct workload has no findings under --sanitize either");
            Assert.That(run.PatternErrors, Is.Empty);
        }
    }
}
