namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// LosRbNode: the links a tree element carries. In LiteOS-A it is the first member of the element
    /// (a region), so a node pointer is the element pointer; here elements derive from it for the same effect.
    /// Links point at the owning tree's NilT sentinel, never null, once the node has been in a tree.
    /// </summary>
    public class LosRbNode
    {
        internal LosRbNode Parent;
        internal LosRbNode Left;
        internal LosRbNode Right;
        internal RbColor Color;
        internal readonly bool IsNilT;

        public LosRbNode()
        {
        }

        internal LosRbNode(bool isNilT)
        {
            IsNilT = isNilT;
            Color = RbColor.Black;
        }

        /// <summary>Colour as the insert/delete fix-ups left it (exposed for shape tests and diagnostics).</summary>
        public RbColor NodeColor => Color;

        public LosRbNode LeftChild => Real(Left);

        public LosRbNode RightChild => Real(Right);

        public LosRbNode ParentNode => Real(Parent);

        private static LosRbNode Real(LosRbNode node) => node == null || node.IsNilT ? null : node;
    }
}
