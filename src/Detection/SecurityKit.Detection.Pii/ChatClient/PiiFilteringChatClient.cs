using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using SecurityKit.Detection.Pii.Operators;
using SecurityKit.Detection.Pii.Vault;

namespace SecurityKit.Detection.Pii.ChatClient;

/// <summary>
/// <see cref="IChatClient"/> middleware: every text of every message is anonymised before it leaves (placeholders
/// recorded in the conversation's vault entry), blocked types refuse the call, and the answer — whole or streamed —
/// comes back with the originals restored. The conversation is <see cref="ChatOptions.ConversationId"/>, or one
/// made for the call when absent.
/// </summary>
public sealed class PiiFilteringChatClient : DelegatingChatClient
{
    private readonly PiiAnonymizer anonymizer;
    private readonly IPlaceholderVault vault;
    private readonly PiiFilterOptions options;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client that talks to the model.</param>
    /// <param name="anonymizer">Detects and replaces.</param>
    /// <param name="vault">Keeps placeholders per conversation.</param>
    /// <param name="options">Policy resolver and audit sink.</param>
    public PiiFilteringChatClient(IChatClient innerClient, PiiAnonymizer anonymizer, IPlaceholderVault vault, PiiFilterOptions? options = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(anonymizer);
        ArgumentNullException.ThrowIfNull(vault);
        this.anonymizer = anonymizer;
        this.vault = vault;
        this.options = options ?? new PiiFilterOptions();
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (safe, conversationId, caller, counts) = await PrepareAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var response = await base.GetResponseAsync(safe, options, cancellationToken).ConfigureAwait(false);
        // Read the map again: it may have expired while the model was thinking (then markers, never wrong data).
        var map = await vault.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var restored = 0;
        foreach (var message in response.Messages)
        {
            foreach (var content in message.Contents)
            {
                if (content is TextContent text && text.Text is { Length: > 0 } value)
                {
                    var restoredText = PlaceholderRestorer.Restore(value, map);
                    restored += restoredText == value ? 0 : 1;
                    text.Text = restoredText;
                }
            }
        }

        Audit(caller, conversationId, counts, restored, blocked: false);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (safe, conversationId, caller, counts) = await PrepareAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var map = await vault.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var restorer = new StreamingRestorer(map);
        ChatResponseUpdate? last = null;
        await foreach (var update in base.GetStreamingResponseAsync(safe, options, cancellationToken).ConfigureAwait(false))
        {
            last = update;
            var changed = false;
            foreach (var content in update.Contents)
            {
                if (content is TextContent text && text.Text is { Length: > 0 } value)
                {
                    text.Text = restorer.Push(value);
                    changed = true;
                }
            }

            if (!changed || update.Contents.Any(c => c is not TextContent || ((TextContent)c).Text.Length > 0))
            {
                yield return update;
            }
        }

        var rest = restorer.Complete();
        if (rest.Length > 0)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, rest)
            {
                ConversationId = last?.ConversationId,
                ResponseId = last?.ResponseId,
                MessageId = last?.MessageId,
            };
        }

        Audit(caller, conversationId, counts, 0, blocked: false);
    }

    private async Task<(List<ChatMessage> Safe, string ConversationId, string Caller, Dictionary<PiiEntityType, int> Counts)> PrepareAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var (caller, policy) = options.PolicyResolver(chatOptions);
        var conversationId = chatOptions?.ConversationId ?? Guid.NewGuid().ToString("N");
        var map = await vault.GetAsync(conversationId, cancellationToken).ConfigureAwait(false) ?? new PlaceholderMap();
        var counts = new Dictionary<PiiEntityType, int>();
        var safe = new List<ChatMessage>();
        try
        {
            foreach (var message in messages)
            {
                var copy = message.Clone();
                copy.Contents = [.. message.Contents.Select(c => c is TextContent t ? new TextContent(Anonymize(t.Text, policy, map, counts)) : c)];
                safe.Add(copy);
            }
        }
        catch (PiiBlockedException)
        {
            Audit(caller, conversationId, counts, 0, blocked: true);
            throw;
        }

        await vault.SetAsync(conversationId, map, cancellationToken).ConfigureAwait(false);
        return (safe, conversationId, caller, counts);
    }

    private string Anonymize(string text, PiiPolicy policy, PlaceholderMap map, Dictionary<PiiEntityType, int> counts)
    {
        var result = anonymizer.Anonymize(text, policy, map);
        foreach (var (type, n) in result.Counts)
        {
            counts[type] = counts.GetValueOrDefault(type) + n;
        }

        return result.Text;
    }

    private void Audit(string caller, string conversationId, Dictionary<PiiEntityType, int> counts, int restored, bool blocked) =>
        options.AuditSink?.Record(new PiiAuditEvent(caller, conversationId, DateTimeOffset.UtcNow, counts, restored, blocked));
}
