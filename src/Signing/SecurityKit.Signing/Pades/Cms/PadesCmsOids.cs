using System.Security.Cryptography;

namespace SecurityKit.Signing.Pades.Cms;

/// <summary>Object identifiers of CMS (RFC 5652), ESS (RFC 5035) and the algorithms PAdES signatures use.</summary>
internal static class PadesCmsOids
{
    public const string Data = "1.2.840.113549.1.7.1";
    public const string SignedData = "1.2.840.113549.1.7.2";
    public const string ContentType = "1.2.840.113549.1.9.3";
    public const string MessageDigest = "1.2.840.113549.1.9.4";
    public const string SigningTime = "1.2.840.113549.1.9.5";
    public const string SigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";
    public const string SignatureTimeStampToken = "1.2.840.113549.1.9.16.2.14";
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string EcPublicKey = "1.2.840.10045.2.1";

    public static string Digest(HashAlgorithmName name) => name.Name switch
    {
        "SHA256" => "2.16.840.1.101.3.4.2.1",
        "SHA384" => "2.16.840.1.101.3.4.2.2",
        "SHA512" => "2.16.840.1.101.3.4.2.3",
        _ => throw new ArgumentException($"digest {name.Name} is not allowed for PAdES baseline signatures", nameof(name)),
    };

    public static string RsaWith(HashAlgorithmName name) => name.Name switch
    {
        "SHA256" => "1.2.840.113549.1.1.11",
        "SHA384" => "1.2.840.113549.1.1.12",
        "SHA512" => "1.2.840.113549.1.1.13",
        _ => throw new ArgumentException($"digest {name.Name} is not supported", nameof(name)),
    };

    public static string EcdsaWith(HashAlgorithmName name) => name.Name switch
    {
        "SHA256" => "1.2.840.10045.4.3.2",
        "SHA384" => "1.2.840.10045.4.3.3",
        "SHA512" => "1.2.840.10045.4.3.4",
        _ => throw new ArgumentException($"digest {name.Name} is not supported", nameof(name)),
    };
}
