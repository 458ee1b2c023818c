using System;
using System.Linq;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;
using static HarmonyRenode.Core.Vm.MmanFlags;

namespace HarmonyRenode.Core.Tests.Vm
{
    public class VmInvariantTests
    {
        [Test]
        public void Mapped_pages_stay_inside_regions_and_regions_never_overlap_through_a_mixed_sequence()
        {
            var f = new VmFixture();
            var random = new Random(1234);
            const MapFlags Anon = MapFlags.Anonymous | MapFlags.Private;
            for (var step = 0; step < 400; step++)
            {
                var regions = f.User.Regions;
                switch (random.Next(6))
                {
                    case 0:
                    case 1:
                        f.Sys.LOS_MMap(0, (uint)random.Next(1, 5) * 0x1000, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0);
                        break;
                    case 2 when regions.Count > 0:
                        var r = regions[random.Next(regions.Count)];
                        f.Touch(f.User, r.Base + (uint)random.Next((int)r.PageCount) * 0x1000);
                        break;
                    case 3 when regions.Count > 0:
                        var u = regions[random.Next(regions.Count)];
                        f.Sys.LOS_UnMMap(u.Base + (uint)random.Next((int)u.PageCount) * 0x1000, 0x1000 * (uint)random.Next(1, 3));
                        break;
                    case 4 when regions.Count > 0:
                        var p = regions[random.Next(regions.Count)];
                        f.Sys.LOS_DoMprotect(p.Base, 0x1000, ProtFlags.Read);
                        break;
                    case 5:
                        f.Sys.LOS_MMap(0x1F800000 + (uint)random.Next(16) * 0x1000, 0x2000, ProtFlags.Read, Anon | MapFlags.Fixed, -1, 0);
                        break;
                }
                var all = f.User.Regions;
                for (var i = 1; i < all.Count; i++)
                {
                    Assert.That(all[i].Base, Is.GreaterThan(all[i - 1].EndAddr), $"step {step}: regions overlap");
                }
                Assert.That(f.MappingsOutsideRegions(f.User, 0x1F800000, 0x1F900000), Is.Empty, $"step {step}");
            }
            var mapped = f.User.Regions.Sum(r => f.User.MappedPageCount(r));
            Assert.That(f.Phys.Pages.Count(pg => pg.RefCounts > 0), Is.EqualTo(mapped));
        }
    }
}
