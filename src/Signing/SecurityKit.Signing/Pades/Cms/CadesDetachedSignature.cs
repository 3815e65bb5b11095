using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Signing.Pades.Cms;

/// <summary>
/// The CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1 §6.3, EN 319 122-1 §5.2): detached content,
/// signed attributes content-type, message-digest and signing-certificate-v2, and no signing-time attribute (the
/// time is the signature dictionary's /M). Encoded here with <see cref="AsnWriter"/> rather than
/// <c>SignedCms</c> because the three-step flow needs the signed attributes fixed at step 1 and the signature value
/// supplied from outside at step 3, which <c>SignedCms.ComputeSignature</c> cannot do. This is the interim seam until
/// the shared CAdES builder lands; <c>SignedCms</c> and <c>openssl cms -verify</c> check its output in the tests.
/// </summary>
internal static class CadesDetachedSignature
{
    /// <summary>The DER SET OF signed attributes: the bytes the signer signs (RFC 5652 §5.4).</summary>
    public static byte[] SignedAttributes(byte[] messageDigest, HashAlgorithmName digestAlgorithm, X509Certificate2 signer)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            Attribute(writer, PadesCmsOids.ContentType, w => w.WriteObjectIdentifier(PadesCmsOids.Data));
            Attribute(writer, PadesCmsOids.MessageDigest, w => w.WriteOctetString(messageDigest));
            Attribute(writer, PadesCmsOids.SigningCertificateV2, w => SigningCertificateV2(w, signer, digestAlgorithm));
        }

        return writer.Encode();
    }

    /// <summary>The signature algorithm for the signer's key: RSA PKCS#1 v1.5 or ECDSA, with the digest given.</summary>
    public static (string Oid, bool NullParameters) SignatureAlgorithm(X509Certificate2 signer, HashAlgorithmName digestAlgorithm) =>
        signer.PublicKey.Oid.Value switch
        {
            PadesCmsOids.RsaEncryption => (PadesCmsOids.RsaWith(digestAlgorithm), true),
            PadesCmsOids.EcPublicKey => (PadesCmsOids.EcdsaWith(digestAlgorithm), false),
            var other => throw new SecurityKitException($"signing keys of type {other} are not supported for PAdES", "signing certificate"),
        };

    /// <summary>Signs the signed attributes with a certificate's private key (the software-key path of step 2).</summary>
    public static byte[] SignWithPrivateKey(X509Certificate2 signer, byte[] signedAttributes, HashAlgorithmName digestAlgorithm)
    {
        if (signer.GetRSAPrivateKey() is { } rsa)
        {
            using (rsa)
            {
                return rsa.SignData(signedAttributes, digestAlgorithm, RSASignaturePadding.Pkcs1);
            }
        }

        if (signer.GetECDsaPrivateKey() is { } ecdsa)
        {
            using (ecdsa)
            {
                return ecdsa.SignData(signedAttributes, digestAlgorithm, DSASignatureFormat.Rfc3279DerSequence);
            }
        }

        throw new SecurityKitException("the signing certificate has no usable RSA or ECDSA private key", "signing certificate");
    }

    /// <summary>The ContentInfo(SignedData) DER, with an optional signature timestamp token as unsigned attribute.</summary>
    public static byte[] Encode(
        HashAlgorithmName digestAlgorithm,
        byte[] signedAttributes,
        byte[] signatureValue,
        X509Certificate2 signer,
        IEnumerable<X509Certificate2> certificates,
        byte[]? signatureTimestampToken = null)
    {
        var (signatureOid, nullParameters) = SignatureAlgorithm(signer, digestAlgorithm);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(PadesCmsOids.SignedData);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSetOf())
                {
                    AlgorithmIdentifier(writer, PadesCmsOids.Digest(digestAlgorithm), nullParameters: false);
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(PadesCmsOids.Data);
                }

                using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var certificate in new[] { signer }.Concat(certificates))
                    {
                        if (seen.Add(certificate.Thumbprint))
                        {
                            writer.WriteEncodedValue(certificate.RawData);
                        }
                    }
                }

                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteInteger(1);
                    IssuerAndSerialNumber(writer, signer);
                    AlgorithmIdentifier(writer, PadesCmsOids.Digest(digestAlgorithm), nullParameters: false);
                    // [0] IMPLICIT SET OF Attribute: the same contents as the signed DER SET, with the context tag.
                    var reader = new AsnReader(signedAttributes, AsnEncodingRules.DER);
                    var contents = reader.ReadSetOf();
                    using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        while (contents.HasData)
                        {
                            writer.WriteEncodedValue(contents.ReadEncodedValue().Span);
                        }
                    }

                    AlgorithmIdentifier(writer, signatureOid, nullParameters);
                    writer.WriteOctetString(signatureValue);
                    if (signatureTimestampToken is not null)
                    {
                        using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                        {
                            Attribute(writer, PadesCmsOids.SignatureTimeStampToken, w => w.WriteEncodedValue(signatureTimestampToken));
                        }
                    }
                }
            }
        }

        return writer.Encode();
    }

    private static void Attribute(AsnWriter writer, string oid, Action<AsnWriter> value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSetOf())
            {
                value(writer);
            }
        }
    }

    private static void AlgorithmIdentifier(AsnWriter writer, string oid, bool nullParameters)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (nullParameters)
            {
                writer.WriteNull();
            }
        }
    }

    private static void IssuerAndSerialNumber(AsnWriter writer, X509Certificate2 certificate)
    {
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(certificate.IssuerName.RawData);
            writer.WriteInteger(certificate.SerialNumberBytes.Span);
        }
    }

    private static void SigningCertificateV2(AsnWriter writer, X509Certificate2 signer, HashAlgorithmName digestAlgorithm)
    {
        // RFC 5035 §3: SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; hashAlgorithm defaults
        // to SHA-256 and is then omitted (DER); issuerSerial is included as EN 319 122-1 §5.2.2.3 recommends.
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            if (digestAlgorithm != HashAlgorithmName.SHA256)
            {
                AlgorithmIdentifier(writer, PadesCmsOids.Digest(digestAlgorithm), nullParameters: false);
            }

            writer.WriteOctetString(signer.GetCertHash(digestAlgorithm));
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                {
                    writer.WriteEncodedValue(signer.IssuerName.RawData);
                }

                writer.WriteInteger(signer.SerialNumberBytes.Span);
            }
        }
    }
}
