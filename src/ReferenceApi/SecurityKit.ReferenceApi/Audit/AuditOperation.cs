namespace SecurityKit.ReferenceApi.Audit;

/// <summary>Endpoint metadata naming the operation in the audit log (<c>pseudonymize.reverse</c>).</summary>
/// <param name="Action">The dotted operation name.</param>
internal sealed record AuditOperation(string Action);
