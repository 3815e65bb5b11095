using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Batch;
using SecurityKit.Signing.Keys;
using SecurityKit.Signing.Tests.Pades;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>The three-step flow of an external signer (eID card in a browser, desktop app) over a batch.</summary>
public sealed class BatchExternalSignerTests : IDisposable
{
    private const string Id = "b1";
    private readonly BatchWorkspace workspace = new();
    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task An_external_signer_signs_every_due_document_through_the_three_steps()
    {
        var (service, batch) = await StartAsync(4);
        using var key = workspace.Key();

        foreach (var signatory in new[] { "df", "dg" })
        {
            var request = await service.GetDataToSignAsync(Id, signatory, key.Certificate);
            var values = request.Items.ToDictionary(i => i.Document, i => SignDigest(key, i.Digest));
            var results = await service.SubmitSignatureValuesAsync(Id, signatory, key.Certificate, null, values);
            Assert.All(results, r => Assert.Null(r.Error));
        }

        var status = await service.GetStatusAsync(Id);
        Assert.All(status.Documents, d => Assert.Equal(BatchStepStatus.Signed, d.Status));
        for (var i = 0; i < 4; i++)
        {
            var output = await TestPdfs.PdfsigAsync(Path.Combine(batch.OutputFolder, $"d{i}.pdf"));
            Assert.Equal(i % 2 == 0 ? 2 : 1, TestPdfs.Count(output, "Signature is Valid"));
            Assert.Equal(i % 2 == 0 ? 2 : 1, TestPdfs.Count(output, "Signature #"));
        }
    }

    [Fact]
    public async Task Asking_again_for_the_data_to_sign_returns_the_same_bytes()
    {
        var (service, _) = await StartAsync(2);
        using var key = workspace.Key();

        var first = await service.GetDataToSignAsync(Id, "df", key.Certificate);
        var second = await service.GetDataToSignAsync(Id, "df", key.Certificate);

        Assert.Equal(first.Items.Select(i => Convert.ToHexString(i.DataToSign)), second.Items.Select(i => Convert.ToHexString(i.DataToSign)));
        Assert.Single(first.Items);
    }

    [Fact]
    public async Task Another_certificate_within_a_signatory_session_is_refused()
    {
        var (service, _) = await StartAsync(2);
        using var key = workspace.Key();
        using var other = OtherCertificate();
        await service.GetDataToSignAsync(Id, "dg", key.Certificate);

        var error = await Assert.ThrowsAsync<BatchCertificateChangedException>(() => service.GetDataToSignAsync(Id, "dg", other));

        Assert.Contains("signatory dg", error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_signature_value_is_refused_and_the_document_stays_pending()
    {
        var (service, batch) = await StartAsync(1);
        using var key = workspace.Key();
        var request = await service.GetDataToSignAsync(Id, "df", key.Certificate);
        var wrong = SignDigest(key, SHA256.HashData("something else"u8));

        var result = Assert.Single(await service.SubmitSignatureValuesAsync(Id, "df", key.Certificate, null, new Dictionary<string, byte[]> { ["d0"] = wrong }));

        Assert.Equal(BatchStepStatus.Pending, result.Status);
        Assert.Contains("signature value", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(BatchService.WorkFolder(batch), "*.pdf"));
        var right = await service.SubmitSignatureValuesAsync(Id, "df", key.Certificate, null, new Dictionary<string, byte[]> { ["d0"] = SignDigest(key, request.Items[0].Digest) });
        Assert.Null(Assert.Single(right).Error);
    }

    [Fact]
    public async Task A_value_for_a_document_not_due_yet_is_refused()
    {
        var (service, _) = await StartAsync(1);
        using var key = workspace.Key();

        var result = Assert.Single(await service.SubmitSignatureValuesAsync(Id, "dg", key.Certificate, null, new Dictionary<string, byte[]> { ["d0"] = new byte[256] }));

        Assert.Equal(BatchStepStatus.Pending, result.Status);
        Assert.Contains("is due on this document now", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_eid_signatory_must_give_one_pin_per_document()
    {
        var (service, _) = await StartAsync(6, device: "eid-card");
        using var key = workspace.Key();

        var request = await service.GetDataToSignAsync(Id, "dg", key.Certificate);

        Assert.Equal(BatchActivation.PerSignature, request.Activation);
        // The reports (odd) are due for the director-general now; the opinions wait for the finance director.
        Assert.Equal(["d1", "d3", "d5"], request.Items.Select(i => i.Document));
        Assert.Equal(3, request.ActivationsRequired);
    }

    [Fact]
    public async Task A_remote_signer_activates_once_for_the_whole_session()
    {
        var (service, _) = await StartAsync(6, device: "remote-service");
        using var key = workspace.Key();

        var request = await service.GetDataToSignAsync(Id, "dg", key.Certificate);

        Assert.Equal(BatchActivation.PerSession, request.Activation);
        Assert.Equal(1, request.ActivationsRequired);
    }

    private static byte[] SignDigest(CertificateKeySigner key, byte[] digest)
    {
        // What a card or a remote QSCD does: sign the SHA-256 digest (PKCS#1 v1.5 DigestInfo added by the signer).
        using var rsa = key.Certificate.GetRSAPrivateKey()!;
        return rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static X509Certificate2 OtherCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Someone Else", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var withKey = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadCertificate(withKey.RawData);
    }

    private async Task<(BatchService Service, SigningBatch Batch)> StartAsync(int documents, string device = "external")
    {
        var (service, batch, _) = await workspace.StartAsync(workspace.Manifest(documents, device: device), Id);
        return (service, batch);
    }
}
