using System.Diagnostics;
using System.Text.Json;
using SecurityKit.Signing.Tests.Pades;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Batch;

public sealed class BatchKillResumeTests
{
    /// <summary>Kills the real CLI (SIGKILL) after it reported <paramref name="steps"/> stored steps, resumes it, and
    /// checks every document carries its due signatures exactly once.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public async Task A_batch_killed_after_some_steps_resumes_and_signs_each_document_exactly_as_due(int steps)
    {
        // 40 documents, not fewer: the CLI runs ahead of the test's reading of its stderr, so a small batch can finish
        // before the kill lands.
        const int Documents = 40;
        using var workspace = new BatchWorkspace();
        var manifest = workspace.Manifest(Documents);
        Assert.True(await RunAndKillAsync(manifest, line => line.Contains(": signed", StringComparison.Ordinal), steps), $"the run ended before the {steps}. signed step");

        var resumed = await SecurityKitCli.RunAsync(["sign", "batch", "--manifest", manifest], timeout: TimeSpan.FromMinutes(2));

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        using var summary = JsonDocument.Parse(resumed.StandardOutput.Trim().Split('\n')[^1]);
        Assert.Equal(Documents, summary.RootElement.GetProperty("documents").GetArrayLength());
        await AssertEachDocumentSignedAsDueAsync(workspace, Documents, requireAll: true);
        Assert.Empty(Directory.GetFiles(workspace.File("signed/.work")));
    }

    /// <summary>
    /// A 200-document batch (2 signatories, 300 signatures) killed with SIGKILL at each kind of point in turn — after
    /// the data to sign of some documents was prepared, right after the device signed a session, while outputs were
    /// being written, and between an output's rename and its mark in the store — then resumed each time. After every
    /// kill, each final output present is complete with exactly its due signatures (none partial, none doubled); the
    /// last run completes the batch.
    /// </summary>
    [Fact]
    public async Task A_200_document_batch_killed_at_every_kind_of_point_ends_with_every_document_signed_exactly_once_per_due_signatory()
    {
        const int Documents = 200;
        using var workspace = new BatchWorkspace();
        var manifest = workspace.Manifest(Documents);
        (string Phase, int Count)[] killPoints =
        [
            ("prepared", 40), ("device-signed", 1), ("writing", 30), ("written", 45), ("prepared", 50),
            ("writing", 1), ("written", 1), ("device-signed", 1), ("written", 20),
        ];
        // Counts are per run and kept small: a run keeps working between the matched stderr line and the SIGKILL
        // (writers do not wait for their store mark), so on a fast machine earlier runs may finish much more than
        // their kill point, and a large count could outrun the work that is left (seen with 150 and 120).

        var killed = new List<string>();
        foreach (var (phase, count) in killPoints)
        {
            var landed = await RunAndKillAsync(manifest, line => line.StartsWith(phase + " ", StringComparison.Ordinal), count);
            await AssertEachDocumentSignedAsDueAsync(workspace, Documents, requireAll: false);
            Assert.Empty(Directory.GetFiles(workspace.File("signed"), "*.tmp"));
            if (!landed)
            {
                // The run finished the batch before this point: no work is left to interrupt.
                break;
            }

            killed.Add($"{count}. {phase}");
        }

        // The first four points (prepared, device-signed, writing, written) must have hit a running batch; how many of
        // the later ones still find work depends on how far each killed run got past its point before the SIGKILL.
        Assert.True(killed.Count >= 4, $"only {killed.Count} kills landed in a running batch: {string.Join(", ", killed)}");

        var last = await SecurityKitCli.RunAsync(["sign", "batch", "--manifest", manifest], timeout: TimeSpan.FromMinutes(5));

        Assert.True(last.ExitCode == 0, last.ToString());
        await AssertEachDocumentSignedAsDueAsync(workspace, Documents, requireAll: true);
        Assert.Empty(Directory.GetFiles(workspace.File("signed/.work")));
    }

    [Fact]
    public async Task A_second_concurrent_run_of_a_manifest_is_refused()
    {
        using var workspace = new BatchWorkspace();
        var manifest = workspace.Manifest(1);
        await using var running = new FileStream(workspace.File("batch.db.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var second = await SecurityKitCli.RunAsync(["sign", "batch", "--manifest", manifest], timeout: TimeSpan.FromMinutes(2));

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("another run of this batch is in progress", second.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.File("signed/d0.pdf")));
    }

    /// <summary>Starts the CLI with --verbose and SIGKILLs it as soon as it has read the <paramref name="count"/>-th
    /// stderr line matching <paramref name="match"/> (or lets it end by itself).</summary>
    /// <returns>Whether the kill landed in a running batch (false when the run ended first).</returns>
    internal static async Task<bool> RunAndKillAsync(string manifest, Func<string, bool> match, int count)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { SecurityKitCli.AssemblyPath, "sign", "batch", "--manifest", manifest, "--verbose" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var lines = new List<string>();
        var reached = false;

        // Read and kill on a dedicated thread, not in async continuations: when the thread pool is busy with other
        // test classes, a continuation can lag seconds behind the CLI, which then finishes before the kill lands.
        var reader = new Thread(() =>
        {
            var seen = 0;
            while (seen < count && process.StandardError.ReadLine() is { } line)
            {
                lines.Add(line);
                if (match(line))
                {
                    seen++;
                }
            }

            reached = seen == count && !process.HasExited;
            process.Kill(); // SIGKILL on Unix
        }) { IsBackground = true };
        reader.Start();
        await Task.Run(reader.Join);
        await process.WaitForExitAsync();
        if (!reached)
        {
            Console.Error.WriteLine($"run ended before the kill point; last stderr lines:\n{string.Join('\n', lines.TakeLast(8))}");
        }

        return reached;
    }

    /// <summary>Every final output present carries exactly its due signatures, all valid (pdfsig).</summary>
    internal static async Task AssertEachDocumentSignedAsDueAsync(BatchWorkspace workspace, int documents, bool requireAll)
    {
        for (var i = 0; i < documents; i++)
        {
            var path = workspace.File($"signed/d{i}.pdf");
            if (!requireAll && !File.Exists(path))
            {
                continue;
            }

            var due = i % 2 == 0 ? 2 : 1;
            var output = await TestPdfs.PdfsigAsync(path);
            Assert.True(TestPdfs.Count(output, "Signature #") == due, $"d{i}: {output}");
            Assert.Equal(due, TestPdfs.Count(output, "Signature is Valid"));
        }
    }
}
