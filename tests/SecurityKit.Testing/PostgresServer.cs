using System.Globalization;
using Xunit;

namespace SecurityKit.Testing;

/// <summary>
/// A real PostgreSQL server (Debian package <c>postgresql</c>) in a fresh data folder on a free loopback port, for
/// tests of the PostgreSQL stores (audit log, signing jobs). PostgreSQL refuses to run as root, so when the tests run
/// as root the server runs as the <c>postgres</c> user through <c>runuser</c>. Use as an xunit class or collection
/// fixture; every test should create its own database or schema (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string SuperUser = "postgres";
    private string? root;
    private ServerProcess? server;

    /// <summary>The port PostgreSQL listens on (127.0.0.1 only).</summary>
    public int Port => server?.Port ?? throw new InvalidOperationException("postgres is not started");

    /// <summary>An Npgsql connection string for the <c>postgres</c> database as the superuser (trust authentication on loopback).</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    /// <summary>An Npgsql connection string for <paramref name="database"/>.</summary>
    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={SuperUser};Database={database};Pooling=false;Timeout=15";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var bin = FindBinaries();
        var asRoot = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        root = Directory.CreateTempSubdirectory("sk-postgres-").FullName;
        var data = Path.Combine(root, "data");
        var sockets = Path.Combine(root, "sockets");
        Directory.CreateDirectory(sockets);
        if (asRoot)
        {
            var chown = await ExternalTool.RunAsync("chown", ["-R", "postgres:postgres", root]).ConfigureAwait(false);
            if (chown.ExitCode != 0)
            {
                throw new InvalidOperationException($"could not hand the data folder to the postgres user: {chown}");
            }
        }

        var initdb = await Run(asRoot, Path.Combine(bin, "initdb"),
            ["-D", data, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]).ConfigureAwait(false);
        if (initdb.ExitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed: {initdb}");
        }

        var port = FreePort.Next();
        string[] postgresArguments =
        [
            "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", sockets, "-h", "127.0.0.1",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        ];
        server = asRoot
            ? await ServerProcess.StartAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, "postgres"), .. postgresArguments], port).ConfigureAwait(false)
            : await ServerProcess.StartAsync(Path.Combine(bin, "postgres"), postgresArguments, port).ConfigureAwait(false);
        await WaitUntilReadyAsync(bin, port).ConfigureAwait(false);
    }

    /// <summary>Creates an empty database with a fresh name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        var psql = Path.Combine(FindBinaries(), "psql");
        if (!File.Exists(psql))
        {
            psql = ExternalTool.Require("psql", "postgresql-client");
        }

        var result = await ExternalTool.RunAsync(psql,
            ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", SuperUser, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", $"CREATE DATABASE {name}"])
            .ConfigureAwait(false);
        return result.ExitCode == 0
            ? ConnectionStringFor(name)
            : throw new InvalidOperationException($"CREATE DATABASE failed: {result}");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        if (root is not null)
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static Task<ToolResult> Run(bool asRoot, string exe, string[] arguments) =>
        asRoot
            ? ExternalTool.RunAsync("runuser", ["-u", "postgres", "--", exe, .. arguments], workingDirectory: "/tmp")
            : ExternalTool.RunAsync(exe, arguments, workingDirectory: "/tmp");

    private async Task WaitUntilReadyAsync(string bin, int port)
    {
        // Accepting TCP connections is not yet accepting sessions (the startup process may still be running).
        var isReady = Path.Combine(bin, "pg_isready");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var result = await ExternalTool.RunAsync(isReady, ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)]).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                return;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"postgres did not accept sessions:\n{server?.Log}");
    }

    private static string FindBinaries()
    {
        const string Root = "/usr/lib/postgresql";
        var bin = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "postgres")))
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException("PostgreSQL is not installed; install the Debian package 'postgresql' (.ci/run does)");
    }
}
