using HarmonyRenode.Core.Oracle;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Oracle
{
    /// <summary>The access size of a faulting A32 instruction, from its encoding (GCC's output for these accesses).</summary>
    public class ArmAccessDecoderTests
    {
        [TestCase(0xE5801000u, 4u, TestName = "str r1, [r0]")]
        [TestCase(0xE5903004u, 4u, TestName = "ldr r3, [r0, #4]")]
        [TestCase(0xE5C32008u, 1u, TestName = "strb r2, [r3, #8]")]
        [TestCase(0xE7D32001u, 1u, TestName = "ldrb r2, [r3, r1]")]
        [TestCase(0xE1C320B2u, 2u, TestName = "strh r2, [r3, #2]")]
        [TestCase(0xE1D320F2u, 2u, TestName = "ldrsh r2, [r3, #2]")]
        [TestCase(0xE1D320D1u, 1u, TestName = "ldrsb r2, [r3, #1]")]
        [TestCase(0xE1C320F0u, 8u, TestName = "strd r2, r3, [r3]")]
        [TestCase(0xE1C320D0u, 8u, TestName = "ldrd r2, r3, [r3]")]
        [TestCase(0xE890000Fu, 16u, TestName = "ldm r0, {r0-r3}")]
        public void A_load_or_store_gives_its_size(uint instruction, uint size) =>
            Assert.That(ArmAccessDecoder.AccessSize(instruction), Is.EqualTo(size));

        [TestCase(0xE0810002u, TestName = "add r0, r1, r2")]
        [TestCase(0xE0000291u, TestName = "mul r0, r1, r2")]
        [TestCase(0xE1902F9Fu, TestName = "ldrex r2, [r0]")]
        [TestCase(0xF5D0F000u, TestName = "pld [r0]")]
        public void Anything_else_is_unknown(uint instruction) =>
            Assert.That(ArmAccessDecoder.AccessSize(instruction), Is.Null);
    }
}
