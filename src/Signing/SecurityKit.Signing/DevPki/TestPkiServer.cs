using System.Net;

namespace SecurityKit.Signing.DevPki;

/// <summary>
/// Serves a <see cref="TestPki"/> over HTTP on 127.0.0.1 only: the RFC 3161 TSA at <c>/</c>, the OCSP responder at
/// <c>/ocsp</c> (POST, or GET with the base64 request in the path, RFC 6960 Appendix A.1), fresh CRLs at
/// <c>/crl/root-ca.crl</c> and <c>/crl/intermediate-ca.crl</c>, and CA certificates at <c>/certs/*.cer</c>.
/// TEST ONLY. Used by <c>securitykit dev tsa</c> and by tests, which start it on a free port.
/// </summary>
public sealed class TestPkiServer : IAsyncDisposable
{
    private const int MaxRequestBytes = 1 << 20;
    private readonly HttpListener _listener;
    private readonly TestPki _pki;
    private readonly TestTimestampAuthority _tsa;
    private readonly TestOcspResponder _ocsp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _timestampRequests;
    private int _ocspRequests;
    private int _crlRequests;

    private TestPkiServer(TestPki pki, int port)
    {
        _pki = pki;
        Port = port;
        _tsa = new TestTimestampAuthority(pki);
        _ocsp = new TestOcspResponder(pki);
        _listener = new HttpListener();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new SecurityKitException($"cannot listen on 127.0.0.1:{port}: {e.Message}", $"port {port}", e);
        }

        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The base URL (also the TSA's URL).</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>Faults to inject; changeable while running.</summary>
    public TestServerFaults Faults { get; } = new();

    /// <summary>Timestamp requests answered so far.</summary>
    public int TimestampRequests => Volatile.Read(ref _timestampRequests);

    /// <summary>OCSP requests answered so far.</summary>
    public int OcspRequests => Volatile.Read(ref _ocspRequests);

    /// <summary>CRL downloads served so far.</summary>
    public int CrlRequests => Volatile.Read(ref _crlRequests);

    /// <summary>Starts serving <paramref name="pki"/> on <paramref name="port"/> (the PKI's own port by default).</summary>
    /// <exception cref="SecurityKitException">The port cannot be bound.</exception>
    public static TestPkiServer Start(TestPki pki, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(pki);
        return new TestPkiServer(pki, port ?? pki.Port);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or the listener stops.</summary>
    public async Task RunUntilCancelledAsync(CancellationToken cancellationToken)
    {
        var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
        await Task.WhenAny(_loop, cancelled).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // The listener was closed under the loop.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var path = context.Request.Url?.AbsolutePath ?? "/";
            var method = context.Request.HttpMethod;
            (int Status, string Type, byte[] Body) answer = (method, path) switch
            {
                ("POST", "/") => Timestamp(await ReadBodyAsync(context.Request).ConfigureAwait(false)),
                ("POST", "/ocsp") => Ocsp(await ReadBodyAsync(context.Request).ConfigureAwait(false)),
                ("GET", _) when path.StartsWith("/ocsp/", StringComparison.Ordinal) => Ocsp(FromBase64Path(path["/ocsp/".Length..])),
                ("GET", "/crl/root-ca.crl") => Crl(TestPkiIdentity.RootCa),
                ("GET", "/crl/intermediate-ca.crl") => Crl(TestPkiIdentity.IntermediateCa),
                ("GET", "/certs/root-ca.cer") => (200, "application/pkix-cert", _pki.Root.RawData),
                ("GET", "/certs/intermediate-ca.cer") => (200, "application/pkix-cert", _pki.Intermediate.RawData),
                _ => (404, "text/plain", "not found\n"u8.ToArray()),
            };
            response.StatusCode = answer.Status;
            response.ContentType = answer.Type;
            response.ContentLength64 = answer.Body.Length;
            await response.OutputStream.WriteAsync(answer.Body).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpListenerException or InvalidDataException or FormatException)
        {
            try
            {
                response.StatusCode = 400;
            }
            catch (InvalidOperationException)
            {
                // Headers already sent.
            }
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // The client went away.
            }
        }
    }

    private (int, string, byte[]) Timestamp(byte[] query)
    {
        Interlocked.Increment(ref _timestampRequests);
        if (Faults.TimestampUnavailable)
        {
            return (503, "text/plain", "unavailable\n"u8.ToArray());
        }

        if (Faults.TimestampGarbage)
        {
            return (200, "application/timestamp-reply", "this is not a timestamp"u8.ToArray());
        }

        return (200, "application/timestamp-reply", _tsa.Answer(query));
    }

    private (int, string, byte[]) Ocsp(byte[] query)
    {
        Interlocked.Increment(ref _ocspRequests);
        return Faults.OcspUnavailable
            ? (503, "text/plain", "unavailable\n"u8.ToArray())
            : (200, "application/ocsp-response", _ocsp.Answer(query));
    }

    private (int, string, byte[]) Crl(TestPkiIdentity issuer)
    {
        Interlocked.Increment(ref _crlRequests);
        return Faults.CrlUnavailable
            ? (503, "text/plain", "unavailable\n"u8.ToArray())
            : (200, "application/pkix-crl", _pki.BuildCrl(issuer, DateTimeOffset.UtcNow));
    }

    private static byte[] FromBase64Path(string segment) => Convert.FromBase64String(Uri.UnescapeDataString(segment));

    private static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.InputStream.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxRequestBytes)
            {
                throw new InvalidDataException("request too large");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
