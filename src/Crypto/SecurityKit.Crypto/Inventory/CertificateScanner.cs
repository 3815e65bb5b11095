using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SecurityKit.Crypto.Inventory;

/// <summary>Certificates, keys and CMS in PEM (RFC 7468), DER and PKCS#12 files.</summary>
internal static class CertificateScanner
{
    public static void ScanPem(string path, byte[] content, InventoryBuilder builder)
    {
        var text = Encoding.ASCII.GetString(content);
        var remaining = text.AsSpan();
        var offset = 0;
        var blocks = 0;
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            blocks++;
            var label = remaining[fields.Label].ToString();
            var der = new byte[fields.DecodedDataLength];
            if (Convert.TryFromBase64Chars(remaining[fields.Base64Data], der, out var written))
            {
                var line = 1 + text.AsSpan(0, offset + fields.Location.Start.Value).Count('\n');
                ScanPemBlock(path, label, der.AsSpan(0, written).ToArray(), line, builder);
            }

            offset += fields.Location.End.Value;
            remaining = remaining[fields.Location.End.Value..];
        }

        if (blocks == 0 && TlsConfigScanner.LooksLikeConfig(path))
        {
            TlsConfigScanner.Scan(path, content, builder);
        }
    }

    public static void ScanDer(string path, byte[] content, string extension, InventoryOptions options, InventoryBuilder builder)
    {
        if (TryCertificate(content, out var certificate))
        {
            using (certificate)
            {
                builder.Certificate(certificate, path, extension.Length == 0 ? "der" : extension, string.Empty);
            }

            return;
        }

        if (CmsScanner.TryScan(path, content, "CMS ", builder))
        {
            return;
        }

        if (LooksLikePfx(content))
        {
            ScanPfx(path, content, options, builder);
        }
        else if (extension is "der" or "cer" or "crt" or "p7s" or "p7m" or "p7b" or "p7c")
        {
            builder.Skip(path, "not a readable certificate, CMS SignedData or PKCS#12 (malformed DER)");
        }
    }

    public static void ScanPfx(string path, byte[] content, InventoryOptions options, InventoryBuilder builder)
    {
        foreach (var password in options.PfxPasswords.Prepend(string.Empty).Prepend(null))
        {
            try
            {
                var collection = X509CertificateLoader.LoadPkcs12Collection(content, password, X509KeyStorageFlags.EphemeralKeySet);
                foreach (var certificate in collection)
                {
                    using (certificate)
                    {
                        builder.Certificate(certificate, path, "pfx", certificate.HasPrivateKey ? "PFX (with private key) " : "PFX ");
                    }
                }

                return;
            }
            catch (CryptographicException)
            {
                // wrong password: try the next one
            }
        }

        builder.Skip(path, "PFX password missing or wrong (give it with --pfx-password)");
    }

    private static void ScanPemBlock(string path, string label, byte[] der, int line, InventoryBuilder builder)
    {
        switch (label)
        {
            case "CERTIFICATE":
            case "TRUSTED CERTIFICATE":
            case "X509 CERTIFICATE":
                if (TryCertificate(der, out var certificate))
                {
                    using (certificate)
                    {
                        builder.Certificate(certificate, path, "pem", $"line {line}: ");
                    }
                }
                else
                {
                    builder.Skip(path, $"malformed certificate at line {line}");
                }

                break;
            case "PKCS7":
            case "CMS":
                CmsScanner.TryScan(path, der, $"line {line}: CMS ", builder);
                break;
            case "PUBLIC KEY":
                Key(path, der, line, "public-key", KeyEncoding.PublicKeyAlgorithm, builder);
                break;
            case "PRIVATE KEY":
                Key(path, der, line, "private-key", KeyEncoding.PrivateKeyAlgorithm, builder);
                break;
            case "RSA PRIVATE KEY":
                using (var rsa = RSA.Create())
                {
                    rsa.ImportRSAPrivateKey(der, out _);
                    Material(path, line, "private-key", AlgorithmCatalog.Rsa(rsa.KeySize), rsa.KeySize, builder);
                }

                break;
            case "EC PRIVATE KEY":
                using (var ec = ECDsa.Create())
                {
                    ec.ImportECPrivateKey(der, out _);
                    var curveOid = ec.ExportParameters(false).Curve.Oid?.Value;
                    Material(path, line, "private-key", AlgorithmCatalog.EcKey(curveOid, ec.KeySize), ec.KeySize, builder);
                }

                break;
            case "ENCRYPTED PRIVATE KEY":
                var keyRef = $"crypto/key/{Convert.ToHexStringLower(SHA256.HashData(der))[..16]}";
                var asset = new CryptoAsset(keyRef, CryptoAssetType.RelatedCryptoMaterial, "encrypted private key")
                {
                    MaterialType = "private-key",
                };
                asset.Occurrences.Add(new AssetOccurrence(path, $"line {line}: encrypted PKCS#8 (algorithm not visible without the password)", line));
                builder.Report.Assets.Add(asset);
                break;
            default:
                break;
        }
    }

    private static void Key(string path, byte[] der, int line, string type, Func<byte[], (string Oid, string? Parameter)> algorithmOf, InventoryBuilder builder)
    {
        var (oid, parameter) = algorithmOf(der);
        AlgorithmDescriptor? descriptor;
        int? size = null;
        if (oid == "1.2.840.113549.1.1.1")
        {
            using var rsa = RSA.Create();
            if (type == "public-key")
            {
                rsa.ImportSubjectPublicKeyInfo(der, out _);
            }
            else
            {
                rsa.ImportPkcs8PrivateKey(der, out _);
            }

            size = rsa.KeySize;
            descriptor = AlgorithmCatalog.Rsa(rsa.KeySize);
        }
        else if (oid == "1.2.840.10045.2.1")
        {
            var curve = AlgorithmCatalog.CurveName(parameter);
            size = curve switch { "P-256" => 256, "P-384" => 384, "P-521" => 521, _ => 0 };
            descriptor = AlgorithmCatalog.EcKey(parameter, size.Value);
        }
        else
        {
            descriptor = AlgorithmCatalog.FromOid(oid);
        }

        if (descriptor is null)
        {
            builder.Skip(path, $"key of unknown algorithm {oid} at line {line}");
            return;
        }

        Material(path, line, type, descriptor, size, builder);
    }

    private static void Material(string path, int line, string type, AlgorithmDescriptor descriptor, int? size, InventoryBuilder builder)
    {
        var occurrence = new AssetOccurrence(path, $"line {line}: {type}", line);
        var algorithm = builder.Algorithm(descriptor, occurrence);
        var asset = new CryptoAsset($"crypto/{type}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path + ":" + line)))[..16]}", CryptoAssetType.RelatedCryptoMaterial, $"{descriptor.Name} {type}")
        {
            MaterialType = type,
            AlgorithmRef = algorithm.BomRef,
            KeySize = size,
            IsQuantumVulnerable = descriptor.QuantumVulnerable,
            SuggestedReplacement = descriptor.Replacement,
        };
        asset.Occurrences.Add(occurrence);
        builder.Report.Assets.Add(asset);
    }

    private static bool TryCertificate(byte[] der, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out X509Certificate2? certificate)
    {
        certificate = null;
        try
        {
            // A certificate is SEQUENCE { SEQUENCE tbs, SEQUENCE algorithm, BIT STRING } (RFC 5280 §4.1); check the
            // shape first so that CMS and PKCS#12 blobs are not fed to the certificate parser.
            var outer = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            outer.ReadSequence();
            outer.ReadSequence();
            outer.ReadBitString(out _);
            certificate = X509CertificateLoader.LoadCertificate(der);
            return true;
        }
        catch (Exception exception) when (exception is AsnContentException or CryptographicException)
        {
            return false;
        }
    }

    private static bool LooksLikePfx(byte[] der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            return outer.ReadInteger() == 3; // PFX version 3 (RFC 7292 §4)
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
