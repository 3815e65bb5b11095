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
        using var workspace = new BatchWorkspace();
        var manifest = workspace.Manifest(12);
        await RunAndKillAsync(manifest, line => line.Contains(": signed", StringComparison.Ordinal), steps, $"the {steps}. signed step");

        var resumed = await SecurityKitCli.RunAsync(["sign", "batch", "--manifest", manifest], timeout: TimeSpan.FromMinutes(2));

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        using var summary = JsonDocument.Parse(resumed.StandardOutput.Trim().Split('\n')[^1]);
        Assert.Equal(12, summary.RootElement.GetProperty("documents").GetArrayLength());
        await AssertEachDocumentSignedAsDueAsync(workspace, 12, requireAll: true);
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
            ("prepared", 40), ("device-signed", 1), ("writing", 30), ("written", 45), ("prepared", 150),
            ("writing", 1), ("written", 1), ("device-signed", 1), ("written", 60),
        ];
        // The last point counts 60 writes, not more: earlier runs may
        // have written well past their kill line before the SIGKILL landed (writers do not wait for their mark), so
        // fewer than 120 writes can remain and the run would end before the point (seen once under load).

        foreach (var (phase, count) in killPoints)
        {
            await RunAndKillAsync(manifest, line => line.StartsWith(phase + " ", StringComparison.Ordinal), count, $"the {count}. '{phase}'");
            await AssertEachDocumentSignedAsDueAsync(workspace, Documents, requireAll: false);
            Assert.Empty(Directory.GetFiles(workspace.File("signed"), "*.tmp"));
        }

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
    /// stderr line matching <paramref name="match"/>. Fails the test, with the run's last stderr lines, when the run
    /// ends before that point.</summary>
    internal static async Task RunAndKillAsync(string manifest, Func<string, bool> match, int count, string point)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { SecurityKitCli.AssemblyPath, "sign", "batch", "--manifest", manifest, "--verbose" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var seen = 0;
        var lines = new List<string>();
        while (seen < count && await process.StandardError.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (match(line))
            {
                seen++;
            }
        }

        var reached = seen == count && !process.HasExited;
        process.Kill(); // SIGKILL on Unix
        await process.WaitForExitAsync();
        Assert.True(reached, $"the run ended before {point} (exit code {process.ExitCode}); last stderr lines:\n{string.Join('\n', lines.TakeLast(8))}");
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
