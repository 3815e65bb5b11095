using SecurityKit.Signing.DevPki;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Infrastructure;

/// <summary>
/// One test PKI and its TSA/OCSP/CRL server on a free loopback port, shared by the tests of the
/// <see cref="SharedPki"/> (which run one after another, so a test may switch faults on and must switch them off).
/// </summary>
public sealed class PkiFixture : IAsyncLifetime
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("sk-cades-").FullName;

    public TestPki Pki { get; private set; } = null!;

    public TestPkiServer Server { get; private set; } = null!;

    public string Directory => _directory;

    public Task InitializeAsync()
    {
        var port = FreePort.Next();
        Pki = TestPki.Create(Path.Combine(_directory, "pki"), port);
        Server = TestPkiServer.Start(Pki);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        System.IO.Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedPki : ICollectionFixture<PkiFixture>
{
    public const string Name = "test PKI";
}
