namespace SecurityKit.Detection.Pii.ChatClient;

/// <summary>
/// What the filter did on one call, for the DPO's records: who, which conversation, how many entities of each type
/// left as placeholders and how many came back restored. Never a value.
/// </summary>
/// <param name="Caller">The caller's name from the policy resolver (an application, a user group).</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Timestamp">When the call was made.</param>
/// <param name="Replaced">Entities replaced in the prompt, per type.</param>
/// <param name="Restored">Placeholders restored in the answer.</param>
/// <param name="Blocked">Whether the call was refused by the policy.</param>
public sealed record PiiAuditEvent(string Caller, string ConversationId, DateTimeOffset Timestamp, IReadOnlyDictionary<PiiEntityType, int> Replaced, int Restored, bool Blocked);
