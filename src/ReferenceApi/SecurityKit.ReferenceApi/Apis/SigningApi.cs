using Microsoft.AspNetCore.Http.HttpResults;
using SecurityKit.Audit;
using SecurityKit.ReferenceApi.Audit;
using SecurityKit.ReferenceApi.Protection;
using SecurityKit.ReferenceApi.Security;
using SecurityKit.Signing.Pades;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// PAdES signing with the server-side seal over HTTP (scope <c>sign</c>): a PDF in, the same PDF with an
/// incremental-update PAdES baseline signature out (B-B, or B-T when a TSA is configured). The audit log records
/// the document's SHA-256, never its content.
/// </summary>
internal static class SigningApi
{
    public const long MaxPdfBytes = 64L * 1024 * 1024;

    public static void AddSigningServices(this IHostApplicationBuilder builder, string dataDirectory)
    {
        builder.Services.AddSingleton(services => SealCertificate.Load(builder.Configuration, services.GetRequiredService<IHostEnvironment>(), dataDirectory));
        builder.Services.AddHttpClient(nameof(SigningApi));
    }

    public static RouteGroupBuilder MapSigningApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/signing").WithTags("Signing");
        group.MapPost("/pades", SealPdf)
            .WithName("SealPdf")
            .WithSummary("Signs a PDF (application/pdf body) with the server's seal as a PAdES baseline signature; returns the signed PDF.")
            .Accepts<byte[]>("application/pdf")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf")
            .RequireScope(Scopes.Sign)
            .WithAuditOperation("sign.pades.seal")
            .WithRequestBodyLimit(MaxPdfBytes)
            .WithRequestTimeout(TimeSpan.FromMinutes(2));
        return group;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SealPdf(
        HttpContext context, SealCertificate seal, IHttpClientFactory httpClients, string? reason, CancellationToken cancellationToken)
    {
        if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), "application/pdf", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: "This endpoint expects a PDF (Content-Type: application/pdf).");
        }

        if (seal.Certificate is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "No signing seal is configured on this node (Api:Signing:SealPfx).");
        }

        if (reason is { Length: > 200 } || (reason?.Any(char.IsControl) ?? false))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "reason must be at most 200 printable characters.");
        }

        using var pdf = new MemoryStream();
        await context.Request.Body.CopyToAsync(pdf, cancellationToken).ConfigureAwait(false);
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf.GetBuffer().AsSpan(0, (int)pdf.Length)));
        pdf.Position = 0;
        using var output = new MemoryStream();
        var parameters = new PadesSignatureParameters
        {
            SigningCertificate = seal.Certificate,
            CertificateChain = seal.Chain,
            Level = seal.TimestampAuthority is null ? PadesLevel.BaselineB : PadesLevel.BaselineT,
            TimestampAuthority = seal.TimestampAuthority,
            Reason = reason,
        };
        try
        {
            await new PadesSigner(httpClients.CreateClient(nameof(SigningApi))).SignAsync(pdf, output, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (SecurityKitException)
        {
            await context.RecordAuditAsync(AuditOutcome.Failed, resource: "pdf sha256:" + digest, detail: "not signed").ConfigureAwait(false);
            throw;
        }

        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: "pdf sha256:" + digest).ConfigureAwait(false);
        return TypedResults.File(output.ToArray(), "application/pdf");
    }
}
