using System;
using System.Collections;
using System.Collections.Generic;

namespace HarmonyRenode.Core.Pages
{
    /// <summary>
    /// LOS_DL_LIST threaded through <see cref="LosVmPage"/>: O(1) insert at either end and O(1) unlink of any page,
    /// which the buddy merge needs. A page sits in at most one list, as its single `node` field allows in the kernel.
    /// </summary>
    public sealed class PageList : IEnumerable<LosVmPage>
    {
        private LosVmPage head;
        private LosVmPage tail;

        public PageList(string name = null)
        {
            Name = name ?? "list";
        }

        public string Name { get; }

        public int Count { get; private set; }

        public LosVmPage First => head;

        public LosVmPage Last => tail;

        public bool Contains(LosVmPage page) => page.ListOwner == this;

        public void AddTail(LosVmPage page)
        {
            Claim(page);
            page.ListPrev = tail;
            page.ListNext = null;
            if (tail == null)
            {
                head = page;
            }
            else
            {
                tail.ListNext = page;
            }
            tail = page;
            Count++;
        }

        public void AddHead(LosVmPage page)
        {
            Claim(page);
            page.ListPrev = null;
            page.ListNext = head;
            if (head == null)
            {
                tail = page;
            }
            else
            {
                head.ListPrev = page;
            }
            head = page;
            Count++;
        }

        public void Remove(LosVmPage page)
        {
            if (page.ListOwner != this)
            {
                ThrowNotListed(page);
            }
            if (page.ListPrev == null)
            {
                head = page.ListNext;
            }
            else
            {
                page.ListPrev.ListNext = page.ListNext;
            }
            if (page.ListNext == null)
            {
                tail = page.ListPrev;
            }
            else
            {
                page.ListNext.ListPrev = page.ListPrev;
            }
            page.ListPrev = null;
            page.ListNext = null;
            page.ListOwner = null;
            Count--;
        }

        public LosVmPage RemoveFirst()
        {
            var page = head;
            if (page != null)
            {
                Remove(page);
            }
            return page;
        }

        public IEnumerator<LosVmPage> GetEnumerator()
        {
            // Snapshot the successor first so callers may unlink the current page (LOS_DL_LIST_FOR_EACH_ENTRY_SAFE).
            for (var page = head; page != null;)
            {
                var next = page.ListNext;
                yield return page;
                page = next;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private void Claim(LosVmPage page)
        {
            if (page.ListOwner != null)
            {
                ThrowAlreadyListed(page);
            }
            page.ListOwner = this;
        }

        // Throws live apart so the list operations stay small enough to inline.
        private static void ThrowAlreadyListed(LosVmPage page) => throw new InvalidOperationException($"{page} is already in {page.ListOwner.Name}");

        private void ThrowNotListed(LosVmPage page) => throw new InvalidOperationException($"{page} is not in {Name}");
    }
}
