using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using SecurityKit.Signing.Batch;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// Webhook registrations per batch, delivered by the library's <see cref="WebhookBatchEventSink"/> (HMAC-SHA256
/// signed, retried). A registration is a file in the batch's folder (owner-only), so that on shared storage every
/// node delivers the events it produces. The secret is made by the API (32 random bytes) and returned once.
/// </summary>
/// <remarks>
/// Callers choose the address, so only hosts listed in <c>Api:Signing:Batches:WebhookHosts</c> are accepted, and
/// plain http only for loopback: otherwise any caller with the <c>sign</c> scope could make the server send requests
/// to internal addresses (SSRF).
/// </remarks>
internal sealed class BatchWebhooks(BatchSigningApi.BatchFolders folders, IHttpClientFactory httpClients, IReadOnlyCollection<string> allowedHosts)
    : IBatchEventSink, IAsyncDisposable
{
    private const string FileName = "webhook.json";

    // Keyed by address and secret: a registration replaced on another node (new secret) must not keep the old sink.
    private readonly ConcurrentDictionary<string, (string Url, WebhookBatchEventSink Sink)> sinks = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="url"/> may receive webhooks, else why not.</summary>
    public string? Refusal(Uri url)
    {
        if (!allowedHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
        {
            return "the host is not among the webhook hosts this service may call (Api:Signing:Batches:WebhookHosts)";
        }

        return url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)
            ? null
            : "webhooks need https (plain http only on loopback)";
    }

    /// <summary>Registers (or replaces) the batch's webhook and returns the new secret.</summary>
    public async Task<byte[]> RegisterAsync(string batchId, Uri url, CancellationToken cancellationToken)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var folder = folders.Of(batchId);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new FileStream(temporary, options);
        await using (file.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(file, new Registration(url.AbsoluteUri, Convert.ToBase64String(secret)), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
        if (sinks.TryRemove(batchId, out var old))
        {
            await old.Sink.DisposeAsync().ConfigureAwait(false);
        }

        return secret;
    }

    public async ValueTask PublishAsync(BatchEvent batchEvent, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(folders.Of(batchEvent.BatchId), FileName);
        if (!File.Exists(path))
        {
            return;
        }

        Registration? registration;
        try
        {
            registration = JsonSerializer.Deserialize<Registration>(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return; // must not throw: signing goes on whatever happens to a portal's registration
        }

        if (registration is null)
        {
            return;
        }

        var entry = sinks.AddOrUpdate(
            batchEvent.BatchId,
            _ => (registration.Url + " " + registration.Secret, NewSink(registration)),
            (_, existing) => existing.Url == registration.Url + " " + registration.Secret ? existing : (registration.Url + " " + registration.Secret, NewSink(registration)));
        await entry.Sink.PublishAsync(batchEvent, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, entry) in sinks)
        {
            await entry.Sink.DisposeAsync().ConfigureAwait(false);
        }
    }

    private WebhookBatchEventSink NewSink(Registration registration) => new(
        httpClients.CreateClient(nameof(BatchWebhooks)),
        new BatchWebhookOptions { Url = new Uri(registration.Url), Secret = Convert.FromBase64String(registration.Secret) });

    private sealed record Registration(string Url, string Secret);
}
