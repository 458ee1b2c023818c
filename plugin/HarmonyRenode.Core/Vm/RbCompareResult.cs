namespace HarmonyRenode.Core.Vm
{
    /// <summary>RB_EQUAL / RB_BIGGER / RB_SMALLER (los_rbtree.h): the result of comparing a key A with a node's key B.</summary>
    public enum RbCompareResult
    {
        Equal = 0,
        Bigger = 1,
        Smaller = 2,
    }
}
