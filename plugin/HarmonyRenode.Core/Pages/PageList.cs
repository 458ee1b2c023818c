using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace HarmonyRenode.Core.Pages
{
    /// <summary>
    /// LOS_DL_LIST threaded through <see cref="LosVmPage"/>: O(1) insert at either end and O(1) unlink of any page,
    /// which the buddy merge needs. A page sits in at most one list, as its single `node` field allows in the kernel.
    /// The links are positions in the pages' array (see <see cref="LosVmPage.Array"/>), so a list holds pages of one
    /// page allocator.
    /// </summary>
    public sealed class PageList : IEnumerable<LosVmPage>
    {
        // Null until Claim takes the first page's array; links are read only on a non-empty list, so after that.
        private LosVmPage[] array = null!;
        private int head = -1;
        private int tail = -1;

        public PageList(string? name = null)
        {
            Name = name ?? "list";
        }

        public string Name { get; }

        public int Count { get; private set; }

        public LosVmPage? First => head < 0 ? null : array[head];

        public LosVmPage? Last => tail < 0 ? null : array[tail];

        public bool Contains(LosVmPage page) => page.ListOwner == this;

        public void AddTail(LosVmPage page)
        {
            Claim(page);
            var index = page.Index;
            page.ListPrev = tail;
            page.ListNext = -1;
            if (tail < 0)
            {
                head = index;
            }
            else
            {
                array[tail].ListNext = index;
            }
            tail = index;
            Count++;
        }

        public void AddHead(LosVmPage page)
        {
            Claim(page);
            var index = page.Index;
            page.ListPrev = -1;
            page.ListNext = head;
            if (head < 0)
            {
                tail = index;
            }
            else
            {
                array[head].ListPrev = index;
            }
            head = index;
            Count++;
        }

        public void Remove(LosVmPage page)
        {
            if (page.ListOwner != this)
            {
                ThrowNotListed(page);
            }
            var prev = page.ListPrev;
            var next = page.ListNext;
            if (prev < 0)
            {
                head = next;
            }
            else
            {
                array[prev].ListNext = next;
            }
            if (next < 0)
            {
                tail = prev;
            }
            else
            {
                array[next].ListPrev = prev;
            }
            page.ListPrev = -1;
            page.ListNext = -1;
            page.ListOwner = null;
            Count--;
        }

        public LosVmPage? RemoveFirst()
        {
            var page = First;
            if (page != null)
            {
                Remove(page);
            }
            return page;
        }

        public IEnumerator<LosVmPage> GetEnumerator()
        {
            // Snapshot the successor first so callers may unlink the current page (LOS_DL_LIST_FOR_EACH_ENTRY_SAFE).
            for (var index = head; index >= 0;)
            {
                var page = array[index];
                index = page.ListNext;
                yield return page;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Claim(LosVmPage page)
        {
            if (page.ListOwner != null || page.Array != array || array == null)
            {
                Adopt(page);
            }
            page.ListOwner = this;
        }

        /// <summary>The rare cases of <see cref="Claim"/>: a listed page, a first page, a page of another array.</summary>
        private void Adopt(LosVmPage page)
        {
            if (page.ListOwner != null)
            {
                throw new InvalidOperationException($"{page} is already in {page.ListOwner.Name}");
            }
            if (page.Array == null || page.Array[page.Index] != page)
            {
                throw new InvalidOperationException($"{page} belongs to no page array and cannot be listed");
            }
            if (head >= 0)
            {
                throw new InvalidOperationException($"{page} is of another page array than the pages of {Name}");
            }
            array = page.Array;
        }

        private void ThrowNotListed(LosVmPage page) => throw new InvalidOperationException($"{page} is not in {Name}");
    }
}
