using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SecurityKit.Crypto.Inventory;

/// <summary>
/// .NET assemblies: the crypto types they reference, found in the metadata's TypeReference and MemberReference
/// tables (ECMA-335 §II.22.38, §II.22.25) with System.Reflection.Metadata, without loading the assembly.
/// </summary>
internal static class AssemblyScanner
{
    public static void Scan(string path, byte[] content, InventoryBuilder builder)
    {
        using var pe = new PEReader(new MemoryStream(content));
        if (!pe.HasMetadata)
        {
            return; // native executable
        }

        var metadata = pe.GetMetadataReader();
        var found = new Dictionary<string, (AlgorithmDescriptor Descriptor, SortedSet<string> Symbols)>(StringComparer.Ordinal);
        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            var (ns, type) = TypeName(metadata, (TypeReferenceHandle)member.Parent);
            var descriptor = Describe(ns, type);
            if (descriptor is not null)
            {
                var symbol = $"{ns}.{type}::{metadata.GetString(member.Name)}";
                if (!found.TryGetValue(descriptor.Name, out var entry))
                {
                    entry = (descriptor, new SortedSet<string>(StringComparer.Ordinal));
                    found.Add(descriptor.Name, entry);
                }

                entry.Symbols.Add(symbol);
            }
        }

        foreach (var (descriptor, symbols) in found.Values)
        {
            var asset = builder.Algorithm(descriptor, new AssetOccurrence(path, "references " + string.Join(", ", symbols.Take(5)) + (symbols.Count > 5 ? $" (+{symbols.Count - 5} more)" : string.Empty)));
            _ = asset;
        }
    }

    internal static AlgorithmDescriptor? Describe(string ns, string type)
    {
        if (ns != "System.Security.Cryptography")
        {
            return null;
        }

        string[] sign = ["sign", "verify"];
        string[] enc = ["encrypt", "decrypt"];
        string[] digest = ["digest"];
        return type switch
        {
            "RSA" or "RSACryptoServiceProvider" or "RSACng" or "RSAOpenSsl" or "RSAPKCS1SignatureFormatter" or "RSAOAEPKeyExchangeFormatter" =>
                new AlgorithmDescriptor("RSA", "signature", null, 112, 0, true, false, AlgorithmCatalog.SignatureReplacement, sign),
            "ECDsa" or "ECDsaCng" or "ECDsaOpenSsl" =>
                new AlgorithmDescriptor("ECDSA", "signature", null, 128, 0, true, false, AlgorithmCatalog.SignatureReplacement, sign),
            "ECDiffieHellman" or "ECDiffieHellmanCng" or "ECDiffieHellmanOpenSsl" =>
                new AlgorithmDescriptor("ECDH", "key-agree", null, 128, 0, true, false, AlgorithmCatalog.KeyExchangeReplacement, ["keygen", "keyderive"]),
            "DSA" or "DSACryptoServiceProvider" or "DSACng" or "DSAOpenSsl" =>
                new AlgorithmDescriptor("DSA", "signature", null, 80, 0, true, true, AlgorithmCatalog.SignatureReplacement, sign),
            "MD5" or "MD5CryptoServiceProvider" or "HMACMD5" => AlgorithmCatalog.FromOid("1.2.840.113549.2.5"),
            "SHA1" or "SHA1Managed" or "SHA1CryptoServiceProvider" or "HMACSHA1" => AlgorithmCatalog.FromOid("1.3.14.3.2.26"),
            "SHA256" or "SHA256Managed" or "HMACSHA256" => AlgorithmCatalog.FromOid("2.16.840.1.101.3.4.2.1"),
            "SHA384" or "HMACSHA384" => AlgorithmCatalog.FromOid("2.16.840.1.101.3.4.2.2"),
            "SHA512" or "HMACSHA512" => AlgorithmCatalog.FromOid("2.16.840.1.101.3.4.2.3"),
            "SHA3_256" => AlgorithmCatalog.FromOid("2.16.840.1.101.3.4.2.8"),
            "Aes" or "AesManaged" or "AesCryptoServiceProvider" or "AesCng" or "RijndaelManaged" or "Rijndael" =>
                AlgorithmCatalog.Symmetric("AES", "block-cipher", null, 128, 1, enc, replacement: "AES-256-GCM (AesGcm) with 256-bit keys"),
            "AesGcm" => AlgorithmCatalog.Symmetric("AES-GCM", "ae", null, 128, 1, enc),
            "AesCcm" => AlgorithmCatalog.Symmetric("AES-CCM", "ae", null, 128, 1, enc),
            "ChaCha20Poly1305" => AlgorithmCatalog.Symmetric("ChaCha20-Poly1305", "ae", "256", 256, 5, enc),
            "DES" or "DESCryptoServiceProvider" => AlgorithmCatalog.Symmetric("DES", "block-cipher", "56", 0, 0, enc, weak: true, replacement: "AES-256-GCM"),
            "TripleDES" or "TripleDESCryptoServiceProvider" or "TripleDESCng" => AlgorithmCatalog.Symmetric("3DES", "block-cipher", "168", 112, 0, enc, weak: true, replacement: "AES-256-GCM"),
            "RC2" or "RC2CryptoServiceProvider" => AlgorithmCatalog.Symmetric("RC2", "block-cipher", null, 0, 0, enc, weak: true, replacement: "AES-256-GCM"),
            "Rfc2898DeriveBytes" => AlgorithmCatalog.Symmetric("PBKDF2", "kdf", null, 128, 1, ["keyderive"]),
            "HKDF" => AlgorithmCatalog.Symmetric("HKDF", "kdf", null, 128, 1, ["keyderive"]),
            "MLDsa" => AlgorithmCatalog.FromAlgorithm(SignatureAlgorithm.MlDsa65) with { Name = "ML-DSA", ParameterSet = null, Oid = null },
            "MLKem" => AlgorithmCatalog.FromAlgorithm(KeyEncapsulationAlgorithm.MlKem768) with { Name = "ML-KEM", ParameterSet = null, Oid = null },
            "SlhDsa" => AlgorithmCatalog.FromAlgorithm(SignatureAlgorithm.SlhDsaSha2_128s) with { Name = "SLH-DSA", ParameterSet = null, Oid = null },
            _ => null,
        };
    }

    private static (string Namespace, string Name) TypeName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var reference = metadata.GetTypeReference(handle);
        return (metadata.GetString(reference.Namespace), metadata.GetString(reference.Name));
    }
}
