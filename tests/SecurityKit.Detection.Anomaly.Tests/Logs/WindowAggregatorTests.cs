using SecurityKit.Detection.Anomaly.Logs.Scoring;

namespace SecurityKit.Detection.Anomaly.Tests.Logs;

public sealed class WindowAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static LogEvent At(int seconds, string entity = "u1", long line = 1) => new(line, T0.AddSeconds(seconds), 0, "t", entity, []);

    [Fact]
    public void Fixed_windows_close_once_time_moves_past_them()
    {
        var aggregator = new WindowAggregator(new LogScoringOptions { Window = TimeSpan.FromMinutes(1), Step = TimeSpan.FromMinutes(1), AllowedLateness = TimeSpan.Zero });
        Assert.Empty(aggregator.Add(At(0)));
        Assert.Empty(aggregator.Add(At(30)));
        var closed = aggregator.Add(At(61));
        var window = Assert.Single(closed);
        Assert.Equal(2, window.Count);
        Assert.Equal(T0, window.Start);
    }

    [Fact]
    public void Sliding_windows_count_an_event_in_every_window_that_covers_it()
    {
        var aggregator = new WindowAggregator(new LogScoringOptions { Window = TimeSpan.FromMinutes(10), Step = TimeSpan.FromMinutes(5) });
        aggregator.Add(At(6 * 60));
        var windows = aggregator.Flush();
        Assert.Equal(2, windows.Count);
        Assert.All(windows, w => Assert.Equal(1, w.Count));
    }

    [Fact]
    public void Events_later_than_the_allowed_lateness_are_counted_and_skipped()
    {
        var aggregator = new WindowAggregator(new LogScoringOptions { AllowedLateness = TimeSpan.FromSeconds(10) });
        aggregator.Add(At(3600));
        aggregator.Add(At(0));
        Assert.Equal(1, aggregator.LateEvents);
    }

    [Fact]
    public void Open_entities_stay_bounded()
    {
        var aggregator = new WindowAggregator(new LogScoringOptions { MaxOpenEntities = 10 });
        var closed = 0;
        for (var i = 0; i < 1000; i++)
        {
            closed += aggregator.Add(At(i, "entity" + i)).Count;
        }

        Assert.True(aggregator.OpenEntities <= 10);
        Assert.Equal(1000, closed + aggregator.Flush().Count);
    }
}
