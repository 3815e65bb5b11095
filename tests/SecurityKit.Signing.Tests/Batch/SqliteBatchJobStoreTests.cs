using SecurityKit.Signing.Batch;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>The store contract (inherited facts) on SQLite, plus what only a database file must keep.</summary>
public sealed class SqliteBatchJobStoreTests : BatchJobStoreContract, IDisposable
{
    private readonly TemporaryDirectory directory = new("sk-batch-store");

    public void Dispose() => directory.Dispose();

    private protected override Task<IBatchJobStore> CreateStoreAsync() =>
        Task.FromResult<IBatchJobStore>(new SqliteBatchJobStore(directory.File($"{Guid.NewGuid():N}.db"), Clock));

    [Fact]
    public async Task Steps_survive_closing_and_reopening_the_database_file()
    {
        var path = directory.File("kept.db");
        await using (var store = new SqliteBatchJobStore(path, Clock))
        {
            await store.EnsureStepsAsync("b", Steps(2));
            Assert.True(await store.TransitionAsync("b", "d1", "df", BatchStepStatus.Pending, BatchStepStatus.Signed));
        }

        await using var reopened = new SqliteBatchJobStore(path, Clock);
        var steps = await reopened.GetStepsAsync("b");

        Assert.Equal(4, steps.Count);
        Assert.Equal(BatchStepStatus.Signed, steps.Single(s => s.Document == "d1" && s.Signatory == "df").Status);
    }
}
