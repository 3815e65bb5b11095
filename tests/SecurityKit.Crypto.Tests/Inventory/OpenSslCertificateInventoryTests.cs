using SecurityKit.Crypto.Inventory;
using SecurityKit.Testing;

namespace SecurityKit.Crypto.Tests.Inventory;

public sealed class OpenSslCertificateInventoryTests
{
    [Fact]
    public async Task An_Ed25519_certificate_made_by_OpenSSL_is_named_Ed25519()
    {
        using var folder = new TemporaryDirectory();
        var result = await ExternalTool.RunAsync(ExternalTool.Require("openssl", "openssl"), ["req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", folder.File("k.pem"), "-out", folder.File("ed.der"), "-outform", "DER", "-subj", "/CN=ed", "-days", "30"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        File.Delete(folder.File("k.pem"));

        var report = CryptoInventory.Scan([folder.Path]);

        var ed = Assert.Single(report.Assets, a => a.Type == CryptoAssetType.Algorithm);
        Assert.Equal(("Ed25519", true), (ed.Name, ed.IsQuantumVulnerable));
        Assert.Equal(2, ed.Occurrences.Count); // subject key and (self-)signature
    }
}
