using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SecurityKit.Audit;
using SecurityKit.ReferenceApi.Audit;
using SecurityKit.ReferenceApi.Protection;
using SecurityKit.ReferenceApi.Security;
using SecurityKit.Signing.Batch;
using SecurityKit.Signing.Keys;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// Batch signing for a decision portal over HTTP (scope <c>sign</c>), over SecurityKit.Signing's
/// <see cref="BatchService"/>: create a batch (signatories and policy), upload its documents, then per signatory
/// either sign server-side (this node's seal, or a configured PKCS#11 key chosen per signatory), or — for an external signer such as an eID card in the browser —
/// fetch the data to sign and submit the signature values; reject or cancel; read the status; download the signed
/// documents. Every call is audited with ids and counts, never document content.
/// </summary>
/// <remarks>
/// Jobs are in the library's store (SQLite in the data folder, or PostgreSQL with <c>Api:Signing:Batches:Store</c>);
/// documents are files under <c>Api:Signing:Batches:Folder</c>. For several nodes, that folder must be shared
/// storage (NFS, SMB) and the store PostgreSQL, so that any node can continue any batch.
/// </remarks>
internal static class BatchSigningApi
{
    public const long MaxDocumentBytes = SigningApi.MaxPdfBytes;

    public static void AddBatchSigningServices(this IHostApplicationBuilder builder, string dataDirectory)
    {
        var section = builder.Configuration.GetSection("Api:Signing:Batches");
        var folder = section["Folder"] is { } configured
            ? (Path.IsPathRooted(configured) ? configured : Path.Combine(builder.Environment.ContentRootPath, configured))
            : Path.Combine(dataDirectory, "batches");
        Directory.CreateDirectory(folder);
        builder.Services.AddSingleton(new BatchFolders(folder));
        builder.Services.AddSingleton(services => HsmKeys.Load(builder.Configuration, builder.Environment));
        builder.Services.AddSingleton(services => RemoteSigningService.Load(builder.Configuration, services.GetRequiredService<IHttpClientFactory>()));
        switch ((section["Store"] ?? "sqlite").ToUpperInvariant())
        {
            case "SQLITE":
                builder.Services.AddSingleton<IBatchJobStore>(_ => new SqliteBatchJobStore(Path.Combine(folder, "jobs.db")));
                break;
            case "POSTGRESQL":
                var connectionString = section["ConnectionString"]
                    ?? throw new InvalidOperationException("Api:Signing:Batches:ConnectionString is required for the PostgreSQL batch store");
                builder.Services.AddKeyedSingleton("Api:Signing:Batches", (_, _) => NpgsqlDataSource.Create(connectionString));
                builder.Services.AddSingleton<IBatchJobStore>(services => new PostgresBatchJobStore(services.GetRequiredKeyedService<NpgsqlDataSource>("Api:Signing:Batches")));
                break;
            default:
                throw new InvalidOperationException("Api:Signing:Batches:Store must be 'sqlite' or 'postgresql'");
        }

        var webhookHosts = section.GetSection("WebhookHosts").Get<string[]>() ?? [];
        builder.Services.AddSingleton(services => new BatchWebhooks(
            services.GetRequiredService<BatchFolders>(), services.GetRequiredService<IHttpClientFactory>(), webhookHosts));
        builder.Services.AddSingleton(services => new BatchService(
            services.GetRequiredService<IBatchJobStore>(),
            services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(BatchSigningApi)),
            [services.GetRequiredService<BatchWebhooks>()]));
    }

    public static RouteGroupBuilder MapBatchSigningApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/signing/batches").WithTags("Batch signing").RequireScope(Scopes.Sign);
        group.MapPost("/", Create).WithName("CreateSigningBatch").WithAuditOperation("sign.batch.create")
            .WithSummary("Creates a batch: its id, level, ordered signatories (device 'seal', 'pkcs11' with a configured keyLabel, 'remote' with a credentialId at the configured CSC service, or 'external') and policy role → document kinds.")
            .WithRequestBodyLimit(256 * 1024);
        group.MapPut("/{batchId}/documents/{documentId}", Upload).WithName("UploadBatchDocument").WithAuditOperation("sign.batch.upload")
            .WithSummary("Adds one document (PDF, or any file for a detached CAdES signature) of the given kind to a batch.")
            .Accepts<byte[]>("application/pdf", "application/octet-stream")
            .WithRequestBodyLimit(MaxDocumentBytes)
            .WithRequestTimeout(TimeSpan.FromMinutes(2));
        group.MapGet("/{batchId}", Status).WithName("GetSigningBatch").WithAuditOperation("sign.batch.status")
            .WithSummary("Per document and per (document, signatory) step: status, signatures done, reason.");
        group.MapPost("/{batchId}/signatories/{signatoryId}/seal", Seal).WithName("SealBatch").WithAuditOperation("sign.batch.seal")
            .WithSummary("Signs every document due now for this signatory with its server-side device — the node's seal ('seal') or its HSM key ('pkcs11') — in one session (one login).")
            .WithRequestTimeout(TimeSpan.FromMinutes(10));
        group.MapPost("/{batchId}/signatories/{signatoryId}/data-to-sign", DataToSign).WithName("GetBatchDataToSign").WithAuditOperation("sign.batch.data-to-sign")
            .WithSummary("External signer, step 1: binds the signatory to its certificate and returns the data to sign (and digest) of each document due now.")
            .WithRequestBodyLimit(256 * 1024);
        group.MapPost("/{batchId}/signatories/{signatoryId}/signature-values", SignatureValues).WithName("SubmitBatchSignatureValues").WithAuditOperation("sign.batch.signature-values")
            .WithSummary("External signer, step 3: the signature values per document; each is checked against the data to sign and the certificate, then embedded.")
            .WithRequestBodyLimit(4 * 1024 * 1024)
            .WithRequestTimeout(TimeSpan.FromMinutes(10));
        group.MapPost("/{batchId}/signatories/{signatoryId}/remote", SignRemotely).WithName("SignBatchRemotely").WithAuditOperation("sign.batch.remote")
            .WithSummary("Signs every document due now for a 'remote' signatory at the configured CSC v2 remote signing service: one authorisation (the user's access token and PIN) for all the session's hashes.")
            .WithRequestBodyLimit(64 * 1024)
            .WithRequestTimeout(TimeSpan.FromMinutes(10));
        group.MapPost("/{batchId}/signatories/{signatoryId}/rebind", Rebind).WithName("RebindBatchSignatory").WithAuditOperation("sign.batch.rebind")
            .WithSummary("Binds a signatory to another certificate (a renewed eID card, a wrongly chosen certificate), with a reason; refused (409) once it signed documents unless keepSignedDocuments, or while it is signing.")
            .WithRequestBodyLimit(256 * 1024);
        group.MapPost("/{batchId}/retry", Retry).WithName("RetrySigningBatch").WithAuditOperation("sign.batch.retry")
            .WithSummary("Sets the batch's failed signatures back to pending (the cause — a TSA outage, a device error — may be gone); the next signing call retries them.");
        group.MapPost("/{batchId}/documents/{documentId}/rejection", Reject).WithName("RejectBatchDocument").WithAuditOperation("sign.batch.reject")
            .WithSummary("A signatory refuses to sign a document, with a reason; later signatories are not asked.");
        group.MapPost("/{batchId}/cancellation", Cancel).WithName("CancelSigningBatch").WithAuditOperation("sign.batch.cancel")
            .WithSummary("Cancels the whole batch, or one document, with a reason.");
        group.MapPut("/{batchId}/webhook", RegisterWebhook).WithName("RegisterBatchWebhook").WithAuditOperation("sign.batch.webhook")
            .WithSummary("Registers the address that receives this batch's events (HMAC-SHA256 signed POSTs); returns the signing secret once.");
        group.MapGet("/{batchId}/documents/{documentId}/signed", Download).WithName("DownloadSignedDocument").WithAuditOperation("sign.batch.download")
            .WithSummary("The signed document once every due signature is on it (PDF, or the detached .p7s).");
        return group;
    }

    internal sealed record BatchFolders(string Root)
    {
        public string Of(string batchId) => Path.Combine(Root, batchId);
    }

    /// <summary>A signatory of a new batch.</summary>
    /// <param name="Id">Unique in the batch.</param>
    /// <param name="Name">Display name.</param>
    /// <param name="Role">Role, matched against the policy.</param>
    /// <param name="Device"><c>seal</c> (signed server-side with this node's seal), <c>pkcs11</c> (signed server-side with the configured HSM key <paramref name="KeyLabel"/>) or <c>external</c> (data to sign / signature values).</param>
    /// <param name="KeyLabel">For <c>pkcs11</c>: the CKA_LABEL of one of the keys configured under <c>Api:Signing:Pkcs11:Keys</c>.</param>
    /// <param name="CredentialId">For <c>remote</c>: the signatory's credential (signing key) id at the configured CSC service.</param>
    internal sealed record SignatoryRequest(string? Id, string? Name, string? Role, string? Device, string? KeyLabel = null, string? CredentialId = null);

    /// <summary>The signatory's authorisation at the remote signing service, used for this call only and never stored or logged.</summary>
    /// <param name="AccessToken">The OAuth 2.0 access token the signatory obtained from the service (scope <c>credential</c>), or null.</param>
    /// <param name="Pin">The credential PIN for explicit authorisation, or null when the service authorises otherwise.</param>
    internal sealed record RemoteSigningRequest(string? AccessToken, string? Pin);

    /// <summary>A new batch.</summary>
    /// <param name="Id">Batch id: 1–100 letters, digits, '.', '-' or '_'.</param>
    /// <param name="Level">B-B (default) or B-T (needs the node's TSA).</param>
    /// <param name="Signatories">In signing order.</param>
    /// <param name="Policy">Role → document kinds that role signs (<c>*</c> for all).</param>
    internal sealed record CreateBatchRequest(string? Id, string? Level, IReadOnlyList<SignatoryRequest>? Signatories, Dictionary<string, List<string>>? Policy);

    /// <summary>A signer's certificate (DER, base64) and its chain.</summary>
    internal sealed record CertificateRequest(string? Certificate, IReadOnlyList<string>? Chain);

    /// <summary>Signature values per document id (base64).</summary>
    internal sealed record SignatureValuesRequest(string? Certificate, IReadOnlyList<string>? Chain, Dictionary<string, string>? Values);

    /// <summary>Where a batch's events go.</summary>
    internal sealed record WebhookRequest(Uri? Url);

    /// <summary>The registration: verify deliveries with the secret (X-SecurityKit-Signature: sha256=HMAC(secret, "timestamp.body")).</summary>
    internal sealed record WebhookResponse(Uri Url, string Secret);

    /// <summary>A refusal.</summary>
    internal sealed record RejectRequest(string? Signatory, string? Reason);

    /// <summary>A cancellation: one document, or the whole batch when null.</summary>
    internal sealed record CancelRequest(string? Document, string? Reason);

    /// <summary>One data to sign.</summary>
    internal sealed record DataToSignItem(string Document, int Sequence, string DataToSign, string Digest, string SignatureAlgorithm);

    /// <summary>What the external signer must sign.</summary>
    internal sealed record DataToSignResponse(string Activation, int ActivationsRequired, DateTimeOffset SigningTime, IReadOnlyList<DataToSignItem> Items);

    /// <summary>A document's outcome.</summary>
    internal sealed record DocumentStatus(string Id, string Status, int Signatures, string? Reason);

    /// <summary>A step's outcome.</summary>
    internal sealed record StepStatus(string Document, string Signatory, int Sequence, string Status, string? Reason);

    /// <summary>A batch's progress.</summary>
    internal sealed record BatchStatusResponse(string Id, IReadOnlyList<DocumentStatus> Documents, IReadOnlyList<StepStatus> Steps);

    /// <summary>A new certificate for a signatory.</summary>
    /// <param name="Certificate">The new certificate (base64 DER).</param>
    /// <param name="Reason">Why (recorded and published in the batch's events; no personal data), 1–500 characters.</param>
    /// <param name="KeepSignedDocuments">Rebind although documents are already signed with the previous certificate: they keep those signatures.</param>
    internal sealed record RebindRequest(string? Certificate, string? Reason, bool KeepSignedDocuments = false);

    /// <summary>What a rebind did.</summary>
    /// <param name="Rebound">False when the signatory was already bound to this certificate.</param>
    /// <param name="Status">The batch's progress.</param>
    internal sealed record RebindResponse(bool Rebound, BatchStatusResponse Status);

    /// <summary>What a retry did.</summary>
    /// <param name="Retried">Failed signatures set back to pending.</param>
    /// <param name="Status">The batch's progress after the retry.</param>
    internal sealed record RetryResponse(int Retried, BatchStatusResponse Status);

    private static async Task<Results<Created<BatchStatusResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateBatchRequest request, BatchService service, BatchFolders folders, SealCertificate seal, HsmKeys hsm, RemoteSigningService remote, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Id is null || request.Id.StartsWith('.'))
        {
            // The id names the batch's folder: ".." must never be one.
            errors["id"] = ["is required: 1 to 100 letters, digits, '.', '-' or '_', not starting with '.'"];
        }

        if (request.Signatories is not { Count: > 0 } || request.Signatories.Any(s => s.Id is null || s.Role is null || s.Device is not ("seal" or "pkcs11" or "remote" or "external")))
        {
            errors["signatories"] = ["at least one, each with id, role and device 'seal', 'pkcs11', 'remote' or 'external'"];
        }
        else if (request.Signatories.Any(s => s.Device == "remote" && (!remote.IsConfigured || s.CredentialId is not { Length: > 0 and <= 200 } || s.CredentialId.Any(char.IsControl))))
        {
            errors["signatories"] = ["a 'remote' signatory needs a credentialId (1 to 200 characters) and a remote signing service configured on this service (Api:Signing:Csc:BaseUrl)"];
        }
        else if (request.Signatories.Any(s => s.Device == "pkcs11" && (s.KeyLabel is null || !hsm.Has(s.KeyLabel))))
        {
            // The label is not echoed: the answer says only that it is not one of the usable keys.
            errors["signatories"] = ["a 'pkcs11' signatory needs the keyLabel of a key configured on this service (Api:Signing:Pkcs11:Keys)"];
        }

        if (request.Policy is not { Count: > 0 })
        {
            errors["policy"] = ["role → kinds is required"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var batch = new SigningBatch
        {
            Documents = [],
            Signatories = request.Signatories!.Select(s => new BatchSignatory(s.Id!, s.Name ?? s.Id!, s.Role!)
            {
                Device = s.Device switch
                {
                    "seal" => BatchDeviceKind.SoftwareKey,
                    "pkcs11" => BatchDeviceKind.Pkcs11Token,
                    "remote" => BatchDeviceKind.RemoteService,
                    _ => BatchDeviceKind.External,
                },
            }).ToList(),
            Policy = request.Policy!.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal),
            Level = request.Level ?? "B-B",
            TimestampAuthority = seal.TimestampAuthority,
            OutputFolder = Path.Combine(folders.Of(request.Id!), "out"),
        };
        batch.Check();
        if (await ExistsAsync(service, request.Id!, cancellationToken).ConfigureAwait(false))
        {
            // The library's SaveAsync replaces a definition; creating over an existing batch would drop its documents
            // and change who signs them.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "A batch with this id exists already.");
        }

        await SignatoryDevices.WriteAsync(
            folders.Of(request.Id!),
            request.Signatories!.GroupBy(s => s.Id!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new SignatoryDevices.Device(g.First().Device!, g.First().KeyLabel, g.First().CredentialId), StringComparer.Ordinal),
            cancellationToken).ConfigureAwait(false);
        await service.SaveAsync(request.Id!, batch, cancellationToken).ConfigureAwait(false);
        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"batch {request.Id}: {batch.Signatories.Count} signatories").ConfigureAwait(false);
        return TypedResults.Created($"/signing/batches/{request.Id}", await StatusOf(service, request.Id!, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<BatchStatusResponse>, ValidationProblem, ProblemHttpResult>> Upload(
        string batchId, string documentId, string? kind, BatchService service, BatchFolders folders, HttpContext context, CancellationToken cancellationToken)
    {
        if (kind is null || kind.Length is 0 or > 100 || kind.Any(char.IsControl))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["is required: the document kind the policy names"] });
        }

        if (documentId.Length is 0 or > 100 || !documentId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') || documentId.StartsWith('.'))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["documentId"] = ["1 to 100 letters, digits, '.', '-' or '_', not starting with '.'"] });
        }

        await service.GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        var input = Path.Combine(folders.Of(batchId), "in");
        Directory.CreateDirectory(input);
        var path = Path.Combine(input, documentId);
        var temporary = Path.Combine(input, $".{documentId}.{Guid.NewGuid():N}.tmp");
        string digest;
        var file = File.Create(temporary);
        await using (file.ConfigureAwait(false))
        {
            await context.Request.Body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            digest = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
        }

        if (File.Exists(path))
        {
            File.Delete(temporary);
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "This batch already has a document with that id.");
        }

        File.Move(temporary, path);
        try
        {
            await service.AddDocumentsAsync(batchId, [new BatchDocument(documentId, path, kind)], cancellationToken).ConfigureAwait(false);
        }
        catch (SecurityKitException)
        {
            // Refused (a kind nobody signs, a duplicate id): leave no file behind, so that a corrected upload can follow.
            File.Delete(path);
            throw;
        }
        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"batch {batchId} document {documentId} sha256:{digest}").ConfigureAwait(false);
        return TypedResults.Ok(await StatusOf(service, batchId, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<BatchStatusResponse>> Status(string batchId, BatchService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await StatusOf(service, batchId, cancellationToken).ConfigureAwait(false));

    private static async Task<Results<Ok<BatchStatusResponse>, ProblemHttpResult>> Seal(
        string batchId, string signatoryId, BatchService service, BatchFolders folders, SealCertificate seal, HsmKeys hsm, HttpContext context, CancellationToken cancellationToken)
    {
        var batch = await service.GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        var signatory = batch.Signatories.FirstOrDefault(s => s.Id == signatoryId);
        IReadOnlyList<BatchDocumentResult> results;
        string device;
        switch (signatory?.Device)
        {
            case BatchDeviceKind.SoftwareKey:
                if (seal.Certificate is null)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "No signing seal is configured on this node (Api:Signing:SealPfx).");
                }

                using (var signer = new CertificateKeySigner(seal.Certificate, seal.Chain))
                {
                    results = await service.SignAsync(batchId, signatoryId, new SoftwareKeyBatchDevice(signer), cancellationToken).ConfigureAwait(false);
                }

                device = "seal";
                break;
            case BatchDeviceKind.Pkcs11Token:
                var chosen = await SignatoryDevices.ReadAsync(folders.Of(batchId), signatoryId, cancellationToken).ConfigureAwait(false);
                if (chosen?.KeyLabel is not { } label || !hsm.Has(label))
                {
                    // The key was configured when the batch was created; this node no longer (or does not yet) has it.
                    return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "The signatory's HSM key is not configured on this node (Api:Signing:Pkcs11:Keys).");
                }

                results = await service.SignAsync(batchId, signatoryId, hsm.Device(label), cancellationToken).ConfigureAwait(false);
                device = "pkcs11";
                break;
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "This signatory does not sign with a server-side device (seal or pkcs11).");
        }

        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"batch {batchId} signatory {signatoryId} ({device}): {results.Count(r => r.Status == BatchStepStatus.Signed)} signed, {results.Count(r => r.Status == BatchStepStatus.Failed)} failed").ConfigureAwait(false);
        return TypedResults.Ok(await StatusOf(service, batchId, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<BatchStatusResponse>, ValidationProblem, ProblemHttpResult>> SignRemotely(
        string batchId, string signatoryId, RemoteSigningRequest request, BatchService service, BatchFolders folders, RemoteSigningService remote, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.AccessToken is { } token && (token.Length > 8192 || token.Any(char.IsControl)) || request.Pin is { } pin && (pin.Length > 64 || pin.Any(char.IsControl)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["accessToken"] = ["the access token (≤ 8192) and PIN (≤ 64) are printable text"] });
        }

        var batch = await service.GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        if (batch.Signatories.FirstOrDefault(s => s.Id == signatoryId) is not { Device: BatchDeviceKind.RemoteService })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "This signatory does not sign with the remote signing service.");
        }

        var chosen = await SignatoryDevices.ReadAsync(folders.Of(batchId), signatoryId, cancellationToken).ConfigureAwait(false);
        if (!remote.IsConfigured || chosen?.CredentialId is not { } credential)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "No remote signing service is configured on this node (Api:Signing:Csc:BaseUrl).");
        }

        IReadOnlyList<BatchDocumentResult> results;
        try
        {
            var device = await remote.DeviceAsync(credential, request.AccessToken, request.Pin, cancellationToken).ConfigureAwait(false);
            using (device.Certificate)
            {
                results = await service.SignAsync(batchId, signatoryId, device, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SecurityKitException e) when (e is not BatchCertificateChangedException)
        {
            // The service refused (a wrong PIN, an expired token) or failed: the documents stay pending. Its error code
            // is safe to show; the token and PIN never appear in a message.
            await context.RecordAuditAsync(AuditOutcome.Failed, resource: $"batch {batchId} signatory {signatoryId} (remote)", detail: "remote signing service refused or failed").ConfigureAwait(false);
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, detail: $"The remote signing service did not sign: {e.Message}.");
        }

        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"batch {batchId} signatory {signatoryId} (remote): {results.Count(r => r.Status == BatchStepStatus.Signed)} signed, {results.Count(r => r.Status == BatchStepStatus.Failed)} failed").ConfigureAwait(false);
        return TypedResults.Ok(await StatusOf(service, batchId, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<RebindResponse>, ValidationProblem, ProblemHttpResult>> Rebind(
        string batchId, string signatoryId, RebindRequest request, BatchService service, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500 || request.Reason.Any(char.IsControl))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["a reason of 1 to 500 printable characters is required"] });
        }

        if (!TryCertificates(request.Certificate, null, out var certificate, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["certificate"] = ["a base64 DER X.509 certificate is required"] });
        }

        using (certificate)
        {
            bool rebound;
            try
            {
                rebound = await service.RebindSignatoryAsync(batchId, signatoryId, certificate!, request.Reason, request.KeepSignedDocuments, cancellationToken).ConfigureAwait(false);
            }
            catch (SecurityKitException e) when (e is not BatchNotFoundException)
            {
                // Documents already signed with the bound certificate, or a session signing now: the batch's state
                // forbids it, not the request's shape.
                await context.RecordAuditAsync(AuditOutcome.Denied, resource: $"batch {batchId} signatory {signatoryId}", detail: "rebind refused").ConfigureAwait(false);
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: $"The signatory cannot be rebound now: {e.Message}.");
            }

            var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(certificate!.RawData))[..16];
            await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"batch {batchId} signatory {signatoryId}: certificate sha256:{fingerprint}…{(rebound ? string.Empty : " (already bound)")}", detail: request.KeepSignedDocuments ? "signed documents kept" : null).ConfigureAwait(false);
            return TypedResults.Ok(new RebindResponse(rebound, await StatusOf(service, batchId, cancellationToken).ConfigureAwait(false)));
        }
    }

    private static async Task<Ok<RetryResponse>> Retry(string batchId, BatchService service, HttpContext context, CancellationToken cancellationToken)
    {
        var retried = await service.RetryFailedAsync(batchId, cancellationToken).ConfigureAwait(false);
        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"batch {batchId}: {retried} failed signatures set back to pending").ConfigureAwait(false);
        return TypedResults.Ok(new RetryResponse(retried, await StatusOf(service, batchId, cancellationToken).ConfigureAwait(false)));
    }

    private static async Task<Results<Ok<DataToSignResponse>, ValidationProblem>> DataToSign(
        string batchId, string signatoryId, CertificateRequest request, BatchService service, HttpContext context, CancellationToken cancellationToken)
    {
        if (!TryCertificates(request.Certificate, request.Chain, out var certificate, out var chain))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["certificate"] = ["base64 DER X.509 certificates are required"] });
        }

        using (certificate)
        {
            var signing = await service.GetDataToSignAsync(batchId, signatoryId, certificate!, chain, cancellationToken).ConfigureAwait(false);
            await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"batch {batchId} signatory {signatoryId}: {signing.Items.Count} data to sign").ConfigureAwait(false);
            return TypedResults.Ok(new DataToSignResponse(
                signing.Activation == BatchActivation.PerSignature ? "per-signature" : "per-session",
                signing.ActivationsRequired,
                signing.SigningTime,
                signing.Items.Select(i => new DataToSignItem(i.Document, i.Sequence, Convert.ToBase64String(i.DataToSign), Convert.ToBase64String(i.Digest), i.SignatureAlgorithm)).ToList()));
        }
    }

    private static async Task<Results<Ok<BatchStatusResponse>, ValidationProblem>> SignatureValues(
        string batchId, string signatoryId, SignatureValuesRequest request, BatchService service, HttpContext context, CancellationToken cancellationToken)
    {
        if (!TryCertificates(request.Certificate, request.Chain, out var certificate, out var chain))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["certificate"] = ["base64 DER X.509 certificates are required"] });
        }

        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (document, value) in request.Values ?? [])
        {
            try
            {
                values[document] = Convert.FromBase64String(value);
            }
            catch (FormatException)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["values"] = ["each value is a base64 signature value"] });
            }
        }

        if (values.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["values"] = ["at least one signature value is required"] });
        }

        using (certificate)
        {
            var results = await service.SubmitSignatureValuesAsync(batchId, signatoryId, certificate!, chain, values, cancellationToken).ConfigureAwait(false);
            await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"batch {batchId} signatory {signatoryId}: {values.Count} values, {results.Count(r => r.Status == BatchStepStatus.Signed)} documents signed").ConfigureAwait(false);
            return TypedResults.Ok(await StatusOf(service, batchId, cancellationToken).ConfigureAwait(false));
        }
    }

    private static async Task<Results<Ok<BatchStatusResponse>, ValidationProblem>> Reject(
        string batchId, string documentId, RejectRequest request, BatchService service, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Signatory is null || string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["signatory and a reason of 1 to 500 characters are required"] });
        }

        await service.RejectAsync(batchId, documentId, request.Signatory, request.Reason, cancellationToken).ConfigureAwait(false);
        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"batch {batchId} document {documentId} signatory {request.Signatory}").ConfigureAwait(false);
        return TypedResults.Ok(await StatusOf(service, batchId, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<BatchStatusResponse>, ValidationProblem>> Cancel(
        string batchId, CancelRequest request, BatchService service, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["a reason of 1 to 500 characters is required"] });
        }

        var cancelled = await service.CancelAsync(batchId, request.Document, request.Reason, cancellationToken).ConfigureAwait(false);
        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"batch {batchId}{(request.Document is null ? string.Empty : " document " + request.Document)}: {cancelled} steps cancelled").ConfigureAwait(false);
        return TypedResults.Ok(await StatusOf(service, batchId, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<WebhookResponse>, ValidationProblem>> RegisterWebhook(
        string batchId, WebhookRequest request, BatchService service, BatchWebhooks webhooks, HttpContext context, CancellationToken cancellationToken)
    {
        var problem = request.Url is { IsAbsoluteUri: true } candidate ? webhooks.Refusal(candidate) : "an absolute https address is required";
        if (problem is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["url"] = [problem] });
        }

        var url = request.Url!;
        await service.GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        var secret = await webhooks.RegisterAsync(batchId, url, cancellationToken).ConfigureAwait(false);
        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"batch {batchId} webhook {url.Host}").ConfigureAwait(false);
        return TypedResults.Ok(new WebhookResponse(url, Convert.ToBase64String(secret)));
    }

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> Download(
        string batchId, string documentId, BatchService service, HttpContext context, CancellationToken cancellationToken)
    {
        var batch = await service.GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        var status = await service.GetStatusAsync(batchId, cancellationToken).ConfigureAwait(false);
        if (status.Documents.FirstOrDefault(d => d.Id == documentId) is not { } document)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No such document in this batch.");
        }

        if (document.Status != BatchStepStatus.Signed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: $"The document is not signed yet (status {document.Status}).");
        }

        var pdf = Path.Combine(batch.OutputFolder, documentId + ".pdf");
        var p7s = Path.Combine(batch.OutputFolder, documentId + ".p7s");
        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"batch {batchId} document {documentId}").ConfigureAwait(false);
        return File.Exists(pdf)
            ? TypedResults.PhysicalFile(pdf, "application/pdf", documentId + ".pdf")
            : TypedResults.PhysicalFile(p7s, "application/pkcs7-signature", documentId + ".p7s");
    }

    private static async Task<bool> ExistsAsync(BatchService service, string batchId, CancellationToken cancellationToken)
    {
        try
        {
            await service.GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (BatchNotFoundException)
        {
            return false;
        }
    }

    private static async Task<BatchStatusResponse> StatusOf(BatchService service, string batchId, CancellationToken cancellationToken)
    {
        var status = await service.GetStatusAsync(batchId, cancellationToken).ConfigureAwait(false);
        return new BatchStatusResponse(
            status.BatchId,
            status.Documents.Select(d => new DocumentStatus(d.Id, Name(d.Status), d.Signatures, d.Error)).ToList(),
            status.Steps.Select(s => new StepStatus(s.Document, s.Signatory, s.Sequence, Name(s.Status), s.Error)).ToList());
    }

    private static string Name(BatchStepStatus status) => status.ToString().ToLowerInvariant();

    private static bool TryCertificates(string? certificate, IReadOnlyList<string>? chain, out X509Certificate2? signer, out List<X509Certificate2> others)
    {
        signer = null;
        others = [];
        try
        {
            if (certificate is null)
            {
                return false;
            }

            signer = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificate));
            foreach (var c in chain ?? [])
            {
                others.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c)));
            }

            return true;
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            signer?.Dispose();
            signer = null;
            return false;
        }
    }
}
