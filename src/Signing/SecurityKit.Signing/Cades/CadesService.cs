using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;
using SecurityKit.Signing.Cms;
using SecurityKit.Signing.Keys;
using SecurityKit.Signing.Timestamps;

namespace SecurityKit.Signing.Cades;

/// <summary>
/// CAdES baseline signatures (ETSI EN 319 122-1) in the three-step shape of the EU DSS library:
/// <see cref="GetDataToSignAsync"/> → a signature value from any device → <see cref="SignDocumentAsync"/>; plus a
/// one-call <see cref="SignAsync"/> for local keys, parallel signatures, counter-signatures and
/// <see cref="ExtendAsync"/> (B-B → B-T → B-LT → B-LTA).
/// </summary>
/// <remarks>
/// PAdES reuses this service: it calls <see cref="GetDataToSign(ReadOnlySpan{byte}, CadesSignatureParameters)"/> with
/// the digest of the PDF byte ranges and <see cref="CadesSignatureParameters.IncludeSigningTime"/> set to
/// <see langword="false"/>, then <see cref="SignDocumentAsync"/> (B-B or B-T) for the DER CMS to embed.
/// </remarks>
public sealed class CadesService
{
    private readonly ITimestampClient? _timestamps;
    private readonly ValidationDataCollector? _validationData;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    /// <param name="timestampClient">The TSA client; needed for B-T and above.</param>
    /// <param name="validationData">Collects certificates and revocation data; needed for B-LT and above.</param>
    /// <param name="timeProvider">The clock for signing-time; the system clock by default.</param>
    public CadesService(ITimestampClient? timestampClient = null, ValidationDataCollector? validationData = null, TimeProvider? timeProvider = null)
    {
        _timestamps = timestampClient;
        _validationData = validationData;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Step 1 over a content stream: digests the stream (detached: in chunks, never wholly in memory; enveloping:
    /// the content is kept to be embedded) and returns the signed attributes to sign.
    /// </summary>
    public async Task<DataToSign> GetDataToSignAsync(Stream content, CadesSignatureParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(parameters);
        var digestAlgorithm = parameters.SignatureAlgorithm.Digest;
        if (parameters.Packaging == SignaturePackaging.Detached)
        {
            var digest = await digestAlgorithm.ComputeAsync(content, cancellationToken).ConfigureAwait(false);
            return Build(parameters, digest, null);
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        return Build(parameters, digestAlgorithm.Compute(bytes), bytes);
    }

    /// <summary>
    /// Step 1 over a digest the caller computed (PAdES byte ranges, or a hash sent by a client). Detached only.
    /// </summary>
    /// <exception cref="ArgumentException">The digest length does not match the algorithm's digest.</exception>
    public DataToSign GetDataToSign(ReadOnlySpan<byte> contentDigest, CadesSignatureParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Packaging != SignaturePackaging.Detached)
        {
            throw new ArgumentException("an enveloping signature needs the content, not its digest", nameof(parameters));
        }

        if (contentDigest.Length != parameters.SignatureAlgorithm.Digest.SizeInBytes)
        {
            throw new ArgumentException($"a {parameters.SignatureAlgorithm.Digest.Name} digest has {parameters.SignatureAlgorithm.Digest.SizeInBytes} bytes", nameof(contentDigest));
        }

        return Build(parameters, contentDigest.ToArray(), null);
    }

    private DataToSign Build(CadesSignatureParameters parameters, byte[] contentDigest, byte[]? envelopedContent)
    {
        DateTimeOffset? signingTime = parameters.IncludeSigningTime ? parameters.SigningTime ?? _time.GetUtcNow() : null;
        var attributes = SignedAttributes.Encode(CmsOids.Data, contentDigest, signingTime, parameters.SigningCertificate);
        // A null array must stay "no content" (detached), not become an empty ReadOnlyMemory.
        return new DataToSign(parameters, attributes, contentDigest, envelopedContent is null ? (ReadOnlyMemory<byte>?)null : new ReadOnlyMemory<byte>(envelopedContent));
    }

    /// <summary>
    /// Step 3: assembles the CMS SignedData from the data of step 1 and the device's signature value, then raises
    /// it to the requested level (timestamp, validation data, archive timestamp).
    /// </summary>
    /// <returns>The DER-encoded CMS ContentInfo.</returns>
    /// <exception cref="SecurityKitException">The signature value does not verify with the certificate's key, or a
    /// TSA or revocation source needed for the level fails.</exception>
    public async Task<byte[]> SignDocumentAsync(DataToSign dataToSign, ReadOnlyMemory<byte> signatureValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataToSign);
        var cms = new CmsSignedData { Content = dataToSign.EnvelopedContent };
        AddSigner(cms, dataToSign, signatureValue);
        var encoded = cms.Encode();
        return dataToSign.Parameters.Level == SignatureLevel.BaselineB
            ? encoded
            : await ExtendAsync(encoded, dataToSign.Parameters.Level, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One call for a local key: steps 1 to 3 with <paramref name="signer"/> making the value.</summary>
    public async Task<byte[]> SignAsync(Stream content, CadesSignatureParameters parameters, ISignatureValueProvider signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var data = await GetDataToSignAsync(content, parameters, cancellationToken).ConfigureAwait(false);
        var value = await signer.SignAsync(data.Bytes, cancellationToken).ConfigureAwait(false);
        var cms = new CmsSignedData { Content = data.EnvelopedContent };
        AddSigner(cms, data, value, verify: false);
        var encoded = cms.Encode();
        return parameters.Level == SignatureLevel.BaselineB
            ? encoded
            : await ExtendAsync(encoded, parameters.Level, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds a parallel signature (another signatory over the same content, EN 319 122-1 §4.3) to an existing CMS.
    /// For a detached CMS, <paramref name="detachedContent"/> must be the signed content.
    /// </summary>
    public async Task<byte[]> AddSignatureAsync(ReadOnlyMemory<byte> existingCms, Stream? detachedContent, CadesSignatureParameters parameters, ISignatureValueProvider signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(signer);
        var cms = CmsSignedData.Decode(existingCms);
        byte[] digest;
        if (cms.Content is { } content)
        {
            digest = parameters.SignatureAlgorithm.Digest.Compute(content.Span);
        }
        else if (detachedContent is not null)
        {
            digest = await parameters.SignatureAlgorithm.Digest.ComputeAsync(detachedContent, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new SecurityKitException("the CMS is detached: the signed content is needed to add a parallel signature", "content");
        }

        var data = Build(parameters, digest, null);
        var value = await signer.SignAsync(data.Bytes, cancellationToken).ConfigureAwait(false);
        AddSigner(cms, data, value);
        var encoded = cms.Encode();
        if (parameters.Level == SignatureLevel.BaselineB)
        {
            return encoded;
        }

        return await ExtendSignerAsync(encoded, cms.SignerInfos.Count - 1, parameters.Level, detachedContent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Counter-signs the signature at <paramref name="signerIndex"/> (RFC 5652 §11.4): the counter-signature signs
    /// the digest of that signature's value and goes into its unsigned attributes.
    /// </summary>
    public async Task<byte[]> CounterSignAsync(ReadOnlyMemory<byte> existingCms, int signerIndex, ISignatureValueProvider signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var cms = CmsSignedData.Decode(existingCms);
        if (signerIndex < 0 || signerIndex >= cms.SignerInfos.Count)
        {
            throw new SecurityKitException($"there is no signature number {signerIndex + 1} to counter-sign (the CMS has {cms.SignerInfos.Count})", "signer index");
        }

        var target = cms.SignerInfos[signerIndex];
        var algorithm = signer.Algorithm;
        var digest = algorithm.Digest.Compute(target.Signature.Span);
        var attributes = SignedAttributes.EncodeCounterSignature(digest, _time.GetUtcNow(), signer.Certificate);
        var value = await signer.SignAsync(attributes, cancellationToken).ConfigureAwait(false);
        var counter = NewSignerInfo(signer.Certificate, algorithm, attributes, value);
        target.UnsignedAttributes.Add(CmsAttribute.Create(CmsOids.CounterSignature, counter.Encode()));
        AddCertificates(cms, signer.Certificate, signer.CertificateChain);
        cms.DigestAlgorithms.Add(SignedAttributes.DigestAlgorithmIdentifier(algorithm.Digest));
        return cms.Encode();
    }

    /// <summary>
    /// Raises every signature of a CMS to <paramref name="target"/>: B-T adds a signature-time-stamp where missing,
    /// B-LT adds the certificates and revocation data of every chain (signer and TSAs) to SignedData, B-LTA adds an
    /// archive-time-stamp-v3. Levels already reached are left alone.
    /// </summary>
    /// <param name="cms">The CMS to extend.</param>
    /// <param name="target">The level to reach.</param>
    /// <param name="detachedContent">The signed content of a detached CMS; needed for B-LTA (the archive timestamp
    /// covers the content's digest, EN 319 122-1 §5.5.3).</param>
    /// <param name="cancellationToken">Cancels the network calls.</param>
    public async Task<byte[]> ExtendAsync(ReadOnlyMemory<byte> cms, SignatureLevel target, Stream? detachedContent, CancellationToken cancellationToken = default)
    {
        var count = CmsSignedData.Decode(cms).SignerInfos.Count;
        var current = cms.ToArray();
        for (var i = 0; i < count; i++)
        {
            current = await ExtendSignerAsync(current, i, target, detachedContent, cancellationToken).ConfigureAwait(false);
        }

        return current;
    }

    private async Task<byte[]> ExtendSignerAsync(byte[] encoded, int index, SignatureLevel target, Stream? detachedContent, CancellationToken cancellationToken)
    {
        var cms = CmsSignedData.Decode(encoded);
        var signer = cms.SignerInfos[index];
        if (target >= SignatureLevel.BaselineT && !signer.Unsigned(CmsOids.SignatureTimeStampToken).Any())
        {
            var timestamps = _timestamps ?? throw new SecurityKitException("a B-T or higher signature needs a timestamp authority (TSA URL)", "tsa");
            // EN 319 122-1 §5.3: the imprint is the digest of the SignerInfo's signature field value.
            var imprint = timestamps.DigestAlgorithm.Compute(signer.Signature.Span);
            var token = await timestamps.GetTimestampAsync(imprint, cancellationToken).ConfigureAwait(false);
            signer.UnsignedAttributes.Add(CmsAttribute.Create(CmsOids.SignatureTimeStampToken, token.Encoded.Span));
        }

        if (target >= SignatureLevel.BaselineLT)
        {
            var collector = _validationData ?? throw new SecurityKitException("a B-LT or higher signature needs revocation sources", "revocation");
            await collector.AddValidationDataAsync(cms, signer, cancellationToken).ConfigureAwait(false);
        }

        if (target >= SignatureLevel.BaselineLTA)
        {
            var timestamps = _timestamps ?? throw new SecurityKitException("a B-LTA signature needs a timestamp authority (TSA URL)", "tsa");
            await ArchiveTimestamp.AddAsync(cms, signer, timestamps, (digest, ct) => ContentDigestAsync(cms, signer, digest, detachedContent, ct), cancellationToken).ConfigureAwait(false);
        }

        return cms.Encode();
    }

    // The archive timestamp covers the content's digest (EN 319 122-1 §5.5.3 item 2): from the encapsulated content,
    // from the message-digest attribute when the algorithms agree, or from the detached content stream.
    private static async ValueTask<byte[]> ContentDigestAsync(CmsSignedData cms, CmsSignerInfo signer, DigestAlgorithm digest, Stream? detachedContent, CancellationToken cancellationToken)
    {
        if (cms.Content is { } content)
        {
            return digest.Compute(content.Span);
        }

        if (signer.DigestAlgorithmOid == digest.Oid && signer.SignedAttribute(CmsOids.MessageDigest) is { } messageDigest)
        {
            return new AsnReader(messageDigest.Values[0], AsnEncodingRules.BER).ReadOctetString();
        }

        if (detachedContent is null)
        {
            throw new SecurityKitException("a B-LTA archive timestamp of a detached signature needs the signed content", "content");
        }

        if (detachedContent.CanSeek)
        {
            detachedContent.Position = 0;
        }

        return await digest.ComputeAsync(detachedContent, cancellationToken).ConfigureAwait(false);
    }

    private static void AddSigner(CmsSignedData cms, DataToSign data, ReadOnlyMemory<byte> signatureValue, bool? verify = null)
    {
        var parameters = data.Parameters;
        if (signatureValue.IsEmpty)
        {
            throw new SecurityKitException("the signature value is empty", "signature value");
        }

        if ((verify ?? parameters.VerifySignatureValue) && !SignatureValueMatches(parameters.SigningCertificate, parameters.SignatureAlgorithm, data.Bytes.Span, signatureValue.Span))
        {
            throw new SecurityKitException("the signature value does not verify with the signing certificate's public key (wrong key or wrong algorithm on the device?)", "signature value");
        }

        cms.DigestAlgorithms.Add(SignedAttributes.DigestAlgorithmIdentifier(parameters.SignatureAlgorithm.Digest));
        AddCertificates(cms, parameters.SigningCertificate, parameters.CertificateChain);
        cms.SignerInfos.Add(NewSignerInfo(parameters.SigningCertificate, parameters.SignatureAlgorithm, data.Bytes, signatureValue));
    }

    private static void AddCertificates(CmsSignedData cms, X509Certificate2 signer, IEnumerable<X509Certificate2> chain)
    {
        foreach (var certificate in chain.Prepend(signer))
        {
            if (!cms.Certificates.Any(c => c.Span.SequenceEqual(certificate.RawDataMemory.Span)))
            {
                cms.Certificates.Add(certificate.RawDataMemory);
            }
        }
    }

    private static CmsSignerInfo NewSignerInfo(X509Certificate2 certificate, SignatureAlgorithm algorithm, ReadOnlyMemory<byte> signedAttributes, ReadOnlyMemory<byte> signatureValue) => new()
    {
        Version = 1,
        SignerIdentifier = SignedAttributes.IssuerAndSerialNumber(certificate),
        DigestAlgorithm = SignedAttributes.DigestAlgorithmIdentifier(algorithm.Digest),
        SignedAttributesForSignature = signedAttributes,
        SignatureAlgorithm = algorithm.EncodedIdentifier,
        Signature = signatureValue,
    };

    private static bool SignatureValueMatches(X509Certificate2 certificate, SignatureAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> value)
    {
        var hash = algorithm.Digest.HashName;
        switch (algorithm.KeyKind)
        {
            case SignatureKeyKind.RsaPkcs1:
            case SignatureKeyKind.RsaPss:
                using (var rsa = certificate.GetRSAPublicKey())
                {
                    return rsa is not null && rsa.VerifyData(data, value, hash, algorithm.KeyKind == SignatureKeyKind.RsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
                }

            case SignatureKeyKind.Ecdsa:
                using (var ecdsa = certificate.GetECDsaPublicKey())
                {
                    return ecdsa is not null && ecdsa.VerifyData(data, value, hash, DSASignatureFormat.Rfc3279DerSequence);
                }

            default:
                return CmsSignatureVerifier.Verify(certificate.RawData, algorithm.EncodedIdentifier.Span, data, value);
        }
    }
}
