using System.Diagnostics;
using System.Text;

namespace SecurityKit.Testing;

/// <summary>
/// A real server (redis-server, postgres, a test TSA) started by a test on a free loopback port and killed with its
/// process tree on dispose. Its output is kept so a failing test can show why the server did not come up.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private ServerProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>What the server printed so far.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> and waits until it accepts connections on <paramref name="port"/>.</summary>
    public static async Task<ServerProcess> StartAsync(
        string fileName,
        IEnumerable<string> arguments,
        int port,
        IDictionary<string, string>? environment = null,
        TimeSpan? startupTimeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var server = new ServerProcess(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await FreePort.WaitUntilListeningAsync(port, startupTimeout ?? TimeSpan.FromSeconds(30), () => !process.HasExited)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            var output = server.Log;
            await server.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} did not start: {ex.Message}\n{output}", ex);
        }

        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            process.Dispose();
        }
    }
}
