using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Signing.Timestamps;

/// <summary>An RFC 3161 TimeStampToken that the client has already verified.</summary>
public sealed class TimestampToken
{
    /// <summary>Creates a token record.</summary>
    public TimestampToken(ReadOnlyMemory<byte> encoded, DateTimeOffset generationTime, X509Certificate2? authorityCertificate, string policy)
    {
        Encoded = encoded;
        GenerationTime = generationTime;
        AuthorityCertificate = authorityCertificate;
        Policy = policy;
    }

    /// <summary>The token (a CMS ContentInfo with SignedData over TSTInfo), DER.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>The TSTInfo genTime.</summary>
    public DateTimeOffset GenerationTime { get; }

    /// <summary>The TSA's signing certificate, when the token carries it.</summary>
    public X509Certificate2? AuthorityCertificate { get; }

    /// <summary>The TSA policy OID under which the token was issued.</summary>
    public string Policy { get; }
}
