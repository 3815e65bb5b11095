using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SecurityKit.ReferenceApi.Tests.Apis;

/// <summary>The batch-signing calls the API tests repeat: create a one-signatory batch, upload a PDF, read JSON.</summary>
internal static class BatchApiCalls
{
    /// <summary>The body of a successful answer as JSON; fails the test with the status and body otherwise.</summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Creates batch <paramref name="id"/> with one signatory "signer" (role director, kinds "decision").</summary>
    public static async Task CreateAsync(HttpClient client, string id, string device)
    {
        using var response = await client.PostAsJsonAsync("/signing/batches", new
        {
            id,
            signatories = new[] { new { id = "signer", name = "Signer", role = "director", device } },
            policy = new Dictionary<string, string[]> { ["director"] = ["decision"] },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>
    /// Creates batch <paramref name="id"/> with one <paramref name="signatory"/> (an anonymous object in the API's
    /// signatory shape) whose <paramref name="role"/> signs every kind, then uploads <paramref name="documents"/> PDFs
    /// named d{first}, d{first + 1}, ….
    /// </summary>
    public static async Task CreateWithDocumentsAsync(HttpClient client, string id, object signatory, string role, int documents, int first = 0)
    {
        using (var created = await client.PostAsJsonAsync("/signing/batches", new
        {
            id,
            signatories = new[] { signatory },
            policy = new Dictionary<string, string[]> { [role] = ["*"] },
        }))
        {
            await Json(created);
        }

        for (var i = first; i < first + documents; i++)
        {
            await UploadAsync(client, id, $"d{i}");
        }
    }

    /// <summary>Uploads a one-page PDF as document <paramref name="document"/> of kind "decision".</summary>
    public static async Task UploadAsync(HttpClient client, string batch, string document)
    {
        var pdf = new ByteArrayContent(SigningApiTests.MinimalPdf());
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var response = await client.PutAsync(new Uri($"/signing/batches/{batch}/documents/{document}?kind=decision", UriKind.Relative), pdf);
        await Json(response);
    }

    /// <summary>The status entry of one document in a batch status answer.</summary>
    public static JsonElement Document(JsonElement status, string document) =>
        status.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("id").GetString() == document);
}
