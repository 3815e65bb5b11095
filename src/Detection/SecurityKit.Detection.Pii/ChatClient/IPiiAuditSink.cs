namespace SecurityKit.Detection.Pii.ChatClient;

/// <summary>Receives one <see cref="PiiAuditEvent"/> per filtered call.</summary>
public interface IPiiAuditSink
{
    /// <summary>Records an event.</summary>
    /// <param name="auditEvent">The event.</param>
    void Record(PiiAuditEvent auditEvent);
}
