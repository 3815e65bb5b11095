using System.Security.Cryptography;
using System.Text;

namespace SecurityKit.Signing.Pdf;

/// <summary>
/// The standard security handler of ISO 32000-1 §7.6.3 (revisions 2–4: RC4 and AES-128) and ISO 32000-2 §7.6.4.3
/// (revision 6: AES-256; revision 5, Adobe's deprecated extension level 3, too): authenticates a user or owner password,
/// derives the file key, and encrypts or decrypts strings and streams with the per-object key (Algorithm 1) or, for
/// AES-256, the file key itself.
/// </summary>
/// <remarks>
/// Written by hand: no maintained .NET library writes an incremental update into an encrypted PDF (PdfPig decrypts
/// when reading but exposes no offsets and writes nothing; PDFsharp rewrites the whole file), and the update's new
/// strings and streams must be encrypted with the keys of the objects they belong to. The primitives are those of
/// System.Security.Cryptography (MD5, SHA-256/384/512, AES); RC4, which .NET does not offer, is <see cref="Rc4"/>.
/// </remarks>
internal sealed class PdfStandardSecurityHandler
{
    // ISO 32000-1 §7.6.3.3 Algorithm 2 step (a): the 32-byte padding string.
    private static readonly byte[] Padding =
    [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ];

    private readonly byte[] fileKey;
    private readonly PdfCipher stringCipher;
    private readonly PdfCipher streamCipher;

    private PdfStandardSecurityHandler(byte[] fileKey, int revision, long permissions, bool owner, bool encryptMetadata, PdfCipher strings, PdfCipher streams, string description)
    {
        this.fileKey = fileKey;
        Revision = revision;
        Permissions = permissions;
        AuthenticatedAsOwner = owner;
        EncryptMetadata = encryptMetadata;
        stringCipher = strings;
        streamCipher = streams;
        Description = description;
    }

    /// <summary>The handler's revision /R (2 to 6).</summary>
    public int Revision { get; }

    /// <summary>The /P permission flags (ISO 32000-1 §7.6.3.2 table 22).</summary>
    public long Permissions { get; }

    /// <summary>Whether the password given was the owner password (all permissions).</summary>
    public bool AuthenticatedAsOwner { get; }

    /// <summary>/EncryptMetadata (V4 and later): false leaves the XMP metadata stream in clear.</summary>
    public bool EncryptMetadata { get; }

    /// <summary>E.g. <c>standard security handler R6, AES-256</c>.</summary>
    public string Description { get; }

    /// <summary>
    /// Authenticates <paramref name="password"/> as the owner password, then as the user password (Algorithms 6 and 7,
    /// or 2.A for R5/R6), and returns the handler with the file key.
    /// </summary>
    /// <exception cref="PdfEncryptedException">An unsupported handler (public-key, unknown /V or /R or crypt method).</exception>
    /// <exception cref="PdfPasswordException">The password is neither the user nor the owner password.</exception>
    public static PdfStandardSecurityHandler Open(PdfDocument document, PdfDictionary encrypt, byte[] firstId, string password)
    {
        var description = PdfEncryptedException.Describe(document, encrypt);
        if (encrypt.NameOf("Filter") != "Standard")
        {
            throw new PdfEncryptedException(description, "only the standard (password) security handler is supported");
        }

        long Number(string key, long fallback) => document.Resolve(encrypt[key]) is PdfNumber n && n.IsInteger ? n.AsLong() : fallback;
        byte[] Bytes(string key) => (document.Resolve(encrypt[key]) as PdfString)?.Bytes
            ?? throw new PdfFormatException($"the /Encrypt dictionary has no /{key} string", "trailer /Encrypt");
        var v = (int)Number("V", 0);
        var r = (int)Number("R", 0);
        var p = Number("P", -1);
        var encryptMetadata = document.Resolve(encrypt["EncryptMetadata"]) is not PdfBoolean { Value: false };
        var (strings, streams) = Ciphers(document, encrypt, v, description);
        var o = Bytes("O");
        var u = Bytes("U");
        switch (r)
        {
            case 2 or 3 or 4 when v is 1 or 2 or 3 or 4:
            {
                // ISO 32000-1 §7.6.3.3 Algorithm 2: R2 uses a 40-bit key; R3/R4 /Length bits (V4: 128).
                var length = r == 2 ? 5 : (int)Math.Clamp(Number("Length", v == 4 ? 128 : 40) / 8, 5, 16);
                if (o.Length < 32 || u.Length < 32)
                {
                    throw new PdfFormatException("/O or /U of the /Encrypt dictionary is shorter than 32 bytes", "trailer /Encrypt");
                }

                var passwordBytes = Latin1(password);
                var ownerKey = OwnerKeyR4(passwordBytes, o, r, length);
                if (AuthenticateUserR4(ownerKey, o, p, firstId, r, length, encryptMetadata, u) is { } ownerFileKey)
                {
                    return new PdfStandardSecurityHandler(ownerFileKey, r, p, owner: true, encryptMetadata, strings, streams, description);
                }

                if (AuthenticateUserR4(passwordBytes, o, p, firstId, r, length, encryptMetadata, u) is { } userFileKey)
                {
                    return new PdfStandardSecurityHandler(userFileKey, r, p, owner: false, encryptMetadata, strings, streams, description);
                }

                break;
            }

            case 5 or 6 when v == 5:
            {
                // ISO 32000-2 §7.6.4.3.3 Algorithm 2.A: owner first (its hash also covers /U), then user.
                var oe = Bytes("OE");
                var ue = Bytes("UE");
                if (o.Length < 48 || u.Length < 48 || oe.Length < 32 || ue.Length < 32)
                {
                    throw new PdfFormatException("/O, /U, /OE or /UE of the /Encrypt dictionary is too short", "trailer /Encrypt");
                }

                var passwordBytes = Utf8Password(password);
                var userData = u.AsSpan(0, 48).ToArray();
                byte[]? key = null;
                var owner = false;
                if (Hash(r, passwordBytes, o.AsSpan(32, 8), userData).AsSpan().SequenceEqual(o.AsSpan(0, 32)))
                {
                    key = UnwrapFileKey(Hash(r, passwordBytes, o.AsSpan(40, 8), userData), oe);
                    owner = true;
                }
                else if (Hash(r, passwordBytes, u.AsSpan(32, 8), []).AsSpan().SequenceEqual(u.AsSpan(0, 32)))
                {
                    key = UnwrapFileKey(Hash(r, passwordBytes, u.AsSpan(40, 8), []), ue);
                }

                if (key is not null)
                {
                    CheckPerms(document, encrypt, key, p);
                    return new PdfStandardSecurityHandler(key, r, p, owner, encryptMetadata, strings, streams, description);
                }

                break;
            }

            default:
                throw new PdfEncryptedException(description, $"standard security handler revision {r} with /V {v} is not supported");
        }

        throw new PdfPasswordException(description);
    }

    /// <summary>Decrypts a string of object <paramref name="number"/> (§7.6.2).</summary>
    public byte[] DecryptString(byte[] data, int number, int generation) => Decrypt(stringCipher, data, number, generation, "string");

    /// <summary>Decrypts the data of stream object <paramref name="number"/> (§7.6.2).</summary>
    public byte[] DecryptStream(byte[] data, int number, int generation) => Decrypt(streamCipher, data, number, generation, "stream");

    /// <summary>Encrypts a string of object <paramref name="number"/> (§7.6.2).</summary>
    public byte[] EncryptString(byte[] data, int number, int generation) => Encrypt(stringCipher, data, number, generation);

    /// <summary>Encrypts the data of stream object <paramref name="number"/> (§7.6.2).</summary>
    public byte[] EncryptStream(byte[] data, int number, int generation) => Encrypt(streamCipher, data, number, generation);

    private byte[] Decrypt(PdfCipher cipher, byte[] data, int number, int generation, string what)
    {
        switch (cipher)
        {
            case PdfCipher.Identity:
                return data;
            case PdfCipher.Rc4:
                return Rc4.Apply(ObjectKey(number, generation, aes: false), data);
            default:
            {
                if (data.Length == 0)
                {
                    return data;
                }

                // §7.6.2: AES data is a 16-byte initialisation vector followed by CBC blocks padded as PKCS#5.
                if (data.Length < 32 || data.Length % 16 != 0)
                {
                    throw new PdfFormatException($"an AES-encrypted {what} is not a whole number of blocks", $"object {number}");
                }

                using var aes = Aes.Create();
                aes.Key = cipher == PdfCipher.AesV3 ? fileKey : ObjectKey(number, generation, aes: true);
                try
                {
                    return aes.DecryptCbc(data.AsSpan(16), data.AsSpan(0, 16), PaddingMode.PKCS7);
                }
                catch (CryptographicException)
                {
                    throw new PdfFormatException($"an AES-encrypted {what} does not decrypt (damaged data)", $"object {number}");
                }
            }
        }
    }

    private byte[] Encrypt(PdfCipher cipher, byte[] data, int number, int generation)
    {
        switch (cipher)
        {
            case PdfCipher.Identity:
                return data;
            case PdfCipher.Rc4:
                return Rc4.Apply(ObjectKey(number, generation, aes: false), data);
            default:
            {
                using var aes = Aes.Create();
                aes.Key = cipher == PdfCipher.AesV3 ? fileKey : ObjectKey(number, generation, aes: true);
                var iv = RandomNumberGenerator.GetBytes(16);
                return [.. iv, .. aes.EncryptCbc(data, iv, PaddingMode.PKCS7)];
            }
        }
    }

    // ISO 32000-1 §7.6.2 Algorithm 1: MD5(file key, object number low 3 bytes, generation low 2 bytes[, "sAlT"]),
    // truncated to n + 5 bytes (at most 16).
    private byte[] ObjectKey(int number, int generation, bool aes)
    {
        Span<byte> input = stackalloc byte[fileKey.Length + 9];
        fileKey.CopyTo(input);
        var at = fileKey.Length;
        input[at++] = (byte)number;
        input[at++] = (byte)(number >> 8);
        input[at++] = (byte)(number >> 16);
        input[at++] = (byte)generation;
        input[at++] = (byte)(generation >> 8);
        if (aes)
        {
            "sAlT"u8.CopyTo(input[at..]);
            at += 4;
        }

#pragma warning disable CA5351 // MD5 is what ISO 32000-1 Algorithm 1 prescribes for the object key
        var hash = MD5.HashData(input[..at]);
#pragma warning restore CA5351
        return hash[..Math.Min(fileKey.Length + 5, 16)];
    }

    // ISO 32000-1 §7.6.5 (crypt filters, V4) and ISO 32000-2 §7.6.4.2 (V5): /StrF and /StmF name entries of /CF.
    private static (PdfCipher Strings, PdfCipher Streams) Ciphers(PdfDocument document, PdfDictionary encrypt, int v, string description)
    {
        if (v < 4)
        {
            return (PdfCipher.Rc4, PdfCipher.Rc4);
        }

        var filters = document.ResolveDictionary(encrypt["CF"]);
        PdfCipher Of(string key)
        {
            var name = encrypt.NameOf(key) ?? "Identity";
            if (name == "Identity")
            {
                return PdfCipher.Identity;
            }

            return document.ResolveDictionary(filters?[name])?.NameOf("CFM") switch
            {
                "V2" => PdfCipher.Rc4,
                "AESV2" => PdfCipher.AesV2,
                "AESV3" => PdfCipher.AesV3,
                null or "None" => PdfCipher.Identity,
                var other => throw new PdfEncryptedException(description, $"crypt method /{other} is not supported"),
            };
        }

        return (Of("StrF"), Of("StmF"));
    }

    // Algorithm 2 (file key) followed by Algorithm 4 (R2) or 5 (R3/R4) to check /U: the key when the password is the
    // user password, else null.
    private static byte[]? AuthenticateUserR4(byte[] password, byte[] o, long p, byte[] firstId, int r, int length, bool encryptMetadata, byte[] u)
    {
#pragma warning disable CA5351 // MD5 and RC4 are what ISO 32000-1 §7.6.3.3 prescribes for revisions 2-4
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(Pad(password));
        md5.AppendData(o, 0, 32);
        md5.AppendData([(byte)p, (byte)(p >> 8), (byte)(p >> 16), (byte)(p >> 24)]);
        md5.AppendData(firstId);
        if (r >= 4 && !encryptMetadata)
        {
            md5.AppendData([0xFF, 0xFF, 0xFF, 0xFF]);
        }

        var hash = md5.GetHashAndReset();
        if (r >= 3)
        {
            for (var i = 0; i < 50; i++)
            {
                hash = MD5.HashData(hash.AsSpan(0, length));
            }
        }

        var key = hash[..length];
        bool matches;
        if (r == 2)
        {
            matches = Rc4.Apply(key, Padding).AsSpan().SequenceEqual(u.AsSpan(0, 32));
        }
        else
        {
            var check = MD5.HashData([.. Padding, .. firstId]);
            check = Rc4.Apply(key, check);
            for (var i = 1; i <= 19; i++)
            {
                check = Rc4.Apply(XorKey(key, i), check);
            }

            matches = check.AsSpan().SequenceEqual(u.AsSpan(0, 16));
        }
#pragma warning restore CA5351

        return matches ? key : null;
    }

    // Algorithm 7 (and Algorithm 3 steps a-d): the user password that the owner password unlocks from /O.
    private static byte[] OwnerKeyR4(byte[] ownerPassword, byte[] o, int r, int length)
    {
#pragma warning disable CA5351 // MD5 as ISO 32000-1 Algorithm 3 prescribes
        var hash = MD5.HashData(Pad(ownerPassword));
        if (r >= 3)
        {
            for (var i = 0; i < 50; i++)
            {
                hash = MD5.HashData(hash);
            }
        }
#pragma warning restore CA5351

        var key = hash[..length];
        var user = o[..32];
        if (r == 2)
        {
            return Rc4.Apply(key, user);
        }

        for (var i = 19; i >= 0; i--)
        {
            user = Rc4.Apply(XorKey(key, i), user);
        }

        return user;
    }

    private static byte[] XorKey(byte[] key, int value)
    {
        var result = new byte[key.Length];
        for (var i = 0; i < key.Length; i++)
        {
            result[i] = (byte)(key[i] ^ value);
        }

        return result;
    }

    private static byte[] Pad(byte[] password)
    {
        var padded = new byte[32];
        var n = Math.Min(32, password.Length);
        password.AsSpan(0, n).CopyTo(padded);
        Padding.AsSpan(0, 32 - n).CopyTo(padded.AsSpan(n));
        return padded;
    }

    // Revisions 2-4 take the password in PDFDocEncoding, which agrees with Latin-1 on the printable characters.
    private static byte[] Latin1(string password) =>
        [.. password.Select(c => c <= '\u00FF' ? (byte)c : (byte)'?')];

    // ISO 32000-2 §7.6.4.3.3: the password is processed by SASLprep (RFC 4013), then UTF-8, at most 127 bytes. SASLprep
    // is approximated by Unicode NFKC normalisation (its mapping and normalisation steps for ordinary text).
    private static byte[] Utf8Password(string password)
    {
        var bytes = Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormKC));
        return bytes.Length > 127 ? bytes[..127] : bytes;
    }

    // ISO 32000-2 §7.6.4.3.4 Algorithm 2.B (R6); R5 is a single SHA-256.
    private static byte[] Hash(int revision, byte[] password, ReadOnlySpan<byte> salt, byte[] userData)
    {
        var k = SHA256.HashData([.. password, .. salt, .. userData]);
        if (revision == 5)
        {
            return k;
        }

        using var aes = Aes.Create();
        byte[] e = [0];
        for (var round = 0; round < 64 || e[^1] > round - 32; round++)
        {
            byte[] block = [.. password, .. k, .. userData];
            var k1 = new byte[block.Length * 64];
            for (var i = 0; i < 64; i++)
            {
                block.CopyTo(k1, i * block.Length);
            }

            aes.Key = k[..16];
            e = aes.EncryptCbc(k1, k.AsSpan(16, 16), PaddingMode.None);
            var sum = 0;
            for (var i = 0; i < 16; i++)
            {
                sum += e[i];
            }

            // The first 16 bytes of E as a big-endian number modulo 3 equal the sum of its bytes modulo 3 (256 ≡ 1).
            k = (sum % 3) switch
            {
                0 => SHA256.HashData(e),
                1 => SHA384.HashData(e),
                _ => SHA512.HashData(e),
            };
        }

        return k[..32];
    }

    private static byte[] UnwrapFileKey(byte[] intermediate, byte[] wrapped)
    {
        // Algorithm 2.A steps (d)/(e): AES-256 in CBC mode without padding, zero IV, over /OE or /UE.
        using var aes = Aes.Create();
        aes.Key = intermediate;
        return aes.DecryptCbc(wrapped.AsSpan(0, 32), new byte[16], PaddingMode.None);
    }

    // Algorithm 2.A step (f): /Perms decrypted with the file key (AES-256 ECB) holds /P and "adb"; a mismatch means
    // the /Encrypt dictionary was tampered with.
    private static void CheckPerms(PdfDocument document, PdfDictionary encrypt, byte[] key, long p)
    {
        if (document.Resolve(encrypt["Perms"]) is not PdfString { Bytes.Length: >= 16 } perms)
        {
            return;
        }

        using var aes = Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptEcb(perms.Bytes.AsSpan(0, 16), PaddingMode.None);
        var flags = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(plain);
        if (plain[9] != 'a' || plain[10] != 'd' || plain[11] != 'b' || flags != (uint)p)
        {
            throw new PdfFormatException("the /Perms entry does not match /P (the /Encrypt dictionary was altered)", "trailer /Encrypt /Perms");
        }
    }
}
