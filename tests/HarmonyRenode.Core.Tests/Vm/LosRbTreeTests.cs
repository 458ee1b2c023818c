using System.Linq;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Vm
{
    public class LosRbTreeTests
    {
        private static LosVmMapRegion Page(uint index, uint pages = 1) => new LosVmMapRegion(index * 0x1000, pages * 0x1000, 0, 0);

        private static LosRbTree<LosVmMapRange> NewTree() =>
            new LosRbTree<LosVmMapRange>(n => ((LosVmMapRegion)n).Range, RegionRangeComparer.OsRegionRbCmpKeyFn);

        /// <summary>Pre-order "page colour(left,right)" with "." for NilT, so a shape is one string.</summary>
        private static string Shape(LosRbNode node)
        {
            if (node == null)
            {
                return ".";
            }
            var region = (LosVmMapRegion)node;
            var colour = node.NodeColor == RbColor.Black ? "B" : "R";
            if (node.LeftChild == null && node.RightChild == null)
            {
                return $"{region.Base >> 12}{colour}";
            }
            return $"{region.Base >> 12}{colour}({Shape(node.LeftChild)},{Shape(node.RightChild)})";
        }

        private static (LosRbTree<LosVmMapRange> Tree, LosVmMapRegion[] Regions) AscendingSeven()
        {
            var tree = NewTree();
            var regions = Enumerable.Range(1, 7).Select(i => Page((uint)i)).ToArray();
            foreach (var region in regions)
            {
                Assert.That(tree.LOS_RbAddNode(region), Is.True);
            }
            return (tree, regions);
        }

        [Test]
        public void Ascending_inserts_rotate_like_los_rbtree()
        {
            var (tree, _) = AscendingSeven();

            Assert.That(Shape(tree.Root), Is.EqualTo("2B(1B,4R(3B,6B(5R,7R)))"));
            Assert.That(tree.NodeCount, Is.EqualTo(7));
        }

        [Test]
        public void Deleting_a_node_with_two_children_moves_its_successor_into_its_place()
        {
            var (tree, regions) = AscendingSeven();

            tree.LOS_RbDelNode(regions[1]);

            Assert.That(Shape(tree.Root), Is.EqualTo("3B(1B,6R(4B(.,5R),7B))"));
            Assert.That(tree.NodeCount, Is.EqualTo(6));
            Assert.That(regions[1].ParentNode, Is.Null);
            Assert.That(regions[1].NodeColor, Is.EqualTo(RbColor.Red), "deleted nodes are re-initialised red with NilT links");
        }

        [Test]
        public void Deleting_a_node_that_is_no_longer_in_the_tree_is_ignored()
        {
            var (tree, regions) = AscendingSeven();
            tree.LOS_RbDelNode(regions[4]);
            var shape = Shape(tree.Root);

            tree.LOS_RbDelNode(regions[4]);

            Assert.That(Shape(tree.Root), Is.EqualTo(shape));
            Assert.That(tree.NodeCount, Is.EqualTo(6));
        }

        [Test]
        public void Deleting_every_node_empties_the_tree()
        {
            var (tree, regions) = AscendingSeven();
            foreach (var region in regions.Reverse())
            {
                tree.LOS_RbDelNode(region);
            }

            Assert.That(tree.Root, Is.Null);
            Assert.That(tree.NodeCount, Is.Zero);
            Assert.That(tree.LOS_RbFirstNode(), Is.Null);
        }

        [Test]
        public void Scan_is_in_ascending_address_order_whatever_the_insert_order()
        {
            var tree = NewTree();
            foreach (var i in new uint[] { 9, 3, 14, 1, 7, 12, 5, 2 })
            {
                tree.LOS_RbAddNode(Page(i));
            }

            var bases = tree.ScanSafe().Cast<LosVmMapRegion>().Select(r => r.Base >> 12);

            Assert.That(bases, Is.EqualTo(new uint[] { 1, 2, 3, 5, 7, 9, 12, 14 }));
        }

        [Test]
        public void Scan_safe_survives_deleting_the_yielded_node()
        {
            var (tree, _) = AscendingSeven();
            var seen = 0;
            foreach (var node in tree.ScanSafe())
            {
                tree.LOS_RbDelNode(node);
                seen++;
            }

            Assert.That(seen, Is.EqualTo(7));
            Assert.That(tree.NodeCount, Is.Zero);
        }

        [Test]
        public void Comparator_quirk_key_overlapping_only_the_start_of_a_region_is_smaller()
        {
            var node = new LosVmMapRange(0x2000, 0x2000);

            Assert.That(RegionRangeComparer.OsRegionRbCmpKeyFn(new LosVmMapRange(0x1000, 0x2000), node), Is.EqualTo(RbCompareResult.Smaller));
            Assert.That(RegionRangeComparer.OsRegionRbCmpKeyFn(new LosVmMapRange(0x3000, 0x2000), node), Is.EqualTo(RbCompareResult.Bigger));
            Assert.That(RegionRangeComparer.OsRegionRbCmpKeyFn(new LosVmMapRange(0x2800, 0x100), node), Is.EqualTo(RbCompareResult.Equal), "inside");
            Assert.That(RegionRangeComparer.OsRegionRbCmpKeyFn(new LosVmMapRange(0x1000, 0x4000), node), Is.EqualTo(RbCompareResult.Equal), "covering");
            Assert.That(RegionRangeComparer.OsRegionRbCmpKeyFn(new LosVmMapRange(0x4000, 1), node), Is.EqualTo(RbCompareResult.Bigger), "just after");
            Assert.That(RegionRangeComparer.OsRegionRbCmpKeyFn(new LosVmMapRange(0x1FFF, 1), node), Is.EqualTo(RbCompareResult.Smaller), "just before");
        }

        [Test]
        public void Comparator_quirk_partial_overlap_is_not_found_by_a_lookup()
        {
            var tree = NewTree();
            tree.LOS_RbAddNode(Page(2, 2));

            Assert.That(tree.LOS_RbGetNode(new LosVmMapRange(0x1000, 0x2000), out _), Is.False);
            Assert.That(tree.LOS_RbGetNode(new LosVmMapRange(0x3000, 0x2000), out _), Is.False);
            Assert.That(tree.LOS_RbGetNode(new LosVmMapRange(0x3000, 1), out var hit), Is.True);
            Assert.That(((LosVmMapRegion)hit).Base, Is.EqualTo(0x2000u));
        }

        [Test]
        public void Add_fails_on_equal_but_accepts_a_partial_overlap()
        {
            var tree = NewTree();
            tree.LOS_RbAddNode(Page(2, 2));

            Assert.That(tree.LOS_RbAddNode(Page(3)), Is.False, "inside an existing region");
            Assert.That(tree.LOS_RbAddNode(Page(1, 5)), Is.False, "covering an existing region");
            Assert.That(tree.LOS_RbAddNode(Page(3, 2)), Is.True, "overlapping only the end: the tree itself does not see it");
            Assert.That(tree.NodeCount, Is.EqualTo(2));
        }

        [Test]
        public void Lookup_of_a_key_covering_several_regions_returns_the_first_met_from_the_root()
        {
            var (tree, _) = AscendingSeven();

            Assert.That(tree.LOS_RbGetNode(new LosVmMapRange(0x3000, 0x3000), out var hit), Is.True);

            Assert.That(((LosVmMapRegion)hit).Base >> 12, Is.EqualTo(4u), "pages 3..5 are covered; page 4 sits higher in the tree");
        }

        [Test]
        public void Failed_lookup_reports_the_last_node_visited()
        {
            var (tree, _) = AscendingSeven();

            Assert.That(tree.LOS_RbGetNode(new LosVmMapRange(0x8000, 0x1000), out var last), Is.False);

            Assert.That(((LosVmMapRegion)last).Base >> 12, Is.EqualTo(7u));
        }
    }
}
