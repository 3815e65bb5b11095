using SecurityKit.Detection.Anomaly.Logs.Evaluation;

namespace SecurityKit.Detection.Anomaly.Tests.Logs;

public sealed class GroupingAccuracyTests
{
    [Fact]
    public void A_line_counts_only_when_its_whole_group_matches_its_event()
    {
        // Truth: A A B B C; prediction merges B and C, splits nothing else: A lines correct (2 of 5).
        Assert.Equal(0.4, GroupingAccuracy.Compute(["A", "A", "B", "B", "C"], [1, 1, 2, 2, 2]), 10);
    }

    [Fact]
    public void An_over_split_event_counts_as_wrong()
    {
        Assert.Equal(0.5, GroupingAccuracy.Compute(["A", "A", "B", "B"], [1, 2, 3, 3]), 10);
    }

    [Fact]
    public void Identical_grouping_under_other_names_scores_one()
    {
        Assert.Equal(1.0, GroupingAccuracy.Compute(["A", "B", "A"], [7, 9, 7]), 10);
    }
}
