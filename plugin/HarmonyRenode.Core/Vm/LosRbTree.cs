using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// LosRbTree (lib/libscrew/src/los_rbtree.c): a red-black tree with a NilT sentinel whose parent link the
    /// delete path uses, an injected key getter and comparator, and insert/delete fix-ups step for step like
    /// the kernel's, so the tree has the same shape after the same operations. The shape matters because the
    /// region comparator (docs/memory-manager.md §3.3) is not a total order: which node a lookup finds depends on it.
    /// The walk list (LOS_RbCreateWalk, used only by LOS_RbDestroyTree) is not modelled: nothing in the VM uses it.
    /// </summary>
    public sealed class LosRbTree<TKey>
    {
        private readonly LosRbNode nilT = new LosRbNode(true);
        private readonly Func<LosRbNode, TKey> getKey;
        private readonly Func<TKey, TKey, RbCompareResult> compareKey;
        private LosRbNode root;

        /// <summary>Nodes whose links changed during the current operation, when the tree is mirrored in guest RAM.</summary>
        private List<LosRbNode>? changes;
        private ILosRbTreeMirror? mirror;

        /// <summary>LOS_RbInitTree(tree, pfCmpKey, pfFree, pfGetKey); freeing is the caller's business here.</summary>
        public LosRbTree(Func<LosRbNode, TKey> getKey, Func<TKey, TKey, RbCompareResult> compareKey)
        {
            this.getKey = getKey ?? throw new ArgumentNullException(nameof(getKey));
            this.compareKey = compareKey ?? throw new ArgumentNullException(nameof(compareKey));
            root = nilT;
        }

        /// <summary>
        /// Mirror the tree in guest RAM: after every insert and delete the nodes it touched, the root and ulNodes go to
        /// <paramref name="treeMirror"/>. <paramref name="nilTAddress"/> is &amp;tree->stNilT, what leaf links point at.
        /// </summary>
        internal void MirrorTo(ILosRbTreeMirror treeMirror, uint nilTAddress)
        {
            mirror = treeMirror;
            changes = new List<LosRbNode>();
            nilT.GuestAddress = nilTAddress;
            nilT.HasGuestCopy = true;
            nilT.ChangeLog = changes;
        }

        /// <summary>The NilT sentinel (its parent link is part of the kernel's state: the delete fix-up writes it).</summary>
        internal LosRbNode NilT => nilT;

        /// <summary>pstRoot as the kernel holds it: NilT when the tree is empty.</summary>
        internal LosRbNode RawRoot => root;

        /// <summary>ulNodes.</summary>
        public int NodeCount { get; private set; }

        /// <summary>The root element, null when empty.</summary>
        public LosRbNode? Root => root.IsNilT ? null : root;

        /// <summary>
        /// LOS_RbGetNode: descend from the root; EQUAL → (true, that node); otherwise (false, the last node
        /// visited, which is where a new key would hang) — or null when the tree is empty.
        /// </summary>
        public bool LOS_RbGetNode(TKey key, [NotNullWhen(true)] out LosRbNode? node)
        {
            var last = root;
            var x = root;
            while (!x.IsNilT)
            {
                var result = compareKey(key, getKey(x));
                if (result == RbCompareResult.Equal)
                {
                    node = x;
                    return true;
                }
                last = x;
                x = result == RbCompareResult.Smaller ? x.Left : x.Right;
            }
            node = last.IsNilT ? null : last;
            return false;
        }

        /// <summary>LOS_RbAddNode: fails (false) when a lookup of the new node's key reports EQUAL with any node on the path.</summary>
        public bool LOS_RbAddNode(LosRbNode newNode)
        {
            if (newNode == null)
            {
                return false;
            }
            if (LOS_RbGetNode(getKey(newNode), out var parent))
            {
                return false;
            }
            newNode.ChangeLog = changes;
            InsertOneNode(parent ?? nilT, newNode);
            Publish();
            return true;
        }

        /// <summary>
        /// LOS_RbDelNode: a node whose links are all NilT and which is not the root is "not in a tree" and
        /// ignored (that is how a node deleted earlier, e.g. by the region-split size-0 quirk, stays harmless).
        /// </summary>
        public void LOS_RbDelNode(LosRbNode z)
        {
            if (z == null || z.IsNilT || z.Parent == null)
            {
                // Parent null: never inserted (the kernel would dereference garbage; the model just ignores it).
                return;
            }
            if (z.Parent == nilT && z.Left == nilT && z.Right == nilT && root != z)
            {
                return;
            }
            NodeCount--;

            if (z.Left == nilT || z.Right == nilT)
            {
                var child = z.Left != nilT ? z.Left : z.Right;
                child.Parent = z.Parent; // may write NilT.Parent: the fix-up relies on it
                ReplaceInParent(z, child);
                if (z.Color == RbColor.Black)
                {
                    DeleteFixup(child);
                }
                Reinitialize(z);
                Publish();
                return;
            }

            // Two children: unlike the textbook, the successor node itself is moved into z's place
            // (elements are the nodes, there is no separate key to copy).
            var del = z;
            var succ = z.Right;
            while (succ.Left != nilT)
            {
                succ = succ.Left;
            }
            var succChild = succ.Right;
            var removedColor = succ.Color;

            succChild.Parent = succ.Parent;
            if (succ.Parent == nilT)
            {
                root = succChild;
            }
            else if (succ.Parent.Left == succ)
            {
                succ.Parent.Left = succChild;
            }
            else
            {
                succ.Parent.Right = succChild;
            }

            succ.Parent = del.Parent;
            succ.Color = del.Color;
            succ.Right = del.Right;
            succ.Left = del.Left;
            ReplaceInParent(del, succ);
            del.Left.Parent = succ;
            del.Right.Parent = succ;

            if (removedColor == RbColor.Black)
            {
                DeleteFixup(succChild);
            }
            Reinitialize(del);
            Publish();
        }

        /// <summary>LOS_RbFirstNode: leftmost node or null.</summary>
        public LosRbNode? LOS_RbFirstNode()
        {
            if (root.IsNilT)
            {
                return null;
            }
            var node = root;
            while (!node.Left.IsNilT)
            {
                node = node.Left;
            }
            return node;
        }

        /// <summary>LOS_RbSuccessorNode: in-order successor or null (also null for a node no longer in a tree).</summary>
        public LosRbNode? LOS_RbSuccessorNode(LosRbNode? node)
        {
            if (node == null || node.IsNilT || node.RawRight == null)
            {
                return null;
            }
            if (node.Right != nilT)
            {
                node = node.Right;
                while (node.Left != nilT)
                {
                    node = node.Left;
                }
                return node;
            }
            var y = node.Parent;
            while (y != nilT && node == y.Right)
            {
                node = y;
                y = y.Parent;
            }
            return y == nilT ? null : y;
        }

        /// <summary>
        /// RB_SCAN_SAFE: ascending scan that fetches the successor before yielding a node, so the caller may delete
        /// the yielded node. As in the kernel, the successor of the pre-fetched node is taken after the body ran.
        /// </summary>
        public IEnumerable<LosRbNode> ScanSafe()
        {
            var node = LOS_RbFirstNode();
            var next = LOS_RbSuccessorNode(node);
            while (node != null)
            {
                yield return node;
                node = next;
                next = LOS_RbSuccessorNode(node);
            }
        }

        /// <summary>RB_MID_SCAN: ascending scan starting at <paramref name="start"/> (successor taken after the body).</summary>
        public IEnumerable<LosRbNode> MidScan(LosRbNode start)
        {
            for (var node = start; node != null; node = LOS_RbSuccessorNode(node))
            {
                yield return node;
            }
        }

        private void InsertOneNode(LosRbNode parent, LosRbNode newNode)
        {
            // LOS_RbInsertOneNodeProcess: the side is decided by comparing the keys again; anything but SMALLER goes right.
            newNode.Color = RbColor.Red;
            newNode.Left = nilT;
            newNode.Right = nilT;
            newNode.Parent = parent;
            if (parent == nilT)
            {
                root = newNode;
            }
            else if (compareKey(getKey(newNode), getKey(parent)) == RbCompareResult.Smaller)
            {
                parent.Left = newNode;
            }
            else
            {
                parent.Right = newNode;
            }
            InsertFixup(newNode);
        }

        private void InsertFixup(LosRbNode x)
        {
            NodeCount++;
            while (x.Parent.Color == RbColor.Red)
            {
                var parent = x.Parent;
                var grand = parent.Parent;
                if (parent == grand.Left)
                {
                    var uncle = grand.Right;
                    if (uncle.Color == RbColor.Red)
                    {
                        uncle.Color = RbColor.Black;
                        parent.Color = RbColor.Black;
                        grand.Color = RbColor.Red;
                        x = grand;
                        continue;
                    }
                    if (parent.Right == x)
                    {
                        x = parent;
                        RotateLeft(x);
                    }
                    x.Parent.Color = RbColor.Black;
                    grand.Color = RbColor.Red;
                    RotateRight(grand);
                }
                else
                {
                    var uncle = grand.Left;
                    if (uncle.Color == RbColor.Red)
                    {
                        uncle.Color = RbColor.Black;
                        parent.Color = RbColor.Black;
                        grand.Color = RbColor.Red;
                        x = grand;
                        continue;
                    }
                    if (parent.Left == x)
                    {
                        x = parent;
                        RotateRight(x);
                    }
                    x.Parent.Color = RbColor.Black;
                    grand.Color = RbColor.Red;
                    RotateLeft(grand);
                }
            }
            root.Color = RbColor.Black;
        }

        private void DeleteFixup(LosRbNode node)
        {
            while (node != root && node.Color == RbColor.Black)
            {
                if (node.Parent.Left == node)
                {
                    var w = node.Parent.Right;
                    if (w.Color == RbColor.Red)
                    {
                        w.Color = RbColor.Black;
                        node.Parent.Color = RbColor.Red;
                        RotateLeft(node.Parent);
                        w = node.Parent.Right;
                    }
                    if (w.Left.Color == RbColor.Black && w.Right.Color == RbColor.Black)
                    {
                        w.Color = RbColor.Red;
                        node = node.Parent;
                    }
                    else
                    {
                        if (w.Right.Color == RbColor.Black)
                        {
                            w.Left.Color = RbColor.Black;
                            w.Color = RbColor.Red;
                            RotateRight(w);
                            w = node.Parent.Right;
                        }
                        w.Color = node.Parent.Color;
                        node.Parent.Color = RbColor.Black;
                        w.Right.Color = RbColor.Black;
                        RotateLeft(node.Parent);
                        node = root;
                    }
                }
                else
                {
                    var w = node.Parent.Left;
                    if (w.Color == RbColor.Red)
                    {
                        w.Color = RbColor.Black;
                        node.Parent.Color = RbColor.Red;
                        RotateRight(node.Parent);
                        w = node.Parent.Left;
                    }
                    if (w.Left.Color == RbColor.Black && w.Right.Color == RbColor.Black)
                    {
                        w.Color = RbColor.Red;
                        node = node.Parent;
                    }
                    else
                    {
                        if (w.Left.Color == RbColor.Black)
                        {
                            w.Right.Color = RbColor.Black;
                            w.Color = RbColor.Red;
                            RotateLeft(w);
                            w = node.Parent.Left;
                        }
                        w.Color = node.Parent.Color;
                        node.Parent.Color = RbColor.Black;
                        w.Left.Color = RbColor.Black;
                        RotateRight(node.Parent);
                        node = root;
                    }
                }
            }
            node.Color = RbColor.Black;
        }

        private void RotateLeft(LosRbNode x)
        {
            // The kernel saves and restores NilT's parent around rotations: the delete fix-up still needs it.
            var nilParent = nilT.Parent;
            var y = x.Right;
            x.Right = y.Left;
            y.Left.Parent = x;
            y.Parent = x.Parent;
            if (x.Parent == nilT)
            {
                root = y;
            }
            else if (x == x.Parent.Left)
            {
                x.Parent.Left = y;
            }
            else
            {
                x.Parent.Right = y;
            }
            x.Parent = y;
            y.Left = x;
            nilT.Parent = nilParent;
        }

        private void RotateRight(LosRbNode y)
        {
            var nilParent = nilT.Parent;
            var x = y.Left;
            y.Left = x.Right;
            x.Right.Parent = y;
            x.Parent = y.Parent;
            if (y.Parent == nilT)
            {
                root = x;
            }
            else if (y == y.Parent.Right)
            {
                y.Parent.Right = x;
            }
            else
            {
                y.Parent.Left = x;
            }
            y.Parent = x;
            x.Right = y;
            nilT.Parent = nilParent;
        }

        private void ReplaceInParent(LosRbNode old, LosRbNode replacement)
        {
            if (old.Parent == nilT)
            {
                root = replacement;
            }
            else if (old.Parent.Left == old)
            {
                old.Parent.Left = replacement;
            }
            else
            {
                old.Parent.Right = replacement;
            }
        }

        private void Publish()
        {
            if (mirror == null || changes == null) // MirrorTo sets both
            {
                return;
            }
            mirror.Publish(changes, root, NodeCount);
            foreach (var node in changes)
            {
                node.Changed = false;
            }
            changes.Clear();
        }

        private void Reinitialize(LosRbNode node)
        {
            node.Color = RbColor.Red;
            node.Left = nilT;
            node.Right = nilT;
            node.Parent = nilT;
        }
    }
}
