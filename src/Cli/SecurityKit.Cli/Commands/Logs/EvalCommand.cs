using System.CommandLine;
using System.Globalization;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Detection.Anomaly.Logs.Evaluation;

namespace SecurityKit.Cli.Commands.Logs;

/// <summary><c>securitykit logs eval</c>: precision, recall, F1 and PR-AUC on labelled BGL lines, time-ordered split.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "A labelled Loghub structured CSV (Label '-' = normal).", DefaultValueFactory = _ => new FileInfo(Path.Combine("..", "shared", "data", "loghub", "BGL_2k.log_structured.csv")) };
        var share = new Option<double>("--train-share") { Description = "Share of events, in time order, used for training.", DefaultValueFactory = _ => 0.7 };
        var threshold = new Option<double>("--threshold") { Description = "Alert threshold of the unsupervised score.", DefaultValueFactory = _ => 0.99 };
        var classic = new Option<bool>("--classic") { Description = "Also compare with loglizer's classic detectors (PCA with the Q-statistic, Invariant Mining) per line and in fixed time windows." };
        var windowHours = new Option<double>("--window-hours") { Description = "Fixed time-window length for --classic (loglizer's BGL setting: 6).", DefaultValueFactory = _ => 6 };
        var command = new Command("eval", "Evaluate the unsupervised and supervised log scorers on labelled BGL lines (time-ordered train/test split).");
        command.Options.Add(data);
        command.Options.Add(share);
        command.Options.Add(threshold);
        command.Options.Add(classic);
        command.Options.Add(windowHours);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var file = r.GetValue(data)!;
            if (!file.Exists)
            {
                throw new CommandLineError("labelled data not found", file.Name);
            }

            if (r.GetValue(share) is <= 0 or >= 1)
            {
                throw new CommandLineError("--train-share must lie strictly between 0 and 1", "--train-share", SecurityKitCommand.UsageExitCode);
            }

            var result = BglEvaluation.Run(file.FullName, r.GetValue(share), r.GetValue(threshold));
            var o = r.InvocationConfiguration.Output;
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"train {result.TrainEvents} events (earliest), test {result.TestEvents} events ({result.Unsupervised.Positives} anomalous)")).ConfigureAwait(false);
            await o.WriteLineAsync("scorer                      threshold  precision  recall  F1      PR-AUC").ConfigureAwait(false);
            foreach (var (name, m) in new[] { ("unsupervised (PCA+rarity)", result.Unsupervised), ("  PCA alone", result.PcaOnly), ("  rarity alone", result.RarityOnly), ("supervised (FastTree)", result.Supervised) })
            {
                if (m is null)
                {
                    await o.WriteLineAsync($"{name,-27} (no anomalies in the training part)").ConfigureAwait(false);
                    continue;
                }

                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name,-27} {m.Threshold,9:F2} {m.Precision,10:F3} {m.Recall,7:F3} {m.F1,7:F3} {m.PrAuc,7:F3}")).ConfigureAwait(false);
            }

            if (r.GetValue(classic))
            {
                if (r.GetValue(windowHours) is not (> 0 and <= 24 * 366))
                {
                    throw new CommandLineError("--window-hours must be a positive number of hours (at most a year)", "--window-hours", SecurityKitCommand.UsageExitCode);
                }

                string? setting = null;
                foreach (var row in ClassicDetectorEvaluation.Run(file.FullName, r.GetValue(share), r.GetValue(windowHours)))
                {
                    if (row.Setting != setting)
                    {
                        setting = row.Setting;
                        await o.WriteLineAsync().ConfigureAwait(false);
                        await o.WriteLineAsync(setting).ConfigureAwait(false);
                        await o.WriteLineAsync("detector                                precision  recall  F1      PR-AUC  threshold").ConfigureAwait(false);
                    }

                    var m = row.Metrics;
                    await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{row.Detector,-39} {m.Precision,9:F3} {m.Recall,7:F3} {m.F1,7:F3} {m.PrAuc,7:F3}  {row.Note}")).ConfigureAwait(false);
                }
            }

            return 0;
        });
        return command;
    }
}
