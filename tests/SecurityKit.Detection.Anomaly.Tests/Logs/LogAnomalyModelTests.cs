using SecurityKit.Detection.Anomaly.Logs.Scoring;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Anomaly.Tests.Logs;

public sealed class LogAnomalyModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static (LogAnomalyModel Model, TemplateCatalog Catalog) TrainOnNormalTraffic()
    {
        var options = new LogScoringOptions { Entity = EntityKind.User, Window = TimeSpan.FromMinutes(10), Step = TimeSpan.FromMinutes(10) };
        var catalog = new TemplateCatalog();
        var aggregator = new WindowAggregator(options);
        var windows = new List<EventWindow>();
        var random = new Random(3);
        for (var i = 0; i < 3000; i++)
        {
            var user = "user" + (i % 20);
            var line = i % 3 == 0 ? $"login ok for user {user} from 10.0.0.{i % 20}" : $"read document {random.Next(1000)} for user {user}";
            var template = catalog.Resolve(line, out var text);
            windows.AddRange(aggregator.Add(new LogEvent(i + 1, T0.AddSeconds(i * 20), template, text, user, MessageValues.Extract(line))));
        }

        windows.AddRange(aggregator.Flush());
        return (LogAnomalyModel.Train(catalog.Templates(), windows, options), catalog);
    }

    private static EventWindow Window(TemplateCatalog catalog, params string[] lines)
    {
        var aggregator = new WindowAggregator(new LogScoringOptions());
        foreach (var (line, i) in lines.Select((l, i) => (l, i)))
        {
            var template = catalog.Resolve(line, out var text);
            aggregator.Add(new LogEvent(i + 1, T0.AddSeconds(i), template, text, "user1", MessageValues.Extract(line)));
        }

        return Assert.Single(aggregator.Flush());
    }

    [Fact]
    public void Scores_lie_between_zero_and_one()
    {
        var (model, catalog) = TrainOnNormalTraffic();
        var s = model.Score(Window(catalog, "login ok for user user1 from 10.0.0.1", "read document 5 for user user1"));
        Assert.InRange(s.Score, 0, 1);
        Assert.InRange(s.PcaScore, 0, 1);
        Assert.InRange(s.RarityScore, 0, 1);
    }

    [Fact]
    public void A_window_of_new_message_types_scores_higher_than_a_usual_one_and_says_why()
    {
        var (model, catalog) = TrainOnNormalTraffic();
        var usual = model.Score(Window(catalog, "login ok for user user1 from 10.0.0.1", "read document 5 for user user1"));
        var seeded = new TemplateCatalog(model.Features.Templates);
        var odd = model.Score(Window(seeded, "kernel panic: unable to mount root fs on unknown-block", "kernel panic: unable to mount root fs on unknown-block"));
        Assert.True(odd.Score > usual.Score);
        Assert.Contains(odd.Reasons, r => r.Contains("never seen in the baseline", StringComparison.Ordinal));
    }

    [Fact]
    public void A_saved_model_loads_and_scores_the_same()
    {
        var (model, catalog) = TrainOnNormalTraffic();
        using var dir = new TemporaryDirectory();
        var path = Path.Combine(dir.Path, "model.zip");
        model.Save(path);
        var loaded = LogAnomalyModel.Load(path);
        var window = Window(catalog, "read document 5 for user user1");
        Assert.Equal(model.Score(window).Score, loaded.Score(window).Score, 6);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_with_a_typed_error()
    {
        using var dir = new TemporaryDirectory();
        var path = Path.Combine(dir.Path, "model.zip");
        File.WriteAllText(path, "not a zip");
        Assert.Throws<SecurityKitException>(() => LogAnomalyModel.Load(path));
    }

    [Fact]
    public void A_baseline_of_one_window_is_refused()
    {
        var catalog = new TemplateCatalog();
        var t = catalog.Resolve("hello 1", out var text);
        var window = EventWindow.Of(new LogEvent(1, T0, t, text, string.Empty, []));
        Assert.Throws<SecurityKitException>(() => LogAnomalyModel.Train(catalog.Templates(), [window], new LogScoringOptions()));
    }
}
