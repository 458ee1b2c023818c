using HarmonyRenode.Core.Heap;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Heap
{
    public class HeapCorruptionTests
    {
        [Test]
        public void Clean_heap_passes_memcheck()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(32);
            f.Pool.LOS_MemAllocAlign(40, 128);
            f.Pool.LOS_MemAlloc(32);
            f.Pool.LOS_MemFree(a);

            Assert.That(f.Pool.CheckIntegrity(), Is.Empty);
            Assert.That(f.Pool.LOS_MemIntegrityCheck(), Is.EqualTo(LosReturn.Ok));
            Assert.That(f.Pool.MemCheckText(), Is.EqualTo("system memcheck over, all passed!\n"));
        }

        [Test]
        public void Guest_overwriting_a_used_node_magic_is_reported_with_expected_and_actual_words()
        {
            var f = new HeapFixture();
            f.Pool.LOS_MemAlloc(32);
            var b = f.Pool.LOS_MemAlloc(32);
            f.Memory.WriteUInt32(b - 12, 0x12345678);

            var problems = f.Pool.CheckIntegrity();

            Assert.That(problems, Has.Count.EqualTo(1));
            Assert.That(problems[0].Node, Is.EqualTo(b - 12));
            Assert.That(problems[0].Field, Is.EqualTo("magic"));
            Assert.That(problems[0].Expected, Is.EqualTo(0xABCDDCBAu));
            Assert.That(problems[0].Actual, Is.EqualTo(0x12345678u));
            Assert.That(f.Pool.MemCheckText(), Does.Contain($"broken node 0x{b - 12:x8}: magic at 0x{b - 12:x8} expected 0xabcddcba, actual 0x12345678"));
        }

        [Test]
        public void MemIntegrityCheck_on_a_broken_node_panics_with_the_kernels_message()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(32);
            var b = f.Pool.LOS_MemAlloc(32);
            f.Memory.WriteUInt32(b - 12, 0x12345678);

            // OsMemIntegrityCheckError: cur node is b's head, pre node the node walked before it, a's.
            var panic = Assert.Throws<KernelPanicException>(() => f.Pool.LOS_MemIntegrityCheck());

            Assert.That(panic.Message, Is.EqualTo($"Memory integrity check error, cur node: 0x{b - 12:x}, pre node: 0x{a - 12:x}"));
            Assert.That(f.Pool.LastCorruption.Node, Is.EqualTo(b - 12));
        }

        [Test]
        public void MemIntegrityCheck_names_the_first_node_as_its_own_pre_node()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(32);
            f.Memory.WriteUInt32(a - 12, 0);

            var panic = Assert.Throws<KernelPanicException>(() => f.Pool.LOS_MemIntegrityCheck());

            Assert.That(panic.Message, Is.EqualTo($"Memory integrity check error, cur node: 0x{a - 12:x}, pre node: 0x{a - 12:x}"));
        }

        [Test]
        public void MemIntegrityCheck_with_only_the_pool_head_touched_answers_LOS_NOK()
        {
            var f = new HeapFixture();
            f.Pool.LOS_MemAlloc(32);
            f.Memory.WriteUInt32(f.Pool.Pool + MemConstants.BitmapOffset, 0xFFFFFFFF);
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemIntegrityCheck(), Is.EqualTo(LosReturn.Nok));
            Assert.That(f.Log.Lines.Count - logs, Is.EqualTo(1));
        }

        [Test]
        public void Free_of_a_block_whose_header_the_guest_overwrote_is_refused_without_change()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(32);
            f.Pool.LOS_MemAlloc(32);
            f.Memory.WriteUInt32(a - 4, 0x80001000);   // the guest grew its own sizeAndFlag
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemFree(a), Is.EqualTo(LosReturn.Nok));

            Assert.That(f.Log.Lines.Count - logs, Is.EqualTo(1));
            Assert.That(f.Log.Lines[logs], Does.Contain("sizeAndFlag").And.Contain("expected 0x8000002c, actual 0x80001000"));
            Assert.That(f.Pool.LastCorruption.Node, Is.EqualTo(a - 12));
            HeapAssert.Unchanged(before, f.Take());
        }

        [Test]
        public void Free_checks_the_next_node_header_too()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(32);
            var b = f.Pool.LOS_MemAlloc(32);
            f.Memory.WriteUInt32(b - 12 + 4, 0);       // overflow from a wiped b's prev pointer

            Assert.That(f.Pool.LOS_MemFree(a), Is.EqualTo(LosReturn.Nok));
            Assert.That(f.Pool.LastCorruption.Node, Is.EqualTo(b - 12));
            Assert.That(f.Pool.LastCorruption.Field, Is.EqualTo("prev"));
        }

        [Test]
        public void Overwritten_free_list_link_is_reported()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(32);
            f.Pool.LOS_MemAlloc(32);
            f.Pool.LOS_MemFree(a);
            f.Memory.WriteUInt32(a + 4, 0xDEADBEEF);   // use after free: freeNode.next

            var problems = f.Pool.CheckIntegrity();

            Assert.That(problems, Has.Count.EqualTo(1));
            Assert.That(problems[0].Field, Is.EqualTo("freeNode.next"));
            Assert.That(problems[0].Address, Is.EqualTo(a + 4));
        }

        [Test]
        public void Overwritten_gap_word_and_pool_head_are_reported()
        {
            var f = new HeapFixture();
            var p = f.Pool.LOS_MemAllocAlign(16, 64);
            f.Memory.WriteUInt32(p - 4, 0);
            f.Memory.WriteUInt32(HeapFixture.PoolVa + 4, 0);

            var problems = f.Pool.CheckIntegrity();

            Assert.That(problems, Has.Count.EqualTo(2));
            Assert.That(problems[0].Field, Is.EqualTo("info.totalSize"));
            Assert.That(problems[1].Field, Is.EqualTo("gapSize"));
            Assert.That(problems[1].Expected, Is.EqualTo(0x4000000Cu));
        }

        [Test]
        public void Header_check_on_free_can_be_turned_off()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(32);
            f.Pool.LOS_MemAlloc(32);
            f.Memory.WriteUInt32(a - 12, 0);
            f.Pool.VerifyGuestHeadersOnFree = false;

            Assert.That(f.Pool.LOS_MemFree(a), Is.EqualTo(LosReturn.Ok));
        }
    }
}
