namespace SecurityKit.Audit;

/// <summary>
/// One thing worth recording: who did what, for which purpose, and how it ended. The log adds the sequence number,
/// the time and the hash chain (<see cref="AuditEntry"/>).
/// </summary>
/// <remarks>
/// An audit log is read by people who are not entitled to the data it is about, so no field may hold a cleartext
/// identifier or a document: describe the operation (<c>pseudonymize.reverse</c>), the kind and number of items,
/// a pseudonym or a fingerprint — never the national number itself. Fields are limited to
/// <see cref="MaxFieldLength"/> characters and may not contain control characters, so that one entry is one line in
/// any report.
/// </remarks>
public sealed record AuditEvent
{
    /// <summary>The longest value accepted in any field, in UTF-16 code units.</summary>
    public const int MaxFieldLength = 1024;

    /// <summary>Creates an event, validating every field.</summary>
    /// <param name="actor">Who: the authenticated client (token subject or API key id).</param>
    /// <param name="action">What: a dotted operation name such as <c>pseudonymize.reverse</c>.</param>
    /// <param name="outcome">How it ended.</param>
    /// <param name="resource">On what, without cleartext identifiers (a kind, a count, a pseudonym, a fingerprint).</param>
    /// <param name="purpose">Why, as stated by the caller; required by operations that re-identify.</param>
    /// <param name="detail">A short, PII-free explanation (an error kind, a status code).</param>
    /// <exception cref="ArgumentException">A field is empty where required, too long, or holds control characters.</exception>
    public AuditEvent(string actor, string action, AuditOutcome outcome, string? resource = null, string? purpose = null, string? detail = null)
    {
        Actor = Require(actor, nameof(actor));
        Action = Require(action, nameof(action));
        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown audit outcome");
        }

        Outcome = outcome;
        Resource = Optional(resource, nameof(resource));
        Purpose = Optional(purpose, nameof(purpose));
        Detail = Optional(detail, nameof(detail));
    }

    /// <summary>Who acted.</summary>
    public string Actor { get; }

    /// <summary>What was done.</summary>
    public string Action { get; }

    /// <summary>How it ended.</summary>
    public AuditOutcome Outcome { get; }

    /// <summary>On what (never a cleartext identifier or document).</summary>
    public string? Resource { get; }

    /// <summary>The purpose the caller stated.</summary>
    public string? Purpose { get; }

    /// <summary>A short PII-free explanation.</summary>
    public string? Detail { get; }

    private static string Require(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return Optional(value, name)!;
    }

    private static string? Optional(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > MaxFieldLength)
        {
            throw new ArgumentException($"audit field '{name}' is longer than {MaxFieldLength} characters", name);
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"audit field '{name}' contains a control character", name);
            }
        }

        return value;
    }
}
