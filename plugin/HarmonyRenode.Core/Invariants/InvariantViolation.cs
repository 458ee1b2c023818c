namespace HarmonyRenode.Core.Invariants
{
    /// <summary>One broken rule of docs/memory-manager.md §8, with the object and values that show it.</summary>
    public sealed class InvariantViolation
    {
        public InvariantViolation(string rule, string detail)
        {
            Rule = rule;
            Detail = detail;
        }

        public string Rule { get; }

        public string Detail { get; }

        public override string ToString() => $"{Rule}: {Detail}";
    }
}
