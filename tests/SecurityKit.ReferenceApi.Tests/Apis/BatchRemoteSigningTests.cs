using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SecurityKit.ReferenceApi.Tests.Infrastructure;
using SecurityKit.Testing;
using static SecurityKit.ReferenceApi.Tests.Apis.BatchApiCalls;

namespace SecurityKit.ReferenceApi.Tests.Apis;

/// <summary>
/// A batch signatory whose device is a credential at a CSC v2 remote signing service on loopback: the service's
/// address is configuration, the caller names only the credential and brings the signatory's token and PIN.
/// </summary>
public sealed class BatchRemoteSigningTests : IDisposable
{
    private readonly CscServer csc = new();
    private readonly ApiFactory factory;

    public BatchRemoteSigningTests() =>
        factory = new ApiFactory(new Dictionary<string, string?> { ["Api:Signing:Csc:BaseUrl"] = csc.BaseUrl.AbsoluteUri });

    public void Dispose()
    {
        factory.Dispose();
        csc.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private HttpClient Client() => factory.ClientWithToken(factory.Credentials.Token("sign"));

    private Task CreateWithDocumentsAsync(HttpClient client, string batch, int documents) => BatchApiCalls.CreateWithDocumentsAsync(
        client, batch, new { id = "mayor", name = "Mayor", role = "mayor", device = "remote", credentialId = csc.CredentialId }, "mayor", documents);

    [Fact]
    public async Task A_remote_signatory_signs_all_its_documents_with_one_authorisation()
    {
        using var client = Client();
        await CreateWithDocumentsAsync(client, "csc-1", 3);

        using var signed = await client.PostAsJsonAsync("/signing/batches/csc-1/signatories/mayor/remote", new { accessToken = csc.AccessToken, pin = csc.Pin });

        var status = await Json(signed);
        Assert.All(status.GetProperty("documents").EnumerateArray(), d => Assert.Equal("signed", d.GetProperty("status").GetString()));
        Assert.Equal([3], csc.Authorizations);
        var report = await Pdfsig.ReportAsync(await client.GetByteArrayAsync(new Uri("/signing/batches/csc-1/documents/d0/signed", UriKind.Relative)));
        Assert.Contains(Pdfsig.Valid, report, StringComparison.Ordinal);
        Assert.Contains("Mayor Remote Signer", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_PIN_is_502_problem_json_without_the_PIN_and_leaves_the_documents_pending()
    {
        using var client = Client();
        await CreateWithDocumentsAsync(client, "csc-2", 1);

        using var refused = await client.PostAsJsonAsync("/signing/batches/csc-2/signatories/mayor/remote", new { accessToken = csc.AccessToken, pin = "9999" });

        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.DoesNotContain("9999", body, StringComparison.Ordinal);
        Assert.DoesNotContain(csc.AccessToken!, body, StringComparison.Ordinal);
        var status = await Json(await client.GetAsync(new Uri("/signing/batches/csc-2", UriKind.Relative)));
        Assert.Equal("pending", status.GetProperty("documents")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task After_a_wrong_PIN_the_signatory_can_try_again_with_the_right_one()
    {
        using var client = Client();
        await CreateWithDocumentsAsync(client, "csc-5", 2);
        using (var refused = await client.PostAsJsonAsync("/signing/batches/csc-5/signatories/mayor/remote", new { accessToken = csc.AccessToken, pin = "0000" }))
        {
            Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        }

        using var signed = await client.PostAsJsonAsync("/signing/batches/csc-5/signatories/mayor/remote", new { accessToken = csc.AccessToken, pin = csc.Pin });

        var status = await Json(signed);
        Assert.All(status.GetProperty("documents").EnumerateArray(), d => Assert.Equal("signed", d.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_remote_signatory_needs_a_credential_id()
    {
        using var client = Client();

        using var response = await client.PostAsJsonAsync("/signing/batches", new
        {
            id = "csc-3",
            signatories = new[] { new { id = "mayor", name = "Mayor", role = "mayor", device = "remote" } },
            policy = new Dictionary<string, string[]> { ["mayor"] = ["*"] },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_PIN_and_token_are_not_in_the_audit_log()
    {
        using var client = Client();
        await CreateWithDocumentsAsync(client, "csc-4", 1);
        using (var signed = await client.PostAsJsonAsync("/signing/batches/csc-4/signatories/mayor/remote", new { accessToken = csc.AccessToken, pin = csc.Pin }))
        {
            await Json(signed);
        }

        var entries = await AuditReader.ReadAsync(factory);

        Assert.Contains(entries, e => e.Action == "sign.batch.remote" && e.Outcome == "succeeded");
        Assert.All(entries, e => Assert.DoesNotContain(csc.AccessToken!, e.ToString(), StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(csc.Pin, $"{e.Resource} {e.Detail} {e.Purpose}", StringComparison.Ordinal));
    }
}
