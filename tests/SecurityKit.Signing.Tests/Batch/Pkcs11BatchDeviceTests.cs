using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using SecurityKit.Crypto;
using SecurityKit.Signing.Batch;
using SecurityKit.Signing.Tests.Pades;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Batch;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BatchSoftHsm
{
    public const string Name = "batch SoftHSM";
}

/// <summary>
/// One activation per signatory session with a real PKCS#11 module: SoftHSM2 behind OpenSC's pkcs11-spy, which logs
/// every PKCS#11 call the SecurityKit.Crypto provider makes, so logins are counted outside the code under test.
/// </summary>
[Collection(BatchSoftHsm.Name)]
public sealed class Pkcs11BatchDeviceTests : IDisposable
{
    private const string Spy = "/usr/lib/x86_64-linux-gnu/pkcs11-spy.so";
    private readonly SoftHsmToken token = new("batch-seal");
    private readonly BatchWorkspace workspace = new();
    private readonly string log;

    public Pkcs11BatchDeviceTests()
    {
        Assert.True(File.Exists(Spy), $"{Spy} is missing: install the Debian package opensc-pkcs11 (.ci/run does)");
        RuntimeHelpers.RunClassConstructor(typeof(Pkcs11KeyProvider).TypeHandle); // registers the native resolver
        log = workspace.File("pkcs11-spy.log");
        SetVariable("PKCS11SPY", SoftHsmToken.ModulePath);
        SetVariable("PKCS11SPY_OUTPUT", log);
    }

    public void Dispose()
    {
        SetVariable("PKCS11SPY", null);
        SetVariable("PKCS11SPY_OUTPUT", null);
        workspace.Dispose();
        token.Dispose();
    }

    [Fact]
    public async Task An_hsm_seal_logs_in_once_per_signatory_session_whatever_the_number_of_documents()
    {
        using var certificate = CreateTokenKey("seal", alwaysAuthenticate: false);
        var device = new Pkcs11BatchDevice(Options(), SecurityKit.Crypto.SignatureAlgorithm.Rsa2048Pkcs1, "seal", certificate);
        var (service, batch) = await StartAsync(7);

        await service.SignAsync(BatchWorkspace.BatchId, "df", device);
        await service.SignAsync(BatchWorkspace.BatchId, "dg", device);

        var calls = await File.ReadAllTextAsync(log);
        Assert.Equal(2, Logins(calls, "CKU_USER"));
        Assert.Equal(0, Logins(calls, "CKU_CONTEXT_SPECIFIC"));
        Assert.Equal(4 + 7, Calls(calls, "C_SignInit")); // C_Sign itself is called twice per signature (length, then value)
        await AssertSignedAsync(batch, 7);
    }

    [Fact]
    public async Task A_key_that_demands_a_login_per_signature_gets_one_per_document()
    {
        using var certificate = CreateTokenKey("qualified", alwaysAuthenticate: true);
        var device = new Pkcs11BatchDevice(Options(), SecurityKit.Crypto.SignatureAlgorithm.Rsa2048Pkcs1, "qualified", certificate, activation: BatchActivation.PerSignature);
        var (service, _) = await StartAsync(5);

        var results = await service.SignAsync(BatchWorkspace.BatchId, "df", device);

        var calls = await File.ReadAllTextAsync(log);
        Assert.Equal(3, results.Count);
        Assert.Equal(1, Logins(calls, "CKU_USER"));
        Assert.Equal(3, Logins(calls, "CKU_CONTEXT_SPECIFIC"));
    }

    [Fact]
    public async Task A_key_that_demands_a_login_per_signature_asks_the_prompt_once_per_signature()
    {
        using var certificate = CreateTokenKey("qualified", alwaysAuthenticate: true);
        var prompts = new List<BatchPinRequest>();
        var device = new Pkcs11BatchDevice(Options(), SecurityKit.Crypto.SignatureAlgorithm.Rsa2048Pkcs1, "qualified", certificate, activation: BatchActivation.PerSignature)
        {
            PinPrompt = Prompt(prompts, _ => token.UserPin),
        };
        var (service, batch) = await StartAsync(5);

        var results = await service.SignAsync(BatchWorkspace.BatchId, "df", device);

        Assert.Equal([("d0", 0), ("d2", 1), ("d4", 2)], prompts.Select(p => (p.Document!, p.Index)));
        Assert.All(prompts, p => Assert.Equal((BatchPinKind.Signature, 3, "df", BatchWorkspace.BatchId), (p.Kind, p.Count, p.Signatory!, p.BatchId!)));
        var calls = await File.ReadAllTextAsync(log);
        Assert.Equal(1, Logins(calls, "CKU_USER"));
        Assert.Equal(3, Logins(calls, "CKU_CONTEXT_SPECIFIC"));
        Assert.All(results, r => Assert.Equal((BatchStepStatus.Pending, 1, null), (r.Status, r.Signatures, r.Error)));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(batch.OutputFolder, ".work"), "*.1.pdf").Length);
    }

    [Fact]
    public async Task An_ordinary_key_without_a_configured_pin_asks_the_prompt_once_per_session()
    {
        using var certificate = CreateTokenKey("seal", alwaysAuthenticate: false);
        var prompts = new List<BatchPinRequest>();
        var options = Options();
        options.UserPin = string.Empty;
        var device = new Pkcs11BatchDevice(options, SecurityKit.Crypto.SignatureAlgorithm.Rsa2048Pkcs1, "seal", certificate) { PinPrompt = Prompt(prompts, _ => token.UserPin) };
        var (service, batch) = await StartAsync(3);

        await service.SignAsync(BatchWorkspace.BatchId, "df", device);
        await service.SignAsync(BatchWorkspace.BatchId, "dg", device);

        Assert.Equal([(BatchPinKind.Session, "df", 2), (BatchPinKind.Session, "dg", 3)], prompts.Select(p => (p.Kind, p.Signatory!, p.Count)));
        var calls = await File.ReadAllTextAsync(log);
        Assert.Equal(2, Logins(calls, "CKU_USER"));
        Assert.Equal(0, Logins(calls, "CKU_CONTEXT_SPECIFIC"));
        await AssertSignedAsync(batch, 3);
    }

    [Fact]
    public async Task A_refused_pin_fails_that_document_and_stops_the_session_keeping_the_earlier_signatures()
    {
        using var certificate = CreateTokenKey("qualified", alwaysAuthenticate: true);
        var prompts = new List<BatchPinRequest>();
        var device = new Pkcs11BatchDevice(Options(), SecurityKit.Crypto.SignatureAlgorithm.Rsa2048Pkcs1, "qualified", certificate, activation: BatchActivation.PerSignature)
        {
            PinPrompt = Prompt(prompts, p => p.Index == 1 ? "000000" : token.UserPin),
        };
        var (service, _) = await StartAsync(5);

        var results = await service.SignAsync(BatchWorkspace.BatchId, "df", device);

        Assert.Equal(2, prompts.Count); // never a third PIN after the token refused one
        Assert.Equal(
            [("d0", BatchStepStatus.Pending, 1), ("d2", BatchStepStatus.Failed, 0), ("d4", BatchStepStatus.Pending, 0)],
            results.Select(r => (r.Id, r.Status, r.Signatures)));
        Assert.Equal("the PIN was refused for this signature", results[1].Error);
        Assert.Contains("refused PIN", results[2].Error, StringComparison.Ordinal);
        Assert.DoesNotContain("000000", string.Join(' ', results.Select(r => r.Error)), StringComparison.Ordinal);
        var steps = await StepsAsync("df");
        Assert.Equal([BatchStepStatus.Signed, BatchStepStatus.Failed, BatchStepStatus.Pending], steps.Select(s => s.Status));
    }

    [Fact]
    public async Task A_declined_pin_leaves_the_remaining_documents_pending_for_the_next_session()
    {
        using var certificate = CreateTokenKey("qualified", alwaysAuthenticate: true);
        var prompts = new List<BatchPinRequest>();
        var declining = new Pkcs11BatchDevice(Options(), SecurityKit.Crypto.SignatureAlgorithm.Rsa2048Pkcs1, "qualified", certificate, activation: BatchActivation.PerSignature)
        {
            PinPrompt = Prompt(prompts, p => p.Index == 1 ? string.Empty : token.UserPin),
        };
        var (service, _) = await StartAsync(5);
        await service.SignAsync(BatchWorkspace.BatchId, "df", declining);
        Assert.Equal([BatchStepStatus.Signed, BatchStepStatus.Pending, BatchStepStatus.Pending], (await StepsAsync("df")).Select(s => s.Status));
        prompts.Clear();
        var willing = new Pkcs11BatchDevice(Options(), SecurityKit.Crypto.SignatureAlgorithm.Rsa2048Pkcs1, "qualified", certificate, activation: BatchActivation.PerSignature)
        {
            PinPrompt = Prompt(prompts, _ => token.UserPin),
        };

        var results = await service.SignAsync(BatchWorkspace.BatchId, "df", willing);

        Assert.Equal(["d2", "d4"], prompts.Select(p => p.Document!));
        Assert.Equal(["d2", "d4"], results.Select(r => r.Id));
        Assert.All(await StepsAsync("df"), s => Assert.Equal(BatchStepStatus.Signed, s.Status));
    }

    [Fact]
    public async Task The_cli_signs_with_a_card_key_making_one_context_specific_login_per_signature()
    {
        using var certificate = CreateTokenKey("Signature", alwaysAuthenticate: true);
        var manifest = CardManifest(certificate, 5);
        SetVariable("SECURITYKIT_PKCS11_PIN", token.UserPin);
        ToolResult run;
        try
        {
            run = await SecurityKitCli.RunAsync(["sign", "batch", "--manifest", manifest], timeout: TimeSpan.FromMinutes(3));
        }
        finally
        {
            SetVariable("SECURITYKIT_PKCS11_PIN", null);
        }

        Assert.True(run.ExitCode == 0, run.ToString());
        var calls = await File.ReadAllTextAsync(log);
        Assert.Equal(2, Logins(calls, "CKU_USER"));
        Assert.Equal(3 + 5, Logins(calls, "CKU_CONTEXT_SPECIFIC")); // df: 3 opinions, dg: all 5
        await AssertSignedAsync(SigningBatch.Load(manifest), 5);
    }

    [Fact]
    public async Task The_cli_without_a_pin_nor_a_terminal_stops_before_signing()
    {
        using var certificate = CreateTokenKey("Signature", alwaysAuthenticate: true);
        var manifest = CardManifest(certificate, 2);

        var run = await SecurityKitCli.RunAsync(["sign", "batch", "--manifest", manifest], timeout: TimeSpan.FromMinutes(3));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SECURITYKIT_PKCS11_PIN", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("(signatories.df)", run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.File("signed/d0.pdf")));
    }

    /// <summary>The workspace manifest with both signatories on the token key (an eID-like card, no PIN in it).</summary>
    private string CardManifest(X509Certificate2 certificate, int documents)
    {
        var manifest = workspace.Manifest(documents);
        File.WriteAllText(workspace.File("card.pem"), certificate.ExportCertificatePem());
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        foreach (var signatory in json["signatories"]!.AsArray().Select(s => s!.AsObject()))
        {
            signatory.Remove("pfx");
            signatory.Remove("password");
            signatory["device"] = "eid-card";
            signatory["pkcs11"] = new System.Text.Json.Nodes.JsonObject { ["module"] = Spy, ["token"] = token.Label, ["key"] = "Signature", ["certificate"] = "card.pem" };
        }

        File.WriteAllText(manifest, json.ToJsonString());
        return manifest;
    }

    private static BatchPinPrompt Prompt(List<BatchPinRequest> prompts, Func<BatchPinRequest, string> pin) => new((request, _) =>
    {
        prompts.Add(request);
        return ValueTask.FromResult(pin(request).AsMemory());
    });

    private async Task<IReadOnlyList<BatchStep>> StepsAsync(string signatory)
    {
        var batch = SigningBatch.Load(workspace.File("batch.json"));
        await using var store = new SqliteBatchJobStore(batch.StorePath);
        return [.. (await store.GetStepsAsync(BatchWorkspace.BatchId)).Where(s => s.Signatory == signatory)];
    }

    private static int Calls(string log, string function) => Regex.Count(log, $@"^\d+: {function}\s*$", RegexOptions.Multiline);

    /// <summary>C_Login calls with the given user type (pkcs11-spy writes "[in] userType = CKU_…" after the call line).</summary>
    private static int Logins(string log, string userType) => Regex.Count(log, $@"^\d+: C_Login\s*$(?:(?!^\d+: ).)*?userType = {userType}\b", RegexOptions.Multiline | RegexOptions.Singleline);

    private static async Task AssertSignedAsync(SigningBatch batch, int documents)
    {
        for (var i = 0; i < documents; i++)
        {
            var output = await TestPdfs.PdfsigAsync(Path.Combine(batch.OutputFolder, $"d{i}.pdf"));
            Assert.Equal(i % 2 == 0 ? 2 : 1, TestPdfs.Count(output, "Signature is Valid"));
        }
    }

    // The spy reads its variables with getenv(3) when loaded: the native environment must change, not only .NET's copy.
    private static void SetVariable(string name, string? value) => ProcessEnvironment.Set(name, value);

    private Pkcs11Options Options() => token.Options(Spy);

    private async Task<(BatchService Service, SigningBatch Batch)> StartAsync(int documents)
    {
        var (service, batch, _) = await workspace.StartAsync(workspace.Manifest(documents, device: "pkcs11-token"));
        return (service, batch);
    }

    /// <summary>Puts an RSA-2048 key into the token (directly, not through the spy) and returns its self-signed certificate.</summary>
    private X509Certificate2 CreateTokenKey(string label, bool alwaysAuthenticate)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Provincial seal {label}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var withKey = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        token.CreateRsaKey(rsa, label, alwaysAuthenticate);
        return X509CertificateLoader.LoadCertificate(withKey.RawData);
    }
}
