using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Net;
using System.Text;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SecurityKit.Detection.Pii.ChatClient;
using SecurityKit.Detection.Pii.Operators;
using SecurityKit.Detection.Pii.Vault;

namespace SecurityKit.Detection.Pii.SemanticKernel;

/// <summary>
/// Semantic Kernel filters that keep personal data away from the model and give it back to the user:
/// <list type="bullet">
/// <item><see cref="IPromptRenderFilter"/>: the rendered prompt is anonymised (placeholders stable within the
/// conversation, recorded in the encrypted vault); a type the policy blocks refuses the call with
/// <see cref="PiiBlockedException"/> before anything is sent.</item>
/// <item><see cref="IAutoFunctionInvocationFilter"/>: a tool the model calls receives the originals of the placeholders in
/// its arguments, and its result is anonymised before it goes back to the model.</item>
/// <item><see cref="IFunctionInvocationFilter"/>: the outermost invocation owns the conversation (argument
/// <see cref="ConversationIdArgument"/>, else a fresh one), and its result — whole or streamed — comes back with the
/// originals restored, also when a placeholder is split across streamed chunks.</item>
/// </list>
/// Register it with <see cref="PiiKernelExtensions.UsePiiFilter(Kernel, PiiKernelFilter)"/> or
/// <see cref="PiiKernelExtensions.AddPiiFilter"/>.
/// </summary>
public sealed class PiiKernelFilter : IPromptRenderFilter, IFunctionInvocationFilter, IAutoFunctionInvocationFilter
{
    /// <summary>Name of the <see cref="KernelArguments"/> entry that carries the conversation id across calls.</summary>
    public const string ConversationIdArgument = "securitykit.pii.conversation";

    private readonly PiiAnonymizer anonymizer;
    private readonly IPlaceholderVault vault;
    private readonly PiiKernelFilterOptions options;

    /// <summary>Creates the filters.</summary>
    /// <param name="anonymizer">Detects and replaces.</param>
    /// <param name="vault">Keeps each conversation's placeholders.</param>
    /// <param name="options">Policy resolver and audit sink.</param>
    public PiiKernelFilter(PiiAnonymizer anonymizer, IPlaceholderVault vault, PiiKernelFilterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(anonymizer);
        ArgumentNullException.ThrowIfNull(vault);
        this.anonymizer = anonymizer;
        this.vault = vault;
        this.options = options ?? new PiiKernelFilterOptions();
    }

    /// <inheritdoc />
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (PiiKernelScope.Current is not null)
        {
            // A nested invocation (a template's {{plugin.function}}, a tool called by the model): the outermost
            // invocation owns the conversation, and tool results are handled by the auto-invocation filter.
            await next(context).ConfigureAwait(false);
            return;
        }

        var scope = NewScope(context.Arguments);
        var conversationId = scope.ConversationId;
        if (context.IsStreaming)
        {
            // Streaming: rendering and the model call run while the caller enumerates, after this method returned;
            // the wrapper puts the scope back around every step of the enumeration.
            try
            {
                PiiKernelScope.Current = scope;
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                PiiKernelScope.Current = null;
            }

            context.Result = new FunctionResult(context.Result, WrapStream(context.Result.GetValue<object>(), scope, context.CancellationToken));
            return;
        }

        using (scope)
        {
            try
            {
                PiiKernelScope.Current = scope;
                await next(context).ConfigureAwait(false);
            }
            catch (PiiBlockedException)
            {
                Audit(scope, restored: 0, blocked: true);
                throw;
            }
            finally
            {
                PiiKernelScope.Current = null;
            }

            // Read the map again: it may have expired while the model was thinking (then markers, never wrong data).
            var map = await vault.GetAsync(conversationId, context.CancellationToken).ConfigureAwait(false);
            var (value, restored) = Restore(context.Result.GetValue<object>(), map);
            context.Result = new FunctionResult(context.Result, value);
            Audit(scope, restored, blocked: false);
        }
    }

    /// <inheritdoc />
    public async Task OnPromptRenderAsync(PromptRenderContext context, Func<PromptRenderContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next(context).ConfigureAwait(false);
        if (context.RenderedPrompt is not { Length: > 0 } prompt)
        {
            return;
        }

        // Registered without the invocation filter (or rendering outside an invocation): still anonymise — fail safe —
        // in the conversation the arguments name, or a fresh one.
        using var own = PiiKernelScope.Current is null ? NewScope(context.Arguments) : null;
        var scope = PiiKernelScope.Current ?? own!;

        // Semantic Kernel HTML-encodes argument values into the template (é → &#233;, ' → &#39;), which would hide names
        // from the recognisers: detection runs on the decoded text. A chat prompt is XML (<message role="user">…)
        // that Semantic Kernel parses after this filter, so there only the text between tags is decoded, anonymised
        // and re-escaped (placeholders become &lt;PERSON_1&gt;, which the parser turns back into <PERSON_1>); a plain
        // prompt goes to the model decoded, as the user wrote it.
        var isChatPrompt = prompt.Contains("<message", StringComparison.OrdinalIgnoreCase);
        context.RenderedPrompt = await WithMapAsync(
            scope,
            map => isChatPrompt ? AnonymizeXmlText(prompt, scope, map) : Anonymize(WebUtility.HtmlDecode(prompt), scope, map),
            context.CancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        // Without an outer invocation (the filter registered alone) tool results are still anonymised, in a fresh
        // conversation: the model must not see them even if nothing can be restored later.
        using var own = PiiKernelScope.Current is null ? NewScope(new KernelArguments()) : null;
        var scope = PiiKernelScope.Current ?? own!;

        // The model asks for a tool with placeholders in its arguments ("look up <NATIONAL_NUMBER_1>"): the tool runs
        // inside the organisation and gets the originals.
        if (context.Arguments is { Count: > 0 } arguments)
        {
            var map = await vault.GetAsync(scope.ConversationId, context.CancellationToken).ConfigureAwait(false);
            foreach (var name in arguments.Names.ToList())
            {
                if (arguments[name] is string argument)
                {
                    arguments[name] = PlaceholderRestorer.Restore(argument, map);
                }
            }
        }

        await next(context).ConfigureAwait(false);

        // What the tool returns goes back to the model: anonymise it like a prompt (complex results as the JSON the
        // connector would send anyway).
        var value = context.Result.GetValue<object>();
        var text = value switch
        {
            null => null,
            string s => s,
            ChatMessageContent message => message.Content,
            _ => JsonSerializer.Serialize(value, context.Function.JsonSerializerOptions ?? JsonSerializerOptions.Default),
        };
        if (text is { Length: > 0 })
        {
            var safe = await WithMapAsync(scope, map => Anonymize(text, scope, map), context.CancellationToken).ConfigureAwait(false);
            context.Result = new FunctionResult(context.Result, safe);
        }
    }

    private PiiKernelScope NewScope(KernelArguments arguments)
    {
        var (caller, policy) = options.PolicyResolver(arguments);
        var conversationId = arguments.TryGetValue(ConversationIdArgument, out var id) && id is string { Length: > 0 } given
            ? given
            : Guid.NewGuid().ToString("N");
        return new PiiKernelScope(conversationId, caller, policy);
    }

    /// <summary>Runs <paramref name="work"/> on the conversation's map, then stores the map.</summary>
    private async Task<string> WithMapAsync(PiiKernelScope scope, Func<PlaceholderMap, string> work, CancellationToken cancellationToken)
    {
        await scope.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var map = await vault.GetAsync(scope.ConversationId, cancellationToken).ConfigureAwait(false) ?? new PlaceholderMap();
            // A blocked type throws PiiBlockedException here; the outermost invocation audits and rethrows it.
            var safe = work(map);
            await vault.SetAsync(scope.ConversationId, map, cancellationToken).ConfigureAwait(false);
            return safe;
        }
        finally
        {
            scope.Gate.Release();
        }
    }

    private string Anonymize(string text, PiiKernelScope scope, PlaceholderMap map)
    {
        var result = anonymizer.Anonymize(text, scope.Policy, map);
        scope.Count(result.Counts);
        return result.Text;
    }

    /// <summary>Anonymises the text nodes of an XML chat prompt; tags are copied as they are.</summary>
    private string AnonymizeXmlText(string prompt, PiiKernelScope scope, PlaceholderMap map)
    {
        var output = new StringBuilder(prompt.Length + 64);
        var at = 0;
        while (at < prompt.Length)
        {
            var tag = prompt.IndexOf('<', at);
            var textEnd = tag < 0 ? prompt.Length : tag;
            if (textEnd > at)
            {
                var text = WebUtility.HtmlDecode(prompt[at..textEnd]);
                output.Append(EscapeXmlText(Anonymize(text, scope, map)));
            }

            if (tag < 0)
            {
                break;
            }

            var tagEnd = prompt.IndexOf('>', tag);
            tagEnd = tagEnd < 0 ? prompt.Length : tagEnd + 1;
            output.Append(prompt, tag, tagEnd - tag);
            at = tagEnd;
        }

        return output.ToString();
    }

    private static string EscapeXmlText(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Restores placeholders in the result types prompt functions return; others are left as they are.</summary>
    private static (object? Value, int Restored) Restore(object? value, PlaceholderMap? map)
    {
        switch (value)
        {
            case string s:
                var restored = PlaceholderRestorer.Restore(s, map);
                return (restored, restored == s ? 0 : 1);
            case ChatMessageContent message:
                return (message, RestoreItems(message, map));
            case IReadOnlyList<ChatMessageContent> messages:
                return (messages, messages.Sum(m => RestoreItems(m, map)));
            case TextContent text when text.Text is { } t:
                text.Text = PlaceholderRestorer.Restore(t, map);
                return (text, text.Text == t ? 0 : 1);
            default:
                return (value, 0);
        }
    }

    private static int RestoreItems(ChatMessageContent message, PlaceholderMap? map)
    {
        var restored = 0;
        foreach (var item in message.Items)
        {
            if (item is TextContent { Text: { Length: > 0 } t } text)
            {
                text.Text = PlaceholderRestorer.Restore(t, map);
                restored += text.Text == t ? 0 : 1;
            }
        }

        return restored;
    }

    /// <summary>Wraps the streamed result in a restoring stream of the same element type, so callers' casts still hold.</summary>
    private object? WrapStream(object? value, PiiKernelScope scope, CancellationToken cancellationToken) => value switch
    {
        IAsyncEnumerable<string> strings => RestoreStream(strings, scope, s => s, (_, s) => s, s => s, cancellationToken),
        IAsyncEnumerable<StreamingChatMessageContent> chat => RestoreStream(chat, scope, c => c.Content, SetContent, s => new StreamingChatMessageContent(AuthorRole.Assistant, s), cancellationToken),
        IAsyncEnumerable<StreamingTextContent> texts => RestoreStream(texts, scope, t => t.Text, (t, s) => { t.Text = s; return t; }, s => new StreamingTextContent(s), cancellationToken),
        IAsyncEnumerable<StreamingKernelContent> contents => RestoreStream(contents, scope, TextOf, SetText, s => new StreamingChatMessageContent(AuthorRole.Assistant, s), cancellationToken),
        _ => value,
    };

    private static StreamingChatMessageContent SetContent(StreamingChatMessageContent content, string text)
    {
        content.Content = text;
        return content;
    }

    private static string? TextOf(StreamingKernelContent content) => content switch
    {
        StreamingChatMessageContent chat => chat.Content,
        StreamingTextContent text => text.Text,
        _ => null,
    };

    private static StreamingKernelContent SetText(StreamingKernelContent content, string text)
    {
        switch (content)
        {
            case StreamingChatMessageContent chat:
                chat.Content = text;
                break;
            case StreamingTextContent t:
                t.Text = text;
                break;
        }

        return content;
    }

    private async IAsyncEnumerable<T> RestoreStream<T>(
        IAsyncEnumerable<T> source,
        PiiKernelScope scope,
        Func<T, string?> getText,
        Func<T, string, T> setText,
        Func<string, T> make,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (scope)
        {
            StreamingRestorer? restorer = null;
            var enumerator = source.GetAsyncEnumerator(cancellationToken);
            await using (enumerator.ConfigureAwait(false))
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        PiiKernelScope.Current = scope;
                        more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (PiiBlockedException)
                    {
                        Audit(scope, restored: 0, blocked: true);
                        throw;
                    }
                    finally
                    {
                        PiiKernelScope.Current = null;
                    }

                    if (!more)
                    {
                        break;
                    }

                    // The map exists once the prompt has been rendered, i.e. after the first step.
                    restorer ??= new StreamingRestorer(await vault.GetAsync(scope.ConversationId, cancellationToken).ConfigureAwait(false));
                    var item = enumerator.Current;
                    if (getText(item) is { Length: > 0 } text)
                    {
                        var restored = restorer.Push(text);
                        if (restored.Length == 0)
                        {
                            continue;
                        }

                        item = setText(item, restored);
                    }

                    yield return item;
                }
            }

            if (restorer?.Complete() is { Length: > 0 } rest)
            {
                yield return make(rest);
            }

            Audit(scope, restored: 0, blocked: false);
        }
    }

    private void Audit(PiiKernelScope scope, int restored, bool blocked)
    {
        Dictionary<PiiEntityType, int> counts;
        lock (scope.Replaced)
        {
            counts = new Dictionary<PiiEntityType, int>(scope.Replaced);
        }

        options.AuditSink?.Record(new PiiAuditEvent(scope.Caller, scope.ConversationId, DateTimeOffset.UtcNow, counts, restored, blocked));
    }
}
