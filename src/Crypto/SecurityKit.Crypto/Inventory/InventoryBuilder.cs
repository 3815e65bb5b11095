using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SecurityKit.Crypto.Inventory;

/// <summary>Collects assets while the scanners run: one asset per algorithm, one per certificate or key.</summary>
internal sealed class InventoryBuilder(InventoryReport report)
{
    private readonly Dictionary<string, CryptoAsset> _byRef = new(StringComparer.Ordinal);

    public InventoryReport Report { get; } = report;

    public CryptoAsset Algorithm(AlgorithmDescriptor descriptor, AssetOccurrence occurrence)
    {
        var bomRef = "crypto/algorithm/" + Slug(descriptor.Name);
        if (!_byRef.TryGetValue(bomRef, out var asset))
        {
            asset = new CryptoAsset(bomRef, CryptoAssetType.Algorithm, descriptor.Name)
            {
                Oid = descriptor.Oid,
                Primitive = descriptor.Primitive,
                ParameterSetIdentifier = descriptor.ParameterSet,
                Curve = descriptor.Curve,
                KeySize = descriptor.KeySize,
                ClassicalSecurityLevel = descriptor.ClassicalBits,
                NistQuantumSecurityLevel = descriptor.NistLevel,
                IsQuantumVulnerable = descriptor.QuantumVulnerable,
                IsClassicallyWeak = descriptor.ClassicallyWeak,
                SuggestedReplacement = descriptor.Replacement,
                CryptoFunctions = descriptor.Functions,
            };
            Add(asset);
        }

        AddOccurrence(asset, occurrence);
        return asset;
    }

    public CryptoAsset? AlgorithmByOid(string oid, AssetOccurrence occurrence)
    {
        var descriptor = AlgorithmCatalog.FromOid(oid);
        return descriptor is null ? null : Algorithm(descriptor, occurrence);
    }

    /// <summary>Records a certificate with its key algorithm, public key and signature algorithm.</summary>
    public void Certificate(X509Certificate2 certificate, string path, string extension, string context)
    {
        var subject = certificate.Subject.Length == 0 ? "(empty subject)" : certificate.Subject;
        var occurrence = new AssetOccurrence(path, $"{context}certificate {subject}");
        var keyDescriptor = KeyDescriptor(certificate.PublicKey);
        var keyAlgorithm = keyDescriptor is null ? null : Algorithm(keyDescriptor, occurrence with { Context = occurrence.Context + ", subject public key" });
        var signatureAlgorithm = AlgorithmByOid(certificate.SignatureAlgorithm.Value ?? string.Empty, occurrence with { Context = occurrence.Context + ", signature" });

        var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant();
        CryptoAsset? publicKey = null;
        if (keyAlgorithm is not null)
        {
            var keyRef = "crypto/key/" + thumbprint;
            if (!_byRef.TryGetValue(keyRef, out publicKey))
            {
                publicKey = new CryptoAsset(keyRef, CryptoAssetType.RelatedCryptoMaterial, $"{keyAlgorithm.Name} public key of {subject}")
                {
                    MaterialType = "public-key",
                    AlgorithmRef = keyAlgorithm.BomRef,
                    KeySize = keyDescriptor!.KeySize,
                    Oid = certificate.PublicKey.Oid.Value,
                };
                Add(publicKey);
            }

            AddOccurrence(publicKey, occurrence);
        }

        var certRef = "crypto/certificate/" + thumbprint;
        if (!_byRef.TryGetValue(certRef, out var asset))
        {
            asset = new CryptoAsset(certRef, CryptoAssetType.Certificate, subject)
            {
                SubjectName = subject,
                IssuerName = certificate.Issuer,
                NotValidBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                NotValidAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                SignatureAlgorithmRef = signatureAlgorithm?.BomRef,
                SubjectPublicKeyRef = publicKey?.BomRef,
                CertificateExtension = extension,
                KeySize = keyDescriptor?.KeySize,
                IsQuantumVulnerable = keyDescriptor?.QuantumVulnerable,
                SuggestedReplacement = keyDescriptor?.Replacement,
                Oid = certificate.PublicKey.Oid.Value,
            };
            Add(asset);
        }

        AddOccurrence(asset, occurrence);
    }

    /// <summary>The algorithm of a SubjectPublicKeyInfo, with its size or curve.</summary>
    public static AlgorithmDescriptor? KeyDescriptor(System.Security.Cryptography.X509Certificates.PublicKey publicKey)
    {
        var oid = publicKey.Oid.Value;
        switch (oid)
        {
            case "1.2.840.113549.1.1.1":
            {
                using var rsa = publicKey.GetRSAPublicKey();
                return rsa is null ? null : AlgorithmCatalog.Rsa(rsa.KeySize);
            }

            case "1.2.840.10045.2.1":
            {
                string? curveOid = null;
                try
                {
                    curveOid = new System.Formats.Asn1.AsnReader(publicKey.EncodedParameters?.RawData ?? [], System.Formats.Asn1.AsnEncodingRules.DER).ReadObjectIdentifier();
                }
                catch (System.Formats.Asn1.AsnContentException)
                {
                    // explicit curve parameters: name by size only
                }

                using var ec = publicKey.GetECDsaPublicKey();
                return AlgorithmCatalog.EcKey(curveOid, ec?.KeySize ?? 0);
            }

            default:
                return oid is null ? null : AlgorithmCatalog.FromOid(oid);
        }
    }

    public void Skip(string path, string reason) => Report.Skipped.Add((path, reason));

    private static void AddOccurrence(CryptoAsset asset, AssetOccurrence occurrence)
    {
        if (!asset.Occurrences.Contains(occurrence))
        {
            asset.Occurrences.Add(occurrence);
        }
    }

    private void Add(CryptoAsset asset)
    {
        _byRef.Add(asset.BomRef, asset);
        Report.Assets.Add(asset);
    }

    private static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return builder.ToString();
    }
}
