using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;

namespace SecurityKit.Crypto;

/// <summary>
/// PKCS#8 (RFC 5958), SubjectPublicKeyInfo (RFC 5280) and PEM (RFC 7468) framing shared by every algorithm. The
/// algorithm classes only turn the inner DER into key material; the framing, the password-based encryption
/// (PBES2, RFC 8018) and the check that a blob holds a key of the expected algorithm live here once.
/// </summary>
internal static class KeyEncoding
{
    /// <summary>PBKDF2-HMAC-SHA256 iterations for encrypted exports (OWASP password storage guidance, 2023).</summary>
    public const int Pbkdf2Iterations = 600_000;

    public static byte[] ReadPrivateKey(ReadOnlySpan<byte> blob, KeyBlobFormat format, ReadOnlySpan<char> password)
    {
        switch (format)
        {
            case KeyBlobFormat.Pkcs8Der:
                return blob.ToArray();
            case KeyBlobFormat.Pkcs8Pem:
                return FromPem(blob, "PRIVATE KEY");
            case KeyBlobFormat.EncryptedPkcs8Der:
                return Decrypt(blob.ToArray(), password);
            case KeyBlobFormat.EncryptedPkcs8Pem:
                var der = FromPem(blob, "ENCRYPTED PRIVATE KEY");
                return Decrypt(der, password);
            default:
                throw new KeyFormatException($"{format} is not a private-key format", "format");
        }
    }

    public static byte[] ReadPublicKey(ReadOnlySpan<byte> blob, KeyBlobFormat format) => format switch
    {
        KeyBlobFormat.SubjectPublicKeyInfoDer => blob.ToArray(),
        KeyBlobFormat.SubjectPublicKeyInfoPem => FromPem(blob, "PUBLIC KEY"),
        _ => throw new KeyFormatException($"{format} is not a public-key format", "format"),
    };

    public static byte[] WritePrivateKey(byte[] pkcs8, KeyBlobFormat format, ReadOnlySpan<char> password)
    {
        switch (format)
        {
            case KeyBlobFormat.Pkcs8Der:
                return (byte[])pkcs8.Clone();
            case KeyBlobFormat.Pkcs8Pem:
                return ToPem("PRIVATE KEY", pkcs8);
            case KeyBlobFormat.EncryptedPkcs8Der:
            case KeyBlobFormat.EncryptedPkcs8Pem:
                var info = Pkcs8PrivateKeyInfo.Decode(pkcs8, out _, skipCopy: true);
                var encrypted = info.Encrypt(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Pbkdf2Iterations));
                return format == KeyBlobFormat.EncryptedPkcs8Der ? encrypted : ToPem("ENCRYPTED PRIVATE KEY", encrypted);
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }
    }

    /// <summary>The AlgorithmIdentifier (OID and, for EC keys, the named curve) of a PKCS#8 PrivateKeyInfo.</summary>
    public static (string Oid, string? Parameter) PrivateKeyAlgorithm(byte[] pkcs8)
    {
        try
        {
            var reader = new AsnReader(pkcs8, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var version = sequence.ReadInteger();
            if (version < 0 || version > 1)
            {
                throw new KeyFormatException($"PKCS#8 version {version} is not 0 or 1 (RFC 5958 §2)", "PKCS#8 version");
            }

            var result = ReadAlgorithmIdentifier(sequence);
            sequence.ReadOctetString();
            return result;
        }
        catch (AsnContentException exception)
        {
            throw new KeyFormatException("malformed PKCS#8 private key", "PKCS#8 DER", exception);
        }
    }

    /// <summary>The AlgorithmIdentifier of a SubjectPublicKeyInfo.</summary>
    public static (string Oid, string? Parameter) PublicKeyAlgorithm(byte[] spki)
    {
        try
        {
            var reader = new AsnReader(spki, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var result = ReadAlgorithmIdentifier(sequence);
            sequence.ReadBitString(out _);
            sequence.ThrowIfNotEmpty();
            return result;
        }
        catch (AsnContentException exception)
        {
            throw new KeyFormatException("malformed SubjectPublicKeyInfo", "SubjectPublicKeyInfo DER", exception);
        }
    }

    public static void CheckAlgorithm(Algorithm algorithm, (string Oid, string? Parameter) found, string location)
    {
        if (found.Oid != algorithm.KeyAlgorithmOid)
        {
            var known = Algorithm.All.FirstOrDefault(a => a.KeyAlgorithmOid == found.Oid);
            throw known is null
                ? new UnsupportedAlgorithmException(found.Oid, location)
                : new KeyFormatException($"the blob holds a {known.Name} key, not a {algorithm.Name} key", location);
        }

        if (algorithm is EcdsaSignatureAlgorithm ec && found.Parameter != ec.CurveOid)
        {
            throw new KeyFormatException($"the blob holds an EC key on curve {found.Parameter ?? "(none)"}, not on {ec.CurveName}", location);
        }
    }

    /// <summary>Builds a SubjectPublicKeyInfo with an absent-parameters AlgorithmIdentifier (as ML-DSA, ML-KEM and composites use).</summary>
    public static byte[] WriteSubjectPublicKeyInfo(string oid, ReadOnlySpan<byte> publicKey)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(oid);
            }

            writer.WriteBitString(publicKey);
        }

        return writer.Encode();
    }

    /// <summary>Builds a version-0 PKCS#8 PrivateKeyInfo whose privateKey OCTET STRING holds <paramref name="privateKey"/>.</summary>
    public static byte[] WritePrivateKeyInfo(string oid, ReadOnlySpan<byte> privateKey)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(oid);
            }

            writer.WriteOctetString(privateKey);
        }

        return writer.Encode();
    }

    /// <summary>The content of the privateKey OCTET STRING of a PKCS#8 PrivateKeyInfo.</summary>
    public static byte[] ReadPrivateKeyOctets(byte[] pkcs8)
    {
        try
        {
            var sequence = new AsnReader(pkcs8, AsnEncodingRules.DER).ReadSequence();
            sequence.ReadInteger();
            sequence.ReadSequence();
            return sequence.ReadOctetString();
        }
        catch (AsnContentException exception)
        {
            throw new KeyFormatException("malformed PKCS#8 private key", "PKCS#8 DER", exception);
        }
    }

    /// <summary>The content of the subjectPublicKey BIT STRING of a SubjectPublicKeyInfo.</summary>
    public static byte[] ReadSubjectPublicKey(byte[] spki)
    {
        try
        {
            var sequence = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence();
            sequence.ReadSequence();
            return sequence.ReadBitString(out _);
        }
        catch (AsnContentException exception)
        {
            throw new KeyFormatException("malformed SubjectPublicKeyInfo", "SubjectPublicKeyInfo DER", exception);
        }
    }

    private static (string Oid, string? Parameter) ReadAlgorithmIdentifier(AsnReader outer)
    {
        var algorithmIdentifier = outer.ReadSequence();
        var oid = algorithmIdentifier.ReadObjectIdentifier();
        string? parameter = null;
        if (algorithmIdentifier.HasData && algorithmIdentifier.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
        {
            parameter = algorithmIdentifier.ReadObjectIdentifier();
        }

        return (oid, parameter);
    }

    private static byte[] Decrypt(byte[] der, ReadOnlySpan<char> password)
    {
        try
        {
            // Structure first, so that a damaged blob is reported as such and not as a wrong password.
            var sequence = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            sequence.ReadSequence();
            sequence.ReadOctetString();
        }
        catch (AsnContentException exception)
        {
            throw new KeyFormatException("malformed EncryptedPrivateKeyInfo", "encrypted PKCS#8", exception);
        }

        try
        {
            var info = Pkcs8PrivateKeyInfo.DecryptAndDecode(password, der, out _);
            return info.Encode();
        }
        catch (CryptographicException exception)
        {
            throw new WrongPasswordException("encrypted PKCS#8", exception);
        }
    }

    private static byte[] FromPem(ReadOnlySpan<byte> blob, string label)
    {
        var text = Encoding.ASCII.GetString(blob);
        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw new KeyFormatException($"no PEM block found (expected '-----BEGIN {label}-----')", "PEM");
        }

        var found = text[fields.Label];
        if (found != label)
        {
            throw new KeyFormatException($"PEM label is '{found}', expected '{label}'", "PEM label");
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(text.AsSpan(fields.Base64Data), der, out var written))
        {
            throw new KeyFormatException("PEM body is not valid base64", "PEM body");
        }

        return der.AsSpan(0, written).ToArray();
    }

    private static byte[] ToPem(string label, byte[] der) => Encoding.ASCII.GetBytes(PemEncoding.WriteString(label, der) + "\n");
}
