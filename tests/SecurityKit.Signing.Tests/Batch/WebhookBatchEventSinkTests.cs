using System.Net;
using System.Text.Json;
using SecurityKit.Signing.Batch;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>Webhook delivery against a loopback HTTP server that plays the portal.</summary>
public sealed class WebhookBatchEventSinkTests
{
    private static readonly byte[] Secret = "a shared webhook key of 32 bytes"u8.ToArray();

    [Fact]
    public async Task Events_arrive_in_order_with_a_valid_hmac_after_retries_of_server_errors()
    {
        await using var portal = new Portal(failFirst: 2);
        using var http = new HttpClient();
        var sink = new WebhookBatchEventSink(http, new BatchWebhookOptions { Url = portal.Url, Secret = Secret, FirstRetryDelay = TimeSpan.FromMilliseconds(10) });

        await sink.PublishAsync(Event("d0", BatchStepStatus.Signed));
        await sink.PublishAsync(Event("d1", BatchStepStatus.Rejected, "amount not approved"));
        await sink.DisposeAsync();

        Assert.Equal((2, 0), (sink.Delivered, sink.Undeliverable));
        Assert.Equal(4, portal.Requests.Count);
        Assert.All(portal.Requests, r => Assert.True(WebhookBatchEventSink.Verify(Secret, r.Timestamp, r.Body, r.Signature)));
        var accepted = portal.Requests.Skip(2).Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["d0", "d1"], accepted.Select(a => a.GetProperty("document").GetString()));
        Assert.Equal("rejected", accepted[1].GetProperty("stepStatus").GetString());
        Assert.Equal("amount not approved", accepted[1].GetProperty("reason").GetString());
    }

    [Fact]
    public void A_body_changed_in_transit_fails_verification()
    {
        var body = WebhookBatchEventSink.Body(Event("d0", BatchStepStatus.Signed));
        var signature = WebhookBatchEventSink.Sign(Secret, "1767225600", body);
        body[^2] ^= 1;

        Assert.False(WebhookBatchEventSink.Verify(Secret, "1767225600", body, signature));
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_counts_as_undeliverable()
    {
        await using var portal = new Portal(failFirst: 0, status: HttpStatusCode.Gone);
        using var http = new HttpClient();
        var sink = new WebhookBatchEventSink(http, new BatchWebhookOptions { Url = portal.Url, Secret = Secret, FirstRetryDelay = TimeSpan.FromMilliseconds(10) });

        await sink.PublishAsync(Event("d0", BatchStepStatus.Signed));
        await sink.DisposeAsync();

        Assert.Equal((0, 1), (sink.Delivered, sink.Undeliverable));
        Assert.Single(portal.Requests);
    }

    [Fact]
    public async Task An_unreachable_portal_is_retried_up_to_the_limit()
    {
        using var http = new HttpClient();
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/hook");
        var sink = new WebhookBatchEventSink(http, new BatchWebhookOptions { Url = url, Secret = Secret, MaxAttempts = 3, FirstRetryDelay = TimeSpan.FromMilliseconds(10) });

        await sink.PublishAsync(Event("d0", BatchStepStatus.Signed));
        await sink.DisposeAsync();

        Assert.Equal((0, 1), (sink.Delivered, sink.Undeliverable));
    }

    private static BatchEvent Event(string document, BatchStepStatus status, string? reason = null) =>
        new("b1", document, "df", status, status, status == BatchStepStatus.Signed ? 1 : 0, reason, DateTimeOffset.UnixEpoch);

    private sealed record Received(string Timestamp, string? Signature, byte[] Body);

    /// <summary>A loopback portal that answers 503 to its first requests, then <c>status</c>.</summary>
    private sealed class Portal : IAsyncDisposable
    {
        private readonly LoopbackHttpServer server;
        private readonly int failFirst;
        private readonly HttpStatusCode status;

        public Portal(int failFirst, HttpStatusCode status = HttpStatusCode.NoContent)
        {
            this.failFirst = failFirst;
            this.status = status;
            server = new LoopbackHttpServer("hook/", AnswerAsync);
        }

        public Uri Url => server.BaseUrl;

        public List<Received> Requests { get; } = [];

        public ValueTask DisposeAsync() => server.DisposeAsync();

        private async Task AnswerAsync(HttpListenerContext context)
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (Requests)
            {
                Requests.Add(new Received(context.Request.Headers[WebhookBatchEventSink.TimestampHeader]!, context.Request.Headers[WebhookBatchEventSink.SignatureHeader], body.ToArray()));
                context.Response.StatusCode = Requests.Count <= failFirst ? 503 : (int)status;
            }

            context.Response.Close();
        }
    }
}
