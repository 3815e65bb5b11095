using Microsoft.Extensions.AI;
using SecurityKit.Detection.Pii.Operators;

namespace SecurityKit.Detection.Pii.ChatClient;

/// <summary>Options of the <see cref="PiiFilteringChatClient"/>.</summary>
public sealed class PiiFilterOptions
{
    /// <summary>
    /// Chooses the caller's name and policy for a call (e.g. from <see cref="ChatOptions.AdditionalProperties"/> or the
    /// ambient user). By default every caller is "default" with <see cref="PiiPolicy.Default"/>.
    /// </summary>
    public Func<ChatOptions?, (string Caller, PiiPolicy Policy)> PolicyResolver { get; set; } = _ => ("default", PiiPolicy.Default);

    /// <summary>Where audit events go; none by default.</summary>
    public IPiiAuditSink? AuditSink { get; set; }
}
