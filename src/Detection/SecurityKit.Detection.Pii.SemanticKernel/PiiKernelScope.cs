using SecurityKit.Detection.Pii.Operators;

namespace SecurityKit.Detection.Pii.SemanticKernel;

/// <summary>
/// One outermost function invocation: its conversation, caller and policy, and the counts for its audit event. It
/// flows through an <see cref="AsyncLocal{T}"/> to the prompt-render and auto-invocation filters that run inside the
/// invocation, because their contexts do not carry the outer invocation's arguments.
/// </summary>
internal sealed class PiiKernelScope(string conversationId, string caller, PiiPolicy policy) : IDisposable
{
    private static readonly AsyncLocal<PiiKernelScope?> Ambient = new();

    public static PiiKernelScope? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    public string ConversationId { get; } = conversationId;

    public string Caller { get; } = caller;

    public PiiPolicy Policy { get; } = policy;

    /// <summary>
    /// Serialises reads and writes of the conversation's map: Semantic Kernel may run several tool calls of one answer
    /// concurrently, and each adds placeholders.
    /// </summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Entities replaced so far (prompts and tool results), per type.</summary>
    public Dictionary<PiiEntityType, int> Replaced { get; } = [];

    public void Count(IReadOnlyDictionary<PiiEntityType, int> counts)
    {
        lock (Replaced)
        {
            foreach (var (type, n) in counts)
            {
                Replaced[type] = Replaced.GetValueOrDefault(type) + n;
            }
        }
    }

    public void Dispose() => Gate.Dispose();
}
