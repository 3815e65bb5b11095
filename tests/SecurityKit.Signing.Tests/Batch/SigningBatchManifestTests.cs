using SecurityKit.Signing.Batch;

namespace SecurityKit.Signing.Tests.Batch;

public sealed class SigningBatchManifestTests
{
    [Fact]
    public void A_signatory_role_unknown_to_the_policy_is_refused()
    {
        using var workspace = new BatchWorkspace();
        var manifest = workspace.Manifest(1, policy: new() { ["director-general"] = ["*"] });

        var error = Assert.Throws<SecurityKitException>(() => SigningBatch.Load(manifest));

        Assert.Contains("role", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_role_no_signatory_has_is_refused()
    {
        using var workspace = new BatchWorkspace();
        var manifest = workspace.Manifest(1, policy: new() { ["finance-director"] = ["opinion"], ["director-general"] = ["*"], ["mayor"] = ["*"] });

        Assert.Throws<SecurityKitException>(() => SigningBatch.Load(manifest));
    }

    [Fact]
    public void A_document_no_signatory_signs_under_the_policy_is_refused()
    {
        using var workspace = new BatchWorkspace();
        var manifest = workspace.Manifest(1, [new { id = "x", path = "d0.pdf", kind = "minutes" }], new() { ["finance-director"] = ["opinion"], ["director-general"] = ["report"] });

        var error = Assert.Throws<SecurityKitException>(() => SigningBatch.Load(manifest));

        Assert.Contains("no signatory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_paths_are_resolved_from_the_manifest_folder()
    {
        using var workspace = new BatchWorkspace();

        var batch = SigningBatch.Load(workspace.Manifest(1));

        Assert.Equal(workspace.File("d0.pdf"), batch.Documents[0].Path);
        Assert.Equal(workspace.File("signed"), batch.OutputFolder);
    }

    [Fact]
    public void A_pkcs11_key_is_read_resolved_and_kept_in_the_stored_definition_without_a_pin()
    {
        using var workspace = new BatchWorkspace();
        var manifest = WithPkcs11(workspace, new System.Text.Json.Nodes.JsonObject { ["module"] = "lib/beid.so", ["token"] = "BELPIC", ["key"] = "Signature", ["certificate"] = "df.pem" });

        var batch = SigningBatch.Load(manifest);
        var stored = SigningBatch.Parse(System.Text.Encoding.UTF8.GetBytes(batch.ToDefinitionJson()), "/elsewhere");

        Assert.Equal(new BatchPkcs11Key(workspace.File("lib/beid.so"), "BELPIC", "Signature", workspace.File("df.pem")), batch.Signatories[0].Pkcs11);
        Assert.Equal(batch.Signatories[0].Pkcs11, stored.Signatories[0].Pkcs11);
        Assert.Equal(BatchActivation.PerSignature, stored.Signatories[0].Activation);
        Assert.DoesNotContain("4321", batch.ToDefinitionJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pkcs11_key_without_its_certificate_is_refused_naming_where()
    {
        using var workspace = new BatchWorkspace();
        var manifest = WithPkcs11(workspace, new System.Text.Json.Nodes.JsonObject { ["module"] = "beid.so", ["token"] = "BELPIC", ["key"] = "Signature" });

        var error = Assert.Throws<SecurityKitException>(() => SigningBatch.Load(manifest));

        Assert.Equal("signatories[0].pkcs11.certificate", error.Location);
    }

    private static string WithPkcs11(BatchWorkspace workspace, System.Text.Json.Nodes.JsonObject pkcs11)
    {
        var manifest = workspace.Manifest(1);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        var signatory = json["signatories"]![0]!.AsObject();
        signatory["device"] = "eid-card";
        signatory["password"] = "4321";
        signatory["pkcs11"] = pkcs11;
        File.WriteAllText(manifest, json.ToJsonString());
        return manifest;
    }
}
