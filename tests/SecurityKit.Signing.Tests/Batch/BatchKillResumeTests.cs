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
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { SecurityKitCli.AssemblyPath, "sign", "batch", "--manifest", manifest })
        {
            start.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(start)!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            for (var seen = 0; seen < steps && await process.StandardError.ReadLineAsync() is not null; seen++)
            {
            }

            process.Kill();
            await process.WaitForExitAsync();
        }

        var resumed = await SecurityKitCli.RunAsync(["sign", "batch", "--manifest", manifest], timeout: TimeSpan.FromMinutes(2));

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        using var summary = JsonDocument.Parse(resumed.StandardOutput.Trim().Split('\n')[^1]);
        Assert.Equal(12, summary.RootElement.GetProperty("documents").GetArrayLength());
        for (var i = 0; i < 12; i++)
        {
            var output = await TestPdfs.PdfsigAsync(workspace.File($"signed/d{i}.pdf"));
            Assert.Equal(i % 2 == 0 ? 2 : 1, TestPdfs.Count(output, "Signature #"));
            Assert.Equal(i % 2 == 0 ? 2 : 1, TestPdfs.Count(output, "Signature is Valid"));
        }

        Assert.Empty(Directory.GetFiles(workspace.File("signed/.work")));
    }
}
