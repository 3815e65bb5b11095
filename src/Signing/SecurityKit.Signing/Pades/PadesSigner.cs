using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Pades.Cms;
using SecurityKit.Signing.Pdf;

namespace SecurityKit.Signing.Pades;

/// <summary>
/// Makes PAdES baseline signatures (ETSI EN 319 142-1) as incremental updates, so that each new signatory leaves the
/// earlier signatures valid. The flow has three steps (as in EU DSS): <see cref="GetDataToSign"/> prepares the PDF and
/// returns the bytes to sign; the key (software, HSM, eID card, remote QSCD) signs them; <see cref="SignDocumentAsync"/>
/// embeds the signature value, changing no other byte of the prepared PDF, and raises the level to B-T, B-LT or B-LTA.
/// </summary>
public sealed class PadesSigner
{
    private readonly HttpClient http;

    /// <summary>Creates a signer; <paramref name="httpClient"/> reaches the TSA, OCSP responders and CRLs.</summary>
    /// <param name="httpClient">HTTP client for timestamps and revocation data; a private one when null.</param>
    public PadesSigner(HttpClient? httpClient = null)
    {
        http = httpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
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
            PageIndex = parameters.Visible is { } v ? v.Page - 1 : 0,
            Rectangle = parameters.Visible is { } r ? [r.X, r.Y, r.X + r.Width, r.Y + r.Height] : [0, 0, 0, 0],
            Appearance = parameters.Visible is { } visible
                ? (_, update) => PadesAppearance.Write(update, visible, parameters, signingTime)
                : null,
        };
        var slot = PdfSignatureWriter.Prepare(pdf, prepared, request, parameters.DigestAlgorithm);
        var signedAttributes = CadesDetachedSignature.SignedAttributes(slot.Digest, parameters.DigestAlgorithm, parameters.SigningCertificate);
        return new PadesDataToSign(signedAttributes, parameters.DigestAlgorithm, slot);
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
        if (!VerifySignatureValue(parameters.SigningCertificate, dataToSign.DataToSign, signatureValue, dataToSign.DigestAlgorithm))
        {
            throw new SecurityKitException("the signature value does not match the data to sign and the signing certificate", "signature value");
        }

        byte[]? timestamp = null;
        if (parameters.Level >= PadesLevel.BaselineT)
        {
            // EN 319 122-1 §5.3: the signature timestamp covers the SignerInfo's signature value.
            var imprint = CryptographicOperations.HashData(parameters.DigestAlgorithm, signatureValue);
            timestamp = await Tsa(parameters.TimestampAuthority).TimestampDigestAsync(imprint, parameters.DigestAlgorithm, cancellationToken);
        }

        var cms = CadesDetachedSignature.Encode(
            dataToSign.DigestAlgorithm, dataToSign.DataToSign, signatureValue, parameters.SigningCertificate, parameters.CertificateChain, timestamp);
        PdfSignatureWriter.Embed(prepared, dataToSign.Slot, cms);
        if (parameters.Level >= PadesLevel.BaselineLT)
        {
            await ExtendAsync(prepared, parameters.Level, parameters.TimestampAuthority, cancellationToken);
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
        var value = CadesDetachedSignature.SignWithPrivateKey(parameters.SigningCertificate, toSign.DataToSign, toSign.DigestAlgorithm);
        await SignDocumentAsync(output, toSign, parameters, value, cancellationToken);
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
    public async Task ExtendAsync(Stream signedPdf, PadesLevel target, Uri? timestampAuthority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signedPdf);
        if (target < PadesLevel.BaselineLT)
        {
            throw new SecurityKitException("only B-LT and B-LTA extend an existing signature; B-T is made when signing", "level");
        }

        var collector = new PadesValidationDataCollector(http);
        await collector.AppendDssAsync(signedPdf, cancellationToken);
        if (target == PadesLevel.BaselineLTA)
        {
            await AddDocumentTimestampAsync(signedPdf, Tsa(timestampAuthority), HashAlgorithmName.SHA256, cancellationToken);
        }
    }

    /// <summary>Appends a document timestamp (ISO 32000-2 §12.8.5, /SubFilter /ETSI.RFC3161) to the PDF in place.</summary>
    private static async Task AddDocumentTimestampAsync(Stream pdf, PadesTimestampClient tsa, HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken)
    {
        var request = new PdfSignatureRequest
        {
            Type = "DocTimeStamp",
            SubFilter = "ETSI.RFC3161",
            ContentsCapacity = 16 * 1024,
        };
        var slot = PdfSignatureWriter.Prepare(pdf, pdf, request, digestAlgorithm);
        var token = await tsa.TimestampDigestAsync(slot.Digest, digestAlgorithm, cancellationToken);
        PdfSignatureWriter.Embed(pdf, slot, token);
    }

    private PadesTimestampClient Tsa(Uri? authority) =>
        authority is null
            ? throw new SecurityKitException("a time-stamping authority URL is needed from level B-T on", "tsa")
            : new PadesTimestampClient(http, authority);

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

    private static bool VerifySignatureValue(X509Certificate2 certificate, byte[] data, byte[] signature, HashAlgorithmName digestAlgorithm)
    {
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null)
        {
            return rsa.VerifyData(data, signature, digestAlgorithm, RSASignaturePadding.Pkcs1);
        }

        using var ecdsa = certificate.GetECDsaPublicKey();
        return ecdsa is not null && ecdsa.VerifyData(data, signature, digestAlgorithm, DSASignatureFormat.Rfc3279DerSequence);
    }
}
