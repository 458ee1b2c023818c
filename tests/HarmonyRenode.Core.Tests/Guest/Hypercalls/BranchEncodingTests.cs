using System;
using HarmonyRenode.Core.Guest.Hypercalls;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest.Hypercalls
{
    /// <summary>Expected words from arm-none-eabi-as/objdump of the same branches (firmware build, hr_hypercall_table).</summary>
    public class BranchEncodingTests
    {
        [Test]
        public void Arm_branch_matches_the_assembler()
        {
            // objdump: 400011dc: eaffffcd  b 40001118 <hr_hypercall>
            Assert.That(BranchEncoding.Arm(0x400011DC, 0x40001118), Is.EqualTo(0xEAFFFFCDu));
            // forward: b . + 8 + 4 is offset 1 word
            Assert.That(BranchEncoding.Arm(0x40000000, 0x4000000C), Is.EqualTo(0xEA000001u));
        }

        [Test]
        public void Thumb_wide_branch_matches_the_assembler()
        {
            // objdump: 400013dc: f000 b8fc  b.w 400015d8 <hr_hypercall_from_thumb>
            Assert.That(BranchEncoding.ThumbWide(0x400013DC, 0x400015D8), Is.EqualTo(((ushort)0xF000, (ushort)0xB8FC)));
            // backward by 0x100: S = 1, J1 = J2 = 1
            Assert.That(BranchEncoding.ThumbWide(0x40001104, 0x40001008), Is.EqualTo(((ushort)0xF7FF, (ushort)0xBF80)));
        }

        [Test]
        public void Out_of_range_or_misaligned_targets_are_refused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => BranchEncoding.Arm(0x40000000, 0x48000000));
            Assert.Throws<ArgumentOutOfRangeException>(() => BranchEncoding.Arm(0x40000000, 0x40000002));
            Assert.Throws<ArgumentOutOfRangeException>(() => BranchEncoding.ThumbWide(0x40000000, 0x42000000));
        }
    }
}
