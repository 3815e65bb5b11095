using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SecurityKit.Audit;
using SecurityKit.Crypto.Inventory;
using SecurityKit.ReferenceApi.Audit;
using SecurityKit.ReferenceApi.Protection;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// Cryptographic inventory over HTTP (scope <c>crypto</c>): upload certificates, CMS signatures, signed PDFs, TLS
/// configuration files or .NET assemblies as multipart/form-data; get a CycloneDX 1.6 CBOM back. Uploads are
/// written to a private temporary folder that is deleted afterwards; the CBOM names files by their upload name.
/// </summary>
internal static class CryptoApi
{
    public const long MaxInventoryBodyBytes = 64L * 1024 * 1024;
    public const int MaxFiles = 200;

    public static RouteGroupBuilder MapCryptoApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/crypto").WithTags("Crypto");
        group.MapPost("/inventory", Inventory)
            .WithName("CryptoInventory")
            .WithSummary("A CycloneDX 1.6 CBOM of the cryptography in the uploaded files (multipart/form-data, field 'files').")
            .Produces<string>(StatusCodes.Status200OK, "application/vnd.cyclonedx+json")
            .RequireScope(Scopes.Crypto)
            .WithAuditOperation("crypto.inventory")
            .WithRequestBodyLimit(MaxInventoryBodyBytes)
            // Bearer tokens and API keys are not sent by browsers on their own, so cross-site request forgery does not apply.
            .DisableAntiforgery();
        return group;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Inventory(
        IFormFileCollection files, HttpContext context, CancellationToken cancellationToken)
    {
        if (files.Count is 0 or > MaxFiles)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["files"] = [$"send 1 to {MaxFiles} files"] });
        }

        var folder = Directory.CreateTempSubdirectory("sk-inventory-");
        try
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                // Keep only a safe file name (the scanners use the extension); never a client-chosen path.
                var name = SafeName(file.FileName, used);
                var stream = File.Create(Path.Combine(folder.FullName, name));
                await using (stream.ConfigureAwait(false))
                {
                    await file.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
                }
            }

            var report = CryptoInventory.Scan([folder.FullName]);
            using var cbom = new MemoryStream();
            CycloneDxWriter.Write(report, cbom);
            // Occurrences carry the scanned path; show the upload's own name, not this server's temporary folder.
            var json = Encoding.UTF8.GetString(cbom.GetBuffer(), 0, (int)cbom.Length)
                .Replace(JsonEscaped(folder.FullName + Path.DirectorySeparatorChar), string.Empty, StringComparison.Ordinal);
            await context.RecordAuditAsync(
                AuditOutcome.Succeeded,
                resource: FormattableString.Invariant($"{files.Count} files, {report.Assets.Count} assets")).ConfigureAwait(false);
            return TypedResults.File(Encoding.UTF8.GetBytes(json), "application/vnd.cyclonedx+json");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string SafeName(string uploaded, HashSet<string> used)
    {
        var name = Path.GetFileName(uploaded.Replace('\\', '/'));
        name = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).TrimStart('.');
        if (name.Length == 0)
        {
            name = "upload";
        }

        if (name.Length > 100)
        {
            name = name[^100..];
        }

        var candidate = name;
        for (var i = 2; !used.Add(candidate); i++)
        {
            candidate = FormattableString.Invariant($"{i}-{name}");
        }

        return candidate;
    }

    private static string JsonEscaped(string text) => System.Text.Json.JsonSerializer.Serialize(text)[1..^1];
}
