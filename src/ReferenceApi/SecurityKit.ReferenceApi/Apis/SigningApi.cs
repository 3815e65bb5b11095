using Microsoft.AspNetCore.Http.HttpResults;
using SecurityKit.Audit;
using SecurityKit.ReferenceApi.Audit;
using SecurityKit.ReferenceApi.Protection;
using SecurityKit.ReferenceApi.Security;
using SecurityKit.Signing.Pades;
using SecurityKit.Signing.Revocation;
using SecurityKit.Signing.Validation;

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
        group.MapPost("/validation", Validate)
            .WithName("ValidateSignatures")
            .WithSummary("Validates the CAdES or PAdES signatures of an uploaded document (multipart: 'document', optional 'content' for a detached CMS signature, optional 'trust' PEM); returns the ETSI EN 319 102-1 report.")
            .Produces<string>(StatusCodes.Status200OK, "application/json")
            .RequireScope(Scopes.Sign)
            .WithAuditOperation("sign.validate")
            .WithRequestBodyLimit(MaxPdfBytes * 2)
            .WithRequestTimeout(TimeSpan.FromMinutes(2))
            // Bearer tokens and API keys are not sent by browsers on their own, so cross-site request forgery does not apply.
            .DisableAntiforgery();
        return group;
    }

    /// <summary>
    /// Validates signatures against trust anchors: the <c>trust</c> part when the caller sends one (the report then
    /// says what holds under the caller's own anchors), else <c>Api:Signing:TrustAnchors</c> (PEM), else the root of
    /// this node's seal. Revocation uses only data embedded in the signature unless
    /// <c>Api:Signing:OnlineRevocation</c> is true: fetching the OCSP/CRL addresses an uploaded certificate names
    /// would let any caller make this server send requests where it likes.
    /// </summary>
    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> Validate(
        HttpContext context, SealCertificate seal, IHttpClientFactory httpClients, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: "This endpoint expects multipart/form-data with a 'document' part.");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var document = form.Files.GetFile("document");
        if (document is null || document.Length == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["document"] = ["a signed PDF or a CMS signature is required"] });
        }

        List<System.Security.Cryptography.X509Certificates.X509Certificate2> anchors;
        try
        {
            anchors = await TrustAnchorsAsync(form.Files.GetFile("trust"), configuration, seal, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["trust"] = ["must be PEM certificates"] });
        }

        if (anchors.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "No trust anchors: send a 'trust' part or configure Api:Signing:TrustAnchors.");
        }

        var online = configuration.GetValue<bool>("Api:Signing:OnlineRevocation")
            ? new RevocationChecker(httpClients.CreateClient(nameof(SigningApi)))
            : null;
        var options = new ValidationOptions { TrustAnchors = anchors, OnlineRevocation = online };
        using var buffer = new MemoryStream();
        await document.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        buffer.Position = 0;
        SignedContent? detached = null;
        if (form.Files.GetFile("content") is { } content)
        {
            using var contentBuffer = new MemoryStream();
            await content.CopyToAsync(contentBuffer, cancellationToken).ConfigureAwait(false);
            detached = SignedContent.FromBytes(contentBuffer.ToArray());
        }

        ValidationReport report;
        try
        {
            report = await new SignedDocumentValidator().ValidateAsync(buffer, detached, options, cancellationToken).ConfigureAwait(false);
        }
        catch (SecurityKitException)
        {
            await context.RecordAuditAsync(AuditOutcome.Failed, resource: "document sha256:" + digest, detail: "unreadable").ConfigureAwait(false);
            throw;
        }

        var passed = report.Signatures.Count(s => s.Indication == Indication.TotalPassed);
        await context.RecordAuditAsync(
            AuditOutcome.Succeeded,
            resource: FormattableString.Invariant($"document sha256:{digest}: {report.Signatures.Count} signatures, {passed} TOTAL_PASSED")).ConfigureAwait(false);
        return TypedResults.Content(report.ToJson(indented: false), "application/json");
    }

    private static async Task<List<System.Security.Cryptography.X509Certificates.X509Certificate2>> TrustAnchorsAsync(
        IFormFile? uploaded, IConfiguration configuration, SealCertificate seal, CancellationToken cancellationToken)
    {
        if (uploaded is not null)
        {
            using var reader = new StreamReader(uploaded.OpenReadStream());
            var pem = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            var collection = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            collection.ImportFromPem(pem);
            return [.. collection];
        }

        if (configuration["Api:Signing:TrustAnchors"] is { } file)
        {
            return [.. ValidationOptions.LoadTrustAnchors(file)];
        }

        // Public copies: the seal's own certificate object carries its private key.
        var root = seal.Chain.Count > 0 ? seal.Chain[^1] : seal.Certificate;
        return root is null ? [] : [System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(root.RawData)];
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
