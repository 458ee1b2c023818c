using System;
using System.Linq;
using HarmonyRenode.Core.Pages;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Pages
{
    /// <summary>The page list links pages by their position in the page array: what that allows and refuses.</summary>
    [TestFixture]
    public sealed class PageListTests
    {
        [Test]
        public void Pages_link_at_both_ends_and_unlink_from_the_middle_in_order()
        {
            var f = new PhysFixture();
            var a = f.Phys.LOS_PhysPageAlloc();
            var b = f.Phys.LOS_PhysPageAlloc();
            var c = f.Phys.LOS_PhysPageAlloc();
            var list = new PageList("test");

            list.AddTail(b);
            list.AddHead(a);
            list.AddTail(c);
            Assert.That(list.Select(p => p.Index), Is.EqualTo(new[] { a.Index, b.Index, c.Index }));
            Assert.That((list.First, list.Last, list.Count), Is.EqualTo((a, c, 3)));

            list.Remove(b);
            Assert.That(list.Select(p => p.Index), Is.EqualTo(new[] { a.Index, c.Index }));
            Assert.That(list.Contains(b), Is.False);
            Assert.That(list.RemoveFirst(), Is.SameAs(a));
            Assert.That(list.RemoveFirst(), Is.SameAs(c));
            Assert.That((list.First, list.Last, list.Count), Is.EqualTo(((LosVmPage)null, (LosVmPage)null, 0)));
        }

        [Test]
        public void A_page_of_another_page_allocator_is_refused_while_the_list_holds_pages()
        {
            var mine = new PhysFixture();
            var other = new PhysFixture();
            var list = new PageList("test");
            list.AddTail(mine.Phys.LOS_PhysPageAlloc());
            var foreign = other.Phys.LOS_PhysPageAlloc();

            Assert.That(() => list.AddTail(foreign), Throws.InvalidOperationException.With.Message.Contains("another page array"));
            Assert.That(foreign.List, Is.Null);
            Assert.That(list.Count, Is.EqualTo(1));

            // Emptied, the list may take the other allocator's pages.
            list.RemoveFirst();
            list.AddTail(foreign);
            Assert.That(list.First, Is.SameAs(foreign));
        }

        [Test]
        public void A_page_outside_any_page_array_cannot_be_listed()
        {
            var list = new PageList("test");

            Assert.That(() => list.AddTail(new LosVmPage(0x40000000, 0, 0)), Throws.InvalidOperationException.With.Message.Contains("no page array"));
            Assert.That(list.Count, Is.Zero);
        }

        [Test]
        public void A_listed_page_is_refused_by_a_second_list()
        {
            var f = new PhysFixture();
            var page = f.Phys.LOS_PhysPageAlloc();
            var first = new PageList("first");
            first.AddTail(page);

            Assert.That(() => new PageList("second").AddHead(page), Throws.InvalidOperationException.With.Message.Contains("already in first"));
            Assert.That(() => new PageList("third").Remove(page), Throws.InvalidOperationException);
        }
    }
}
