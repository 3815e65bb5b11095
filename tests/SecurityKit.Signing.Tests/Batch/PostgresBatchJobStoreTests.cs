using Npgsql;
using SecurityKit.Signing.Batch;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>The store contract against a real PostgreSQL server (started on a free loopback port for this class).</summary>
public sealed class PostgresBatchJobStoreTests(PostgresServer postgres) : BatchJobStoreContract, IClassFixture<PostgresServer>, IAsyncLifetime
{
    private readonly List<NpgsqlDataSource> sources = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var source in sources)
        {
            await source.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_stores_on_one_database_share_steps_and_claims()
    {
        // Two API nodes: each has its own data source on the same database.
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var sourceA = NpgsqlDataSource.Create(connectionString);
        await using var sourceB = NpgsqlDataSource.Create(connectionString);
        await using var nodeA = new PostgresBatchJobStore(sourceA, Clock);
        await using var nodeB = new PostgresBatchJobStore(sourceB, Clock);
        await nodeA.EnsureStepsAsync("b", Steps(2));

        var claimedByA = await nodeA.ClaimAsync("b", "df", "node-a", 10, TimeSpan.FromMinutes(5));
        var claimedByB = await nodeB.ClaimAsync("b", "df", "node-b", 10, TimeSpan.FromMinutes(5));

        Assert.Equal(4, (await nodeB.GetStepsAsync("b")).Count);
        Assert.Equal(["d0", "d1"], claimedByA.Select(s => s.Document));
        Assert.Empty(claimedByB);
    }

    private protected override async Task<IBatchJobStore> CreateStoreAsync()
    {
        var source = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        sources.Add(source);
        return new PostgresBatchJobStore(source, Clock);
    }
}
