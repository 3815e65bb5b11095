using System.Formats.Asn1;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;

namespace SecurityKit.Signing.Cms;

/// <summary>
/// Encodes the signed attributes of a CAdES baseline signature (EN 319 122-1 §5.2, §6.2 table 1): content-type,
/// message-digest, signing-time (omitted for PAdES) and signing-certificate-v2 (RFC 5035).
/// </summary>
internal static class SignedAttributes
{
    private static readonly ConditionalWeakTable<X509Certificate2, byte[]> SigningCertificateV2Cache = new();

    public static byte[] Encode(string contentType, ReadOnlySpan<byte> contentDigest, DateTimeOffset? signingTime, X509Certificate2 signer)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        // DER SET OF: the writer sorts the attributes on pop (X.690 §11.6), which RFC 5652 §5.4 requires for the bytes signed.
        using (writer.PushSetOf())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(CmsOids.ContentType);
                using (writer.PushSetOf())
                {
                    writer.WriteObjectIdentifier(contentType);
                }
            }

            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(CmsOids.MessageDigest);
                using (writer.PushSetOf())
                {
                    writer.WriteOctetString(contentDigest);
                }
            }

            if (signingTime is { } time)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(CmsOids.SigningTime);
                    using (writer.PushSetOf())
                    {
                        WriteTime(writer, time);
                    }
                }
            }

            writer.WriteEncodedValue(SigningCertificateV2(signer));
        }

        return writer.Encode();
    }

    /// <summary>
    /// The signed attributes of a counter-signature (RFC 5652 §11.4): message-digest over the counter-signed
    /// signature value and signing-certificate-v2; content-type MUST NOT be present.
    /// </summary>
    public static byte[] EncodeCounterSignature(ReadOnlySpan<byte> signatureDigest, DateTimeOffset? signingTime, X509Certificate2 signer)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(CmsOids.MessageDigest);
                using (writer.PushSetOf())
                {
                    writer.WriteOctetString(signatureDigest);
                }
            }

            if (signingTime is { } time)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(CmsOids.SigningTime);
                    using (writer.PushSetOf())
                    {
                        WriteTime(writer, time);
                    }
                }
            }

            writer.WriteEncodedValue(SigningCertificateV2(signer));
        }

        return writer.Encode();
    }

    // RFC 5652 §11.3: UTCTime for 1950–2049, GeneralizedTime otherwise; whole seconds (DER).
    private static void WriteTime(AsnWriter writer, DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        utc = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, TimeSpan.Zero);
        if (utc.Year is >= 1950 and < 2050)
        {
            writer.WriteUtcTime(utc);
        }
        else
        {
            writer.WriteGeneralizedTime(utc, omitFractionalSeconds: true);
        }
    }

    /// <summary>
    /// The signing-certificate-v2 attribute (RFC 5035 §3): one ESSCertIDv2 with the SHA-256 certificate hash (its
    /// hashAlgorithm left at the DEFAULT, so omitted in DER) and issuerSerial, which EN 319 122-1 §5.2.2.3 says
    /// should be present. Cached per certificate object: it is the same for every signature of a signer.
    /// </summary>
    public static byte[] SigningCertificateV2(X509Certificate2 certificate) =>
        SigningCertificateV2Cache.GetValue(certificate, static c =>
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(CmsOids.SigningCertificateV2);
                using (writer.PushSetOf())
                {
                    using (writer.PushSequence())
                    {
                        using (writer.PushSequence())
                        {
                            using (writer.PushSequence())
                            {
                                writer.WriteOctetString(SHA256.HashData(c.RawDataMemory.Span));
                                WriteIssuerSerial(writer, c);
                            }
                        }
                    }
                }
            }

            return writer.Encode();
        });

    /// <summary>IssuerSerial (RFC 5035 §4): issuer as GeneralNames with one directoryName, and the serial number.</summary>
    public static void WriteIssuerSerial(AsnWriter writer, X509Certificate2 certificate)
    {
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                {
                    writer.WriteEncodedValue(certificate.IssuerName.RawData);
                }
            }

            writer.WriteInteger(certificate.SerialNumberBytes.Span);
        }
    }

    /// <summary>The encoded IssuerAndSerialNumber used as a SignerInfo's <c>sid</c> (RFC 5652 §5.3).</summary>
    public static byte[] IssuerAndSerialNumber(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(certificate.IssuerName.RawData);
            writer.WriteInteger(certificate.SerialNumberBytes.Span);
        }

        return writer.Encode();
    }

    /// <summary>The encoded digest AlgorithmIdentifier, parameters absent (RFC 5754 §2).</summary>
    public static byte[] DigestAlgorithmIdentifier(DigestAlgorithm digest)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(digest.Oid);
        }

        return writer.Encode();
    }
}
