using SecurityKit.Signing.Batch;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Batch;

public sealed class SqliteBatchJobStoreTests : BatchJobStoreContract, IDisposable
{
    private readonly TemporaryDirectory directory = new("sk-batch-store");

    public void Dispose() => directory.Dispose();

    private protected override Task<IBatchJobStore> CreateStoreAsync() =>
        Task.FromResult<IBatchJobStore>(new SqliteBatchJobStore(directory.File($"{Guid.NewGuid():N}.db"), Clock));
}
