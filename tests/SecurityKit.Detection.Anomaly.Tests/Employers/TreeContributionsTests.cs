using SecurityKit.Detection.Anomaly.Employers;
namespace SecurityKit.Detection.Anomaly.Tests.Employers;

public sealed class TreeContributionsTests : IClassFixture<GeneratedDataFixture>
{
    private readonly GeneratedDataFixture _fixture;

    public TreeContributionsTests(GeneratedDataFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void Contributions_read_from_the_trees_equal_those_of_the_MLNET_transform()
    {
        Assert.True(_fixture.Model.HasFastContributions);

        var byMlNet = _fixture.Model.SupervisedContributions(_fixture.Features, byMlNet: true)!;
        var fromTrees = _fixture.Model.SupervisedContributions(_fixture.Features, byMlNet: false)!;

        Assert.Equal(byMlNet.Length, fromTrees.Length);
        Assert.Contains(byMlNet, v => v > 0);
        for (var i = 0; i < byMlNet.Length; i++)
        {
            Assert.True(Math.Abs(byMlNet[i] - fromTrees[i]) <= 1e-6f * Math.Max(1, Math.Abs(byMlNet[i])), $"value {i}: ML.NET {byMlNet[i]} vs trees {fromTrees[i]}");
        }
    }

    [Fact]
    public void At_most_eight_positive_contributions_are_kept_per_employer()
    {
        var fromTrees = _fixture.Model.SupervisedContributions(_fixture.Features, byMlNet: false)!;

        for (var e = 0; e < _fixture.Features.Employers; e++)
        {
            var row = fromTrees.AsSpan(e * EmployerFeatureCatalog.Count, EmployerFeatureCatalog.Count).ToArray();
            Assert.True(row.Count(v => v > 0) <= 8);
            Assert.DoesNotContain(row, v => v < 0);
        }
    }
}
