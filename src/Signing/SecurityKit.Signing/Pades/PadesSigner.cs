using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;
using SecurityKit.Signing.Cades;
using SecurityKit.Signing.Pdf;
using SecurityKit.Signing.Revocation;
using SecurityKit.Signing.Timestamps;

namespace SecurityKit.Signing.Pades;

/// <summary>
/// Makes PAdES baseline signatures (ETSI EN 319 142-1) as incremental updates, so that each new signatory leaves the
/// earlier signatures valid. The flow has three steps (as in EU DSS): <see cref="GetDataToSign"/> prepares the PDF and
/// returns the bytes to sign; the key (software, HSM, eID card, remote QSCD) signs them; <see cref="SignDocumentAsync"/>
/// embeds the signature value, changing no other byte of the prepared PDF, and raises the level to B-T, B-LT or B-LTA.
/// </summary>
/// <remarks>
/// The CMS is built by the shared <see cref="CadesService"/> (signed attributes content-type, message-digest and
/// signing-certificate-v2, without signing-time: EN 319 142-1 §6.3 puts the claimed time in /M), the timestamps come
/// from <see cref="HttpTimestampClient"/> and the B-LT validation data from <see cref="RevocationChecker"/> (with its
/// cache), exactly as for CAdES; only the PDF parts (byte range, DSS, document timestamp) are specific to PAdES.
/// </remarks>
public sealed class PadesSigner
{
    private readonly HttpClient http;
    private readonly RevocationChecker revocation;

    /// <summary>Creates a signer; <paramref name="httpClient"/> reaches the TSA, OCSP responders and CRLs.</summary>
    /// <param name="httpClient">HTTP client for timestamps and revocation data; a private one when null.</param>
    public PadesSigner(HttpClient? httpClient = null)
        : this(httpClient, null)
    {
    }

    /// <summary>Creates a signer that takes B-LT validation data from <paramref name="revocationChecker"/>.</summary>
    /// <param name="httpClient">HTTP client for timestamps; a private one when null.</param>
    /// <param name="revocationChecker">OCSP and CRL clients with their cache (e.g. a shared <see cref="RevocationCache"/>
    /// over Redis); one over <paramref name="httpClient"/> with an in-memory cache when null.</param>
    public PadesSigner(HttpClient? httpClient, RevocationChecker? revocationChecker)
    {
        http = httpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        revocation = revocationChecker ?? new RevocationChecker(http);
    }

    /// <summary>
    /// Step 1: writes <paramref name="pdf"/> unchanged to <paramref name="prepared"/> followed by an incremental update
    /// with the signature dictionary and an empty /Contents, and returns what the key must sign.
    /// </summary>
    /// <param name="pdf">The PDF to sign (readable, seekable); read once to copy and hash it.</param>
    /// <param name="prepared">Where the prepared PDF goes (writable and seekable: step 3 writes into it).</param>
    /// <param name="parameters">The signature's parameters.</param>
    /// <returns>The data to sign and where its signature goes.</returns>
#pragma warning disable CA1822 // an instance method like the other steps, so callers hold one signer object
    public PadesDataToSign GetDataToSign(Stream pdf, Stream prepared, PadesSignatureParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckLevel(parameters);
        var signingTime = parameters.SigningTime ?? DateTimeOffset.UtcNow;
        var request = new PdfSignatureRequest
        {
            SigningTime = signingTime,
            FieldName = parameters.FieldName,
            Name = parameters.SignerName ?? parameters.SigningCertificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
            Reason = parameters.Reason,
            Location = parameters.Location,
            ContentsCapacity = parameters.ContentsCapacity ?? EstimateCapacity(parameters),
            Password = parameters.PdfPassword,
            CertificationPermission = (int?)parameters.Certification,
            PageIndex = parameters.Visible is { } v ? v.Page - 1 : 0,
            Rectangle = parameters.Visible is { } r ? [r.X, r.Y, r.X + r.Width, r.Y + r.Height] : [0, 0, 0, 0],
            Appearance = parameters.Visible is { } visible
                ? (_, update) => PadesAppearance.Write(update, visible, parameters, signingTime)
                : null,
        };
        var cades = CadesParameters(parameters);
        var slot = PdfSignatureWriter.Prepare(pdf, prepared, request, cades.SignatureAlgorithm.Digest.HashName);
        return new PadesDataToSign(new CadesService().GetDataToSign(slot.Digest, cades), slot);
    }
#pragma warning restore CA1822

    /// <summary>
    /// Step 3: checks <paramref name="signatureValue"/> against the signer's public key, builds the CMS (with a
    /// signature timestamp from B-T on), writes it into the prepared PDF's placeholder and, for B-LT and B-LTA, appends
    /// the validation data and the document timestamp as further incremental updates.
    /// </summary>
    /// <param name="prepared">The prepared PDF written by step 1 (readable, writable, seekable).</param>
    /// <param name="dataToSign">Step 1's result.</param>
    /// <param name="parameters">The same parameters as step 1.</param>
    /// <param name="signatureValue">The signature value over <see cref="PadesDataToSign.DataToSign"/>.</param>
    /// <param name="cancellationToken">Cancels the network calls.</param>
    public async Task SignDocumentAsync(Stream prepared, PadesDataToSign dataToSign, PadesSignatureParameters parameters, byte[] signatureValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(dataToSign);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(signatureValue);
        // B-B or B-T CMS (the signature-time-stamp of EN 319 122-1 §5.3); the value is checked against the
        // certificate's key first. B-LT data goes into the DSS, not into the CMS (EN 319 142-1 §5.4).
        var timestamps = parameters.Level >= PadesLevel.BaselineT ? Tsa(parameters.TimestampAuthority) : null;
        var cms = await new CadesService(timestamps).SignDocumentAsync(dataToSign.CadesData, signatureValue, cancellationToken).ConfigureAwait(false);
        PdfSignatureWriter.Embed(prepared, dataToSign.Slot, cms);
        if (parameters.Level >= PadesLevel.BaselineLT)
        {
            await ExtendAsync(prepared, parameters.Level, parameters.TimestampAuthority, parameters.PdfPassword, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Signs in one go with the certificate's own private key (software keys, PFX): steps 1 to 3.
    /// </summary>
    /// <param name="pdf">The PDF to sign.</param>
    /// <param name="output">Where the signed PDF goes (writable and seekable).</param>
    /// <param name="parameters">The parameters; the signing certificate must carry its private key.</param>
    /// <param name="cancellationToken">Cancels the network calls.</param>
    public async Task SignAsync(Stream pdf, Stream output, PadesSignatureParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!parameters.SigningCertificate.HasPrivateKey)
        {
            throw new SecurityKitException("the signing certificate has no private key", "signing certificate");
        }

        var toSign = GetDataToSign(pdf, output, parameters);
        using var key = new Keys.CertificateKeySigner(parameters.SigningCertificate, parameters.CertificateChain, toSign.CadesData.Algorithm);
        var value = await key.SignAsync(toSign.DataToSign, cancellationToken).ConfigureAwait(false);
        await SignDocumentAsync(output, toSign, parameters, value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Raises a signed PDF to <paramref name="target"/> in place by appending incremental updates: B-LT adds (or
    /// completes) the DSS with the certificates, OCSP responses and CRLs of every signature; B-LTA then adds a document
    /// timestamp. Earlier signatures stay valid.
    /// </summary>
    /// <param name="signedPdf">The signed PDF, readable, writable and seekable; updates are appended to it.</param>
    /// <param name="target">B-LT or B-LTA.</param>
    /// <param name="timestampAuthority">TSA for the document timestamp (B-LTA).</param>
    /// <param name="cancellationToken">Cancels the network calls.</param>
    public Task ExtendAsync(Stream signedPdf, PadesLevel target, Uri? timestampAuthority, CancellationToken cancellationToken = default) =>
        ExtendAsync(signedPdf, target, timestampAuthority, null, cancellationToken);

    /// <summary>
    /// Raises a signed, possibly encrypted PDF to <paramref name="target"/> in place, as
    /// <see cref="ExtendAsync(Stream, PadesLevel, Uri?, CancellationToken)"/> does; the DSS streams and the document
    /// timestamp's dictionary are encrypted with the document's key.
    /// </summary>
    /// <param name="signedPdf">The signed PDF, readable, writable and seekable; updates are appended to it.</param>
    /// <param name="target">B-LT or B-LTA.</param>
    /// <param name="timestampAuthority">TSA for the document timestamp (B-LTA).</param>
    /// <param name="pdfPassword">The user or owner password of an encrypted PDF; null when it is not encrypted.</param>
    /// <param name="cancellationToken">Cancels the network calls.</param>
    public async Task ExtendAsync(Stream signedPdf, PadesLevel target, Uri? timestampAuthority, string? pdfPassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signedPdf);
        if (target < PadesLevel.BaselineLT)
        {
            throw new SecurityKitException("only B-LT and B-LTA extend an existing signature; B-T is made when signing", "level");
        }

        var collector = new PadesValidationDataCollector(revocation);
        await collector.AppendDssAsync(signedPdf, pdfPassword, cancellationToken).ConfigureAwait(false);
        if (target == PadesLevel.BaselineLTA)
        {
            await AddDocumentTimestampAsync(signedPdf, Tsa(timestampAuthority), pdfPassword, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends a document timestamp (ISO 32000-2 §12.8.5, /SubFilter /ETSI.RFC3161) to the PDF in place.</summary>
    private static async Task AddDocumentTimestampAsync(Stream pdf, HttpTimestampClient tsa, string? password, CancellationToken cancellationToken)
    {
        var request = new PdfSignatureRequest
        {
            Password = password,
            Type = "DocTimeStamp",
            SubFilter = "ETSI.RFC3161",
            ContentsCapacity = 16 * 1024,
        };
        var slot = PdfSignatureWriter.Prepare(pdf, pdf, request, tsa.DigestAlgorithm.HashName);
        var token = await tsa.GetTimestampAsync(slot.Digest, cancellationToken).ConfigureAwait(false);
        PdfSignatureWriter.Embed(pdf, slot, token.Encoded.Span);
    }

    private HttpTimestampClient Tsa(Uri? authority) =>
        authority is null
            ? throw new SecurityKitException("a time-stamping authority URL is needed from level B-T on", "tsa")
            : new HttpTimestampClient(http, new TimestampClientOptions { Url = authority });

    // The CAdES parameters of a PAdES signature: detached, no signing-time (EN 319 142-1 §6.3), B-B or B-T in the CMS.
    private static CadesSignatureParameters CadesParameters(PadesSignatureParameters parameters) => new()
    {
        SigningCertificate = parameters.SigningCertificate,
        CertificateChain = parameters.CertificateChain,
        SignatureAlgorithm = parameters.SignatureAlgorithm ?? DefaultAlgorithm(parameters.SigningCertificate, DigestAlgorithm.FromHashName(parameters.DigestAlgorithm)),
        Level = parameters.Level >= PadesLevel.BaselineT ? SignatureLevel.BaselineT : SignatureLevel.BaselineB,
        Packaging = SignaturePackaging.Detached,
        IncludeSigningTime = false,
    };

    private static SignatureAlgorithm DefaultAlgorithm(X509Certificate2 certificate, DigestAlgorithm digest)
    {
        var kind = certificate.GetKeyAlgorithm() switch
        {
            "1.2.840.113549.1.1.1" => SignatureKeyKind.RsaPkcs1,
            "1.2.840.10045.2.1" => SignatureKeyKind.Ecdsa,
            _ => throw new SecurityKitException("the signing certificate's key is neither RSA nor ECDSA; set SignatureAlgorithm", "signing certificate"),
        };
        return SignatureAlgorithm.All.First(a => a.KeyKind == kind && a.Digest.Equals(digest));
    }

    private static void CheckLevel(PadesSignatureParameters parameters)
    {
        if (parameters.Level >= PadesLevel.BaselineT && parameters.TimestampAuthority is null)
        {
            throw new SecurityKitException("a time-stamping authority URL is needed from level B-T on", "tsa");
        }
    }

    private static int EstimateCapacity(PadesSignatureParameters parameters)
    {
        var certificates = parameters.SigningCertificate.RawData.Length + parameters.CertificateChain.Sum(c => c.RawData.Length);
        var estimate = certificates + 2048 + (parameters.Level >= PadesLevel.BaselineT ? 12 * 1024 : 0);
        return (estimate + 1023) / 1024 * 1024;
    }
}
