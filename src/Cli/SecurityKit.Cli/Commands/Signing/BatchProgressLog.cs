using SecurityKit.Signing.Batch;

namespace SecurityKit.Cli.Commands.Signing;

/// <summary>Writes each stored status change of <c>sign batch</c> to stderr: <c>&lt;document&gt; &lt;signatory&gt;: &lt;status&gt; (reason)</c>.</summary>
internal sealed class BatchProgressLog : IBatchEventSink
{
    public ValueTask PublishAsync(BatchEvent batchEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchEvent);
        var reason = batchEvent.Reason is null ? string.Empty : " (" + batchEvent.Reason + ")";
        Console.Error.WriteLine($"{batchEvent.Document} {batchEvent.Signatory}: {batchEvent.StepStatus.ToString().ToLowerInvariant()}{reason}");
        return ValueTask.CompletedTask;
    }
}
