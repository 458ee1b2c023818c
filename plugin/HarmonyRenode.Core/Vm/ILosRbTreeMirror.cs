using System.Collections.Generic;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>Where a tree mirrored in guest RAM sends what an insert or delete changed (<see cref="LosRbTree{TKey}.MirrorTo"/>).</summary>
    internal interface ILosRbTreeMirror
    {
        /// <param name="changed">Nodes whose parent, left, right or colour was written (the NilT sentinel among them when its parent moved).</param>
        /// <param name="root">pstRoot: the NilT sentinel when the tree is empty.</param>
        /// <param name="nodeCount">ulNodes.</param>
        void Publish(IReadOnlyList<LosRbNode> changed, LosRbNode root, int nodeCount);
    }
}
