namespace HarmonyRenode.Core.Events
{
    /// <summary>Receives the model's events in order, on the thread that runs the model (the emulation thread).</summary>
    public interface IMemoryEventSink
    {
        void OnEvent(in MemoryEvent e);
    }
}
