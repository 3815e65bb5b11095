using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace SecurityKit.Cli.Commands.Risk;

/// <summary>
/// <c>risk benchmark</c>: generates a data folder, then runs <c>risk train</c> and <c>risk score</c> as separate
/// processes of this same tool, and prints each step's wall-clock time (end to end, process start included) and peak
/// resident memory (VmHWM of the child, sampled every 50 ms from /proc) and CPU time (user + system, sampled likewise),
/// which stays meaningful when the machine is shared and wall-clock time is not.
/// </summary>
internal static class RiskBenchmark
{
    public static Command Command()
    {
        var employers = new Option<int>("--employers") { Description = "Number of employers to generate.", DefaultValueFactory = _ => 300_000 };
        var seed = new Option<int>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 1 };
        var work = new Option<DirectoryInfo?>("--work") { Description = "Folder for the generated data, model and ranking (default: a new temporary folder, deleted afterwards)." };
        var command = new Command("benchmark", "Measure generation, training and scoring time and peak memory at a given size.");
        command.Options.Add(employers);
        command.Options.Add(seed);
        command.Options.Add(work);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var keep = r.GetValue(work) is not null;
            var folder = r.GetValue(work)?.FullName ?? Directory.CreateTempSubdirectory("sk-risk-bench-").FullName;
            try
            {
                Directory.CreateDirectory(folder);
                var data = Path.Combine(folder, "data");
                var model = Path.Combine(folder, "model.zip");
                var ranking = Path.Combine(folder, "ranking.csv");
                var n = r.GetValue(employers).ToString(CultureInfo.InvariantCulture);
                Console.Out.WriteLine($"employer-risk benchmark: {n} employers × 12 quarters, {Environment.ProcessorCount} cores");
                await Step("generate", ["risk", "generate", "--employers", n, "--seed", r.GetValue(seed).ToString(CultureInfo.InvariantCulture), "--out", data], ct).ConfigureAwait(false);
                await Step("train", ["risk", "train", "--data", data, "--model", model], ct).ConfigureAwait(false);
                await Step("score", ["risk", "score", "--data", data, "--model", model, "--out", ranking], ct).ConfigureAwait(false);
            }
            finally
            {
                if (!keep)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }

            return 0;
        });
        return command;
    }

    private static async Task Step(string name, string[] arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(info.FileName) == "dotnet")
        {
            info.ArgumentList.Add(typeof(RiskBenchmark).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the benchmark step");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        long peakKb = 0;
        double cpuSeconds = 0;
        while (!process.HasExited)
        {
            peakKb = Math.Max(peakKb, PeakKb(process.Id));
            cpuSeconds = Math.Max(cpuSeconds, CpuSeconds(process.Id));
            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        watch.Stop();
        var output = (await stdout.ConfigureAwait(false)).Trim();
        var error = (await stderr.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0)
        {
            throw new Infrastructure.CommandLineError($"benchmark step {name} failed: {error}", name);
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-9} {watch.Elapsed.TotalSeconds,8:0.0} s wall   {cpuSeconds,8:0.0} s CPU   peak memory {peakKb / 1024.0,7:0} MB   ({output.ReplaceLineEndings(" | ")})"));
    }

    private static double CpuSeconds(int pid)
    {
        // utime + stime (fields 14 and 15 of /proc/PID/stat, after the parenthesised command), in clock ticks of 1/100 s.
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static long PeakKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process just exited.
        }

        return 0;
    }
}
