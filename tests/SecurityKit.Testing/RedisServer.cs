using Xunit;

namespace SecurityKit.Testing;

/// <summary>
/// A real <c>redis-server</c> (Debian package <c>redis-server</c>) on a free loopback port, without persistence,
/// for tests of the distributed PII vault, caches and rate limits. Use as an xunit class or collection fixture.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private ServerProcess? server;

    /// <summary>The port redis listens on.</summary>
    public int Port => server?.Port ?? throw new InvalidOperationException("redis-server is not started");

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var exe = ExternalTool.Require("redis-server", "redis-server");
        var port = FreePort.Next();
        server = await ServerProcess.StartAsync(
            exe,
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
            port).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
