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

    private protected override async Task<IBatchJobStore> CreateStoreAsync()
    {
        var source = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        sources.Add(source);
        return new PostgresBatchJobStore(source, Clock);
    }
}
