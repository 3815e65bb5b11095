using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecurityKit.ReferenceApi.Tests.Infrastructure;

namespace SecurityKit.ReferenceApi.Tests.Apis;

/// <summary><c>POST /pii/replace</c> and <c>POST /pii/restore</c> through the real pipeline.</summary>
public sealed class PiiReplaceRestoreTests : IClassFixture<ApiFactory>
{
    private const string NationalNumber = "85.07.30-033.28";
    private const string Email = "jan.peeters@example.be";
    private static readonly string Text = $"Dossier van {Email}, rijksregisternummer {NationalNumber}.";
    private readonly ApiFactory factory;

    public PiiReplaceRestoreTests(ApiFactory factory) => this.factory = factory;

    private HttpClient Client(string scopes, string subject = "analyst-7") => factory.ClientWithToken(factory.Credentials.Token(scopes, subject: subject));

    private static async Task<(string Text, string ConversationId)> ReplaceAsync(HttpClient client, string text, string? conversationId = null)
    {
        using var response = await client.PostAsJsonAsync("/pii/replace", new { text, conversationId });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("text").GetString()!, body.RootElement.GetProperty("conversationId").GetString()!);
    }

    [Fact]
    public async Task Replaced_text_holds_placeholders_instead_of_the_personal_data()
    {
        using var client = Client("pii");

        var (safe, conversationId) = await ReplaceAsync(client, Text);

        Assert.DoesNotContain(NationalNumber, safe, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, safe, StringComparison.Ordinal);
        Assert.Contains("<NATIONAL_NUMBER_1>", safe, StringComparison.Ordinal);
        Assert.Contains("<EMAIL_1>", safe, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", conversationId);
    }

    [Fact]
    public async Task Restore_with_a_purpose_gives_the_originals_back()
    {
        using var client = Client("pii pii:restore");
        var (safe, conversationId) = await ReplaceAsync(client, Text);

        using var response = await client.PostAsJsonAsync("/pii/restore", new { text = "Antwoord: " + safe, conversationId, purpose = "case 2026/118" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Antwoord: " + Text, body.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_continued_conversation_gives_the_same_person_the_same_placeholder()
    {
        using var client = Client("pii");
        var (_, conversationId) = await ReplaceAsync(client, $"Mail {Email}");

        var (second, sameId) = await ReplaceAsync(client, $"Nogmaals {Email} en ook other@example.be", conversationId);

        Assert.Equal(conversationId, sameId);
        Assert.Equal("Nogmaals <EMAIL_1> en ook <EMAIL_2>", second);
    }

    [Fact]
    public async Task Restore_without_the_restore_scope_is_refused_with_403()
    {
        using var client = Client("pii");
        var (safe, conversationId) = await ReplaceAsync(client, Text);

        using var response = await client.PostAsJsonAsync("/pii/restore", new { text = safe, conversationId, purpose = "case 1" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Restore_without_a_purpose_is_refused_and_recorded_as_denied()
    {
        using var client = Client("pii pii:restore", subject: "no-purpose");
        var (safe, conversationId) = await ReplaceAsync(client, Text);

        using var response = await client.PostAsJsonAsync("/pii/restore", new { text = safe, conversationId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("purpose", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entry = (await AuditReader.ReadAsync(factory)).Last(e => e.Actor == "jwt:no-purpose");
        Assert.Equal(("pii.restore", "denied"), (entry.Action, entry.Outcome));
    }

    [Fact]
    public async Task Another_caller_cannot_restore_a_conversation_even_knowing_its_id()
    {
        using var owner = Client("pii", subject: "owner");
        var (safe, conversationId) = await ReplaceAsync(owner, Text);
        using var other = Client("pii pii:restore", subject: "someone-else");

        using var response = await other.PostAsJsonAsync("/pii/restore", new { text = safe, conversationId, purpose = "curiosity" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(Email, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_records_the_restore_with_its_purpose_and_no_personal_data()
    {
        using var client = Client("pii pii:restore", subject: "restorer");
        var (safe, conversationId) = await ReplaceAsync(client, Text);

        using var response = await client.PostAsJsonAsync("/pii/restore", new { text = safe, conversationId, purpose = "case 2026/9" });

        response.EnsureSuccessStatusCode();
        var entries = (await AuditReader.ReadAsync(factory)).Where(e => e.Actor == "jwt:restorer").ToList();
        Assert.Equal(["pii.replace", "pii.restore"], entries.Select(e => e.Action));
        Assert.Equal("case 2026/9", entries[1].Purpose);
        Assert.Contains("EMAIL x1", entries[0].Resource, StringComparison.Ordinal);
        Assert.All(entries, e => Assert.DoesNotContain(Email, e.ToString(), StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(conversationId, e.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has space in it")]
    [InlineData("../../etc/passwd")]
    public async Task A_malformed_conversation_id_is_answered_400(string conversationId)
    {
        using var client = Client("pii");

        using var response = await client.PostAsJsonAsync("/pii/replace", new { text = "x", conversationId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
