using System.Text.Json;
using Json.Schema;
using SecurityKit.Crypto.Inventory;
using SecurityKit.Testing;

namespace SecurityKit.Crypto.Tests.Inventory;

public sealed class CryptoInventoryTests(InventoryFixture fixture) : IClassFixture<InventoryFixture>
{
    private static readonly Lazy<JsonSchema> BomSchema = new(LoadSchema);

    private InventoryReport Scan(params string[] relative)
    {
        var options = new InventoryOptions();
        options.PfxPasswords.Add(InventoryFixture.PfxPassword);
        return CryptoInventory.Scan(relative.Length == 0 ? [fixture.Root] : relative.Select(r => Path.Combine(fixture.Root, r)), options);
    }

    [Fact]
    public void An_RSA_certificate_is_listed_with_its_key_size_and_as_quantum_vulnerable()
    {
        var rsa = Assert.Single(Scan("certs/rsa3072.pem").Assets, a => a.Name == "RSA-3072");

        Assert.Equal((CryptoAssetType.Algorithm, 3072, true, 0), (rsa.Type, rsa.KeySize, rsa.IsQuantumVulnerable, rsa.NistQuantumSecurityLevel));
        Assert.Contains("ML-DSA", rsa.SuggestedReplacement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_DER_certificate_names_its_curve()
    {
        var report = Scan("certs/p384.cer");

        var ec = Assert.Single(report.Assets, a => a.Name == "ECDSA-P-384");
        Assert.Equal(("P-384", 384), (ec.Curve, ec.KeySize));
        Assert.Contains(report.Assets, a => a.Name == "ECDSA-SHA384");
    }

    [Fact]
    public void A_certificate_asset_points_to_its_key_and_signature_algorithm()
    {
        var report = Scan("certs/rsa3072.pem");
        var certificate = Assert.Single(report.Assets, a => a.Type == CryptoAssetType.Certificate);
        var key = Assert.Single(report.Assets, a => a.BomRef == certificate.SubjectPublicKeyRef);

        Assert.Equal("CN=rsa3072", certificate.SubjectName);
        Assert.Equal(("public-key", 3072), (key.MaterialType, key.KeySize));
        Assert.Equal("RSA-PKCS1-SHA256", Assert.Single(report.Assets, a => a.BomRef == certificate.SignatureAlgorithmRef).Name);
    }

    [Fact]
    public void A_PFX_is_read_with_the_password_given()
    {
        var report = Scan("certs/seal.pfx");

        Assert.Contains(report.Assets, a => a.Name == "ECDSA-P-256");
        Assert.Contains(report.Assets, a => a.Occurrences.Any(o => o.Context.Contains("with private key", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_PFX_without_its_password_is_skipped_with_the_reason()
    {
        var report = CryptoInventory.Scan([Path.Combine(fixture.Root, "certs/seal.pfx")]);

        Assert.Empty(report.Assets);
        Assert.Contains("password", Assert.Single(report.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CMS_signature_lists_its_digest_and_signature_algorithms_and_its_signer()
    {
        var report = Scan("signed/decision.p7s");

        Assert.Contains(report.Assets, a => a.Name == "SHA-256" && a.NistQuantumSecurityLevel == 2 && a.IsQuantumVulnerable == false);
        Assert.Contains(report.Assets, a => a.Name == "RSA-3072" && a.Occurrences.Any(o => o.Context.Contains("signer 1 CN=rsa3072", StringComparison.Ordinal)));
        Assert.Contains(report.Assets, a => a.Type == CryptoAssetType.Certificate && a.SubjectName == "CN=rsa3072");
    }

    [Fact]
    public void A_signed_PDF_yields_the_CMS_inside_its_signature_dictionary()
    {
        var report = Scan("signed/avis.pdf");

        Assert.Empty(report.Skipped);
        Assert.Contains(report.Assets, a => a.Name == "RSA-3072" && a.Occurrences.Any(o => o.Context.StartsWith("PDF signature 1", StringComparison.Ordinal)));
    }

    [Fact]
    public void Nginx_ciphers_are_split_into_their_algorithms()
    {
        var report = Scan("tls/nginx.conf");
        var tls = Assert.Single(report.Assets, a => a.Type == CryptoAssetType.Protocol);

        Assert.Equal("TLSv1.2 TLSv1.3", tls.ProtocolVersion);
        Assert.Equal(["ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256", "DES-CBC3-SHA"], tls.CipherSuites.Select(s => s.Name));
        Assert.Contains(report.Assets, a => a.Name == "ECDHE" && a.IsQuantumVulnerable == true);
        Assert.Contains(report.Assets, a => a.Name == "3DES" && a.IsClassicallyWeak);
        Assert.Contains(report.Assets, a => a.Name == "AES-256-GCM" && a.Primitive == "ae" && a.Occurrences.Single().Line == 4);
    }

    [Fact]
    public void Apache_TLS_1_3_suites_are_read()
    {
        var tls = Assert.Single(Scan("tls/ssl.conf").Assets, a => a.Type == CryptoAssetType.Protocol);

        Assert.Equal("TLSv1.3", tls.ProtocolVersion);
        Assert.Equal(["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"], tls.CipherSuites.Select(s => s.Name));
    }

    [Fact]
    public void A_post_quantum_public_key_is_not_quantum_vulnerable()
    {
        var mlDsa = Assert.Single(Scan("keys/ml-dsa-65.pub.pem").Assets, a => a.Type == CryptoAssetType.Algorithm);

        Assert.Equal(("ML-DSA-65", 3, false), (mlDsa.Name, mlDsa.NistQuantumSecurityLevel, mlDsa.IsQuantumVulnerable));
    }

    [Fact]
    public void A_PEM_private_key_is_listed_with_its_size_but_not_its_value()
    {
        var report = Scan("keys/rsa2048.pem");
        var key = Assert.Single(report.Assets, a => a.MaterialType == "private-key");
        using var bom = new MemoryStream();
        CycloneDxWriter.Write(report, bom);
        var pem = File.ReadAllText(Path.Combine(fixture.Root, "keys/rsa2048.pem"));
        var body = pem.Split('\n')[1];

        Assert.Equal(2048, key.KeySize);
        Assert.DoesNotContain(body, System.Text.Encoding.UTF8.GetString(bom.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_NET_assembly_is_scanned_for_the_crypto_types_it_references()
    {
        var report = Scan("bin/SecurityKit.Crypto.dll");

        var rsa = Assert.Single(report.Assets, a => a.Name == "RSA");
        Assert.Contains("System.Security.Cryptography.RSA::", rsa.Occurrences.Single().Context, StringComparison.Ordinal);
        Assert.Contains(report.Assets, a => a.Name == "AES-GCM");
    }

    [Fact]
    public void A_damaged_file_is_skipped_and_the_scan_goes_on()
    {
        var report = Scan();

        Assert.Contains(report.Skipped, s => s.Path.EndsWith("damaged.der", StringComparison.Ordinal));
        Assert.Contains(report.Assets, a => a.Name == "RSA-3072");
    }

    [Fact]
    public void A_missing_path_is_a_specific_error()
    {
        var error = Assert.Throws<SecurityKitException>(() => CryptoInventory.Scan(["/no/such/folder"]));

        Assert.Equal("/no/such/folder", error.Location);
    }

    [Fact]
    public void The_CBOM_of_every_kind_of_asset_is_valid_CycloneDX_1_6()
    {
        var document = Bom(Scan());
        var result = BomSchema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });

        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(20)));
        var types = document.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("cryptoProperties").GetProperty("assetType").GetString()).ToHashSet();
        Assert.Equal(["algorithm", "certificate", "protocol", "related-crypto-material"], types.Order());
    }

    [Fact]
    public void The_schema_check_rejects_a_BOM_with_an_unknown_asset_type()
    {
        var json = Bom(Scan("certs/rsa3072.pem")).RootElement.GetRawText().Replace("\"assetType\": \"certificate\"", "\"assetType\": \"certificat\"", StringComparison.Ordinal);

        Assert.False(BomSchema.Value.Evaluate(JsonDocument.Parse(json).RootElement).IsValid);
    }

    [Fact]
    public void The_summary_says_what_to_replace_and_where()
    {
        using var writer = new StringWriter();

        InventorySummary.Write(Scan("certs"), writer);

        Assert.Contains("| RSA-3072 | 3072 | yes | ", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("skipped: ", writer.ToString(), StringComparison.Ordinal);
    }

    private static JsonDocument Bom(InventoryReport report)
    {
        using var stream = new MemoryStream();
        CycloneDxWriter.Write(report, stream);
        return JsonDocument.Parse(stream.ToArray());
    }

    private static JsonSchema LoadSchema()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Schemas");
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        JsonSchema.FromFile(Path.Combine(folder, "spdx.schema.json"), options);
        JsonSchema.FromFile(Path.Combine(folder, "jsf-0.82.schema.json"), options);
        return JsonSchema.FromFile(Path.Combine(folder, "bom-1.6.schema.json"), options);
    }
}
