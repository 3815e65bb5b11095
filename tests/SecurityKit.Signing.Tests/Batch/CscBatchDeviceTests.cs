using SecurityKit.Signing.Batch;
using SecurityKit.Signing.Tests.Pades;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>A remote signing service in the Cloud Signature Consortium API v2 shape, played by a loopback server (<see cref="CscServer"/>).</summary>
public sealed class CscBatchDeviceTests : IDisposable
{
    private const string Pin = "2468";
    private readonly BatchWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task One_authorisation_covers_all_the_hashes_of_a_signatory_session()
    {
        using var key = workspace.Key();
        await using var service = new CscServer(key.Certificate, "seal-1", Pin, accessToken: "token");
        using var http = new HttpClient();
        var device = new CscBatchDevice(http, new CscBatchDeviceOptions { BaseUrl = service.BaseUrl, CredentialId = "seal-1", Pin = Pin, AccessToken = "token" }, key.Certificate);
        var (batches, batch, _) = await workspace.StartAsync(workspace.Manifest(6, device: "remote-service"));

        await batches.SignAsync(BatchWorkspace.BatchId, "df", device);
        await batches.SignAsync(BatchWorkspace.BatchId, "dg", device);

        Assert.Equal([3, 6], service.Authorizations);
        Assert.Equal(2, service.SignHashCalls);
        for (var i = 0; i < 6; i++)
        {
            var output = await TestPdfs.PdfsigAsync(Path.Combine(batch.OutputFolder, $"d{i}.pdf"));
            Assert.Equal(i % 2 == 0 ? 2 : 1, TestPdfs.Count(output, "Signature is Valid"));
        }
    }

    [Fact]
    public async Task A_refused_authorisation_leaves_every_document_pending()
    {
        using var key = workspace.Key();
        await using var service = new CscServer(key.Certificate, "seal-1", Pin, accessToken: null);
        using var http = new HttpClient();
        var device = new CscBatchDevice(http, new CscBatchDeviceOptions { BaseUrl = service.BaseUrl, CredentialId = "seal-1", Pin = "0000" }, key.Certificate);
        var (batches, batch, _) = await workspace.StartAsync(workspace.Manifest(2, device: "remote-service"));

        var error = await Assert.ThrowsAsync<SecurityKitException>(() => batches.SignAsync(BatchWorkspace.BatchId, "dg", device));

        Assert.Contains("HTTP 400, invalid_request", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0000", error.Message, StringComparison.Ordinal);
        var status = await batches.GetStatusAsync(BatchWorkspace.BatchId);
        Assert.All(status.Steps, s => Assert.Equal(BatchStepStatus.Pending, s.Status));
        Assert.Empty(Directory.GetFiles(BatchService.WorkFolder(batch)));
    }
}
