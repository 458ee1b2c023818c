using System.Collections.Generic;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// LosRbNode: the links a tree element carries. In LiteOS-A it is the first member of the element
    /// (a region), so a node pointer is the element pointer; here elements derive from it for the same effect.
    /// Links point at the owning tree's NilT sentinel, never null, once the node has been in a tree.
    /// A node of a tree whose links are mirrored in guest RAM records itself as changed when a link or its colour is
    /// written, so the tree publishes only the nodes an operation touched.
    /// </summary>
    public class LosRbNode
    {
        internal readonly bool IsNilT;
        private LosRbNode? parent;
        private LosRbNode? left;
        private LosRbNode? right;
        private RbColor color;

        /// <summary>The tree's list of changed nodes while this node belongs to a mirrored tree, else null.</summary>
        internal List<LosRbNode>? ChangeLog;

        /// <summary>True while this node is on <see cref="ChangeLog"/>.</summary>
        internal bool Changed;

        public LosRbNode()
        {
        }

        internal LosRbNode(bool isNilT)
        {
            IsNilT = isNilT;
            color = RbColor.Black;
        }

        /// <summary>
        /// Kernel VA of the node in guest RAM (for a region: the LosVmMapRegion, whose first member the node is; for a
        /// tree's NilT: &amp;tree->stNilT), 0 while it never had a guest copy. A freed node keeps the address it had:
        /// links that still point at it (the NilT's parent after a delete) hold that stale pointer, as in the kernel.
        /// </summary>
        public uint GuestAddress { get; internal set; }

        /// <summary>True while the node's guest copy is live (allocated and written); links are published only then.</summary>
        internal bool HasGuestCopy;

        // The tree's own links: while the node is in a tree each one is a node or the tree's NilT, never null
        // (los_rbtree.c links every leaf to &stNilT), and only the tree's algorithms use these, so the `!`s hold.
        internal LosRbNode Parent
        {
            get => parent!;
            set
            {
                parent = value;
                MarkChanged();
            }
        }

        internal LosRbNode Left
        {
            get => left!;
            set
            {
                left = value;
                MarkChanged();
            }
        }

        internal LosRbNode Right
        {
            get => right!;
            set
            {
                right = value;
                MarkChanged();
            }
        }

        internal RbColor Color
        {
            get => color;
            set
            {
                color = value;
                MarkChanged();
            }
        }

        /// <summary>Colour as the insert/delete fix-ups left it (exposed for shape tests and diagnostics).</summary>
        public RbColor NodeColor => color;

        public LosRbNode? LeftChild => Real(left);

        public LosRbNode? RightChild => Real(right);

        public LosRbNode? ParentNode => Real(parent);

        /// <summary>The raw links (NilT included), for the tree's publisher and the invariant checker.</summary>
        internal LosRbNode? RawParent => parent;

        internal LosRbNode? RawLeft => left;

        internal LosRbNode? RawRight => right;

        /// <summary>A node that is in no tree and records nothing (a region built anew on a reused object).</summary>
        internal void ResetLinks()
        {
            ChangeLog = null;
            Changed = false;
            parent = null;
            left = null;
            right = null;
            color = default;
        }

        private void MarkChanged()
        {
            if (!Changed && ChangeLog != null)
            {
                Changed = true;
                ChangeLog.Add(this);
            }
        }

        private static LosRbNode? Real(LosRbNode? node) => node == null || node.IsNilT ? null : node;
    }
}
