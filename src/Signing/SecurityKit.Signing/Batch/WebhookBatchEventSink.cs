using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace SecurityKit.Signing.Batch;

/// <summary>
/// Delivers batch events to a portal's webhook: one JSON POST per event, in order, from a background queue so that
/// signing never waits for the portal. The body is authenticated with HMAC-SHA256 (RFC 2104) over
/// <c>&lt;timestamp&gt;.&lt;body&gt;</c>, sent as <c>X-SecurityKit-Signature: sha256=&lt;hex&gt;</c> with the Unix
/// timestamp in <c>X-SecurityKit-Timestamp</c> (the receiver recomputes it with the shared key, compares in constant
/// time and refuses old timestamps, which stops replays). Network errors, timeouts, 408, 429 and 5xx answers are
/// retried with exponential back-off; other 4xx answers are final.
/// </summary>
public sealed class WebhookBatchEventSink : IBatchEventSink, IAsyncDisposable
{
    /// <summary>Header with the HMAC of the timestamp and body.</summary>
    public const string SignatureHeader = "X-SecurityKit-Signature";

    /// <summary>Header with the Unix time (seconds) the delivery was signed.</summary>
    public const string TimestampHeader = "X-SecurityKit-Timestamp";

    private readonly HttpClient http;
    private readonly BatchWebhookOptions options;
    private readonly TimeProvider time;
    private readonly Channel<BatchEvent> queue;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task worker;
    private int delivered;
    private int undeliverable;

    /// <summary>Starts the delivery loop.</summary>
    /// <param name="httpClient">The HTTP client (its timeout bounds one attempt).</param>
    /// <param name="options">Endpoint, key and retry policy.</param>
    /// <param name="timeProvider">Clock for timestamps and back-off; the system clock by default.</param>
    public WebhookBatchEventSink(HttpClient httpClient, BatchWebhookOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Secret is not { Length: >= 16 })
        {
            throw new SecurityKitException("the webhook key must have at least 16 bytes", "webhook secret");
        }

        http = httpClient;
        this.options = options;
        time = timeProvider ?? TimeProvider.System;
        queue = Channel.CreateBounded<BatchEvent>(new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref undeliverable));
        worker = Task.Run(DeliverAllAsync);
    }

    /// <summary>Events the portal acknowledged with a 2xx answer.</summary>
    public int Delivered => Volatile.Read(ref delivered);

    /// <summary>Events given up (attempts exhausted, a final 4xx answer, or dropped from a full queue).</summary>
    public int Undeliverable => Volatile.Read(ref undeliverable);

    /// <inheritdoc/>
    public ValueTask PublishAsync(BatchEvent batchEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchEvent);
        queue.Writer.TryWrite(batchEvent);
        return ValueTask.CompletedTask;
    }

    /// <summary>The HMAC-SHA256 header value for a body signed at <paramref name="timestamp"/>.</summary>
    /// <param name="secret">The shared key.</param>
    /// <param name="timestamp">The value of the timestamp header.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns><c>sha256=</c> followed by the lower-case hex MAC.</returns>
    public static string Sign(ReadOnlySpan<byte> secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, message));
    }

    /// <summary>Whether <paramref name="signatureHeader"/> authenticates <paramref name="body"/> (constant-time compare).</summary>
    /// <param name="secret">The shared key.</param>
    /// <param name="timestamp">The timestamp header.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="signatureHeader">The signature header.</param>
    /// <returns>True when it matches.</returns>
    public static bool Verify(ReadOnlySpan<byte> secret, string timestamp, ReadOnlySpan<byte> body, string? signatureHeader) =>
        signatureHeader is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signatureHeader));

    /// <summary>The JSON body of an event.</summary>
    /// <param name="batchEvent">The event.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Body(BatchEvent batchEvent)
    {
        ArgumentNullException.ThrowIfNull(batchEvent);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", batchEvent.Kind == BatchEventKind.SignatoryRebound ? "signatory-rebound" : "status");
            json.WriteString("batchId", batchEvent.BatchId);
            json.WriteString("document", batchEvent.Document);
            json.WriteString("signatory", batchEvent.Signatory);
            json.WriteString("stepStatus", Name(batchEvent.StepStatus));
            json.WriteString("documentStatus", Name(batchEvent.DocumentStatus));
            json.WriteNumber("signatures", batchEvent.Signatures);
            json.WriteString("reason", batchEvent.Reason);
            json.WriteString("occurredAt", batchEvent.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Delivers what is queued (giving up per the retry policy), then stops.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await worker.ConfigureAwait(false);
        await stopping.CancelAsync().ConfigureAwait(false);
        stopping.Dispose();
    }

    private static string Name(BatchStepStatus status) => status.ToString().ToLowerInvariant();

    private async Task DeliverAllAsync()
    {
        await foreach (var item in queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (await DeliverAsync(item).ConfigureAwait(false))
            {
                Interlocked.Increment(ref delivered);
            }
            else
            {
                Interlocked.Increment(ref undeliverable);
            }
        }
    }

    private async Task<bool> DeliverAsync(BatchEvent item)
    {
        var body = Body(item);
        var delay = options.FirstRetryDelay;
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.Add(TimestampHeader, timestamp);
            request.Headers.Add(SignatureHeader, Sign(options.Secret, timestamp, body));
            try
            {
                using var response = await http.SendAsync(request, stopping.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                var status = (int)response.StatusCode;
                if (status < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
                {
                    return false;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stopping.IsCancellationRequested)
            {
                // the portal is down or slow: retry
            }

            if (attempt < options.MaxAttempts)
            {
                await Task.Delay(delay, time, stopping.Token).ConfigureAwait(false);
                delay *= 2;
            }
        }

        return false;
    }
}
