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
}
