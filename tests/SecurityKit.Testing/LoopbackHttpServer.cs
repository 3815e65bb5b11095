using System.Net;

namespace SecurityKit.Testing;

/// <summary>
/// An HTTP server on a free loopback port (<see cref="HttpListener"/>) that hands each request, one at a time, to a
/// handler: the stand-in for a remote service (a CSC signing service, a webhook receiver) in tests.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _handle;
    private readonly Task _loop;
    private int _disposed;

    /// <summary>Starts listening on http://127.0.0.1:{free port}/<paramref name="path"/>.</summary>
    /// <param name="path">The path prefix, ending in '/' (or empty for the root).</param>
    /// <param name="handle">Answers one request; it must close the response.</param>
    public LoopbackHttpServer(string path, Func<HttpListenerContext, Task> handle)
    {
        _handle = handle;
        BaseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/{path}");
        _listener.Prefixes.Add(BaseUrl.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The listening prefix.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Stops listening and waits for the request being handled (a second call does nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _listener.Stop();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // The listener stopped while a response was being written.
        }

        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
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

            await _handle(context).ConfigureAwait(false);
        }
    }
}
