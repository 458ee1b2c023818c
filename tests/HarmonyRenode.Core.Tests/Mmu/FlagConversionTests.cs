using System.Collections.Generic;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Mmu.Walk;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Mmu
{
    /// <summary>docs/memory-manager.md §4.3, every combination of cache type × USER/READ/WRITE × EXECUTE, in both directions.</summary>
    public class FlagConversionTests
    {
        // docs/memory-manager.md §4.2 values, written out here rather than taken from the production constants.
        private static readonly uint[] SectionCache = { 0x100C, 0x1000, 0x4, 0x0 }; // CACHED, UNCACHED, DEVICE, SO
        private static readonly uint[] PageCache = { 0x4C, 0x40, 0x4, 0x0 };

        // Index = USER<<2 | READ<<1 | WRITE.
        private static readonly uint[] SectionAp = { 0x0, 0x400, 0x8400, 0x400, 0x8400, 0xC00, 0x8C00, 0xC00 };
        private static readonly uint[] PageAp = { 0x0, 0x10, 0x210, 0x10, 0x210, 0x30, 0x230, 0x30 };

        public static IEnumerable<TestCaseData> AllCombinations()
        {
            for (uint cache = 0; cache < 4; cache++)
            {
                for (uint urw = 0; urw < 8; urw++)
                {
                    foreach (var exec in new[] { false, true })
                    {
                        var flags = (RegionFlags)cache
                            | ((urw & 4) != 0 ? RegionFlags.PermUser : 0)
                            | ((urw & 2) != 0 ? RegionFlags.PermRead : 0)
                            | ((urw & 1) != 0 ? RegionFlags.PermWrite : 0)
                            | (exec ? RegionFlags.PermExecute : 0);
                        var user = (urw & 4) != 0;
                        var section = SectionCache[cache] | 0x20 | SectionAp[urw] | (exec ? 0u : 0x10u) | (user ? 0x20000u : 0u);
                        var page = PageCache[cache] | PageAp[urw] | (exec ? 2u : 3u) | (user ? 0x800u : 0u);
                        yield return new TestCaseData(flags, section, page).SetName($"Flags_0x{(uint)flags:X2}_give_section_0x{section:X}_page_0x{page:X}");
                    }
                }
            }
        }

        [TestCaseSource(nameof(AllCombinations))]
        public void Section_and_page_attributes_follow_the_spec_tables(RegionFlags flags, uint section, uint page)
        {
            Assert.That(MmuFlagConversion.OsCvtSecFlagsToAttrs(flags), Is.EqualTo(section));
            Assert.That(MmuFlagConversion.OsCvtPte2FlagsToAttrs(flags), Is.EqualTo(page));
        }

        [TestCaseSource(nameof(AllCombinations))]
        public void Mapped_words_in_guest_ram_and_the_walk_match_the_flags(RegionFlags flags, uint section, uint page)
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            Assert.That(user.LOS_ArchMmuMap(0x01000000, 0x40200000, 1, flags), Is.EqualTo(1));
            Assert.That(user.LOS_ArchMmuMap(0x02000000, 0x40300000, 256, flags), Is.EqualTo(256));

            var l2Pa = user.L1Entry(0x010) & ~0x3FFu;
            Assert.That(f.Memory.ReadUInt32(l2Pa), Is.EqualTo(0x40200000 | page));
            Assert.That(f.Memory.ReadUInt32(user.PhysTtb + 0x020 * 4), Is.EqualTo(0x40300000 | section | 2));

            ExpectedAttributes.AssertTranslation(f.Walk(user, 0x01000123, AccessKind.Read, true), 0x40200123, flags, "page");
            ExpectedAttributes.AssertTranslation(f.Walk(user, 0x020ABCDE, AccessKind.Read, true), 0x403ABCDE, flags, "section");
        }

        [TestCaseSource(nameof(AllCombinations))]
        public void Query_reports_flags_recoverable_from_the_descriptors(RegionFlags flags, uint section, uint page)
        {
            // Reverse (OsCvt*AttsToFlags): PERM_READ always; USER only when the AP grants user access; WRITE when writable.
            var (_, pw, ur, _) = ExpectedAttributes.Access(flags);
            var expected = (flags & (RegionFlags.CacheMask | RegionFlags.PermExecute)) | RegionFlags.PermRead
                | (ur ? RegionFlags.PermUser : 0) | (pw ? RegionFlags.PermWrite : 0);
            Assert.That(MmuFlagConversion.OsCvtSecAttsToFlags(section | 2), Is.EqualTo(expected));
            Assert.That(MmuFlagConversion.OsCvtPte2AttsToFlags(1, page), Is.EqualTo(expected));
        }

        [Test]
        public void Quirk_user_without_read_or_write_maps_privileged_read_only()
        {
            Assert.That(MmuFlagConversion.OsCvtPte2FlagsToAttrs(RegionFlags.PermUser) & 0x230, Is.EqualTo(0x210u));
            Assert.That(MmuFlagConversion.OsCvtSecFlagsToAttrs(RegionFlags.PermUser) & 0x8C00, Is.EqualTo(0x8400u));
        }

        [Test]
        public void Ns_and_device_non_shared_decode_on_query()
        {
            Assert.That(MmuFlagConversion.OsCvtSecAttsToFlags(0x80000 | 0x2000 | 0x10 | 2),
                Is.EqualTo(RegionFlags.NonSecure | RegionFlags.UncachedDevice | RegionFlags.PermRead));
            Assert.That(MmuFlagConversion.OsCvtPte2AttsToFlags(0x8 | 1, 0x80 | 0x3),
                Is.EqualTo(RegionFlags.NonSecure | RegionFlags.UncachedDevice | RegionFlags.PermRead));
        }

        [Test]
        public void Composite_boot_constants_have_the_spec_values()
        {
            Assert.That(MmuDescriptor.KernelL1PteFlags, Is.EqualTo(0x142Eu));
            Assert.That(MmuDescriptor.InitialMapNormalNoCache, Is.EqualTo(0x1422u));
            Assert.That(MmuDescriptor.InitialMapDevice, Is.EqualTo(0x426u));
            Assert.That(MmuDescriptor.InitialMapStronglyOrdered, Is.EqualTo(0x422u));
            Assert.That(MmuDescriptor.TtbrFlags, Is.EqualTo(0x48u));
            Assert.That(MmuDescriptor.L1TexTypeMask, Is.EqualTo(0x700Cu));
            Assert.That(MmuDescriptor.L2TexTypeMask, Is.EqualTo(0x1CCu));
        }
    }
}
