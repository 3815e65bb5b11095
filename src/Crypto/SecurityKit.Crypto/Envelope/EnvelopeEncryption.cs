using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SecurityKit.Crypto;

/// <summary>
/// Envelope encryption for files and records: a fresh secret from a KEM (ML-KEM, X-Wing, X25519 DHKEM), a key
/// schedule with HKDF-SHA256 (RFC 5869) and AES-256-GCM (SP 800-38D) over fixed-size chunks, so that files of any
/// size stream through constant memory. Chunks follow the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár,
/// "Online Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015): nonce = prefix (7 bytes)
/// || chunk counter (4 bytes, big-endian) || final flag (1 byte), which rejects reordered, dropped, duplicated and
/// truncated chunks.
/// </summary>
/// <remarks>
/// Format, version 1 (all integers big-endian):
/// <code>
/// offset   size  field
/// 0        4     magic "SKE1"
/// 4        1     version = 1
/// 5        1     n = length of the KEM algorithm OID
/// 6        n     KEM algorithm OID, ASCII dotted form
/// 6+n      4     chunk size c (plaintext bytes per chunk, 1 KiB to 16 MiB)
/// 10+n     2     m = KEM ciphertext length
/// 12+n     m     KEM ciphertext
/// 12+n+m   32    HKDF salt (random)
/// then     ...   chunks: AES-256-GCM(ciphertext || 16-byte tag); every chunk but the last has exactly c plaintext
///                bytes; the last has 0 to c-1 bytes (an empty last chunk follows a multiple of c).
/// key schedule: okm = HKDF-SHA256(ikm = KEM shared secret, salt, info = "SecurityKit envelope v1" || SHA-256(header)
///               || associated data); key = okm[0..32], nonce prefix = okm[32..39]. Each chunk's AAD = SHA-256(header).
/// </code>
/// Decryption releases a chunk only after its tag verifies, and reports truncation at the end; the file helpers
/// write to a temporary file and move it into place only when the whole envelope verified.
/// </remarks>
public static class EnvelopeEncryption
{
    /// <summary>Default plaintext bytes per chunk (64 KiB).</summary>
    public const int DefaultChunkSize = 64 * 1024;

    private const int TagSize = 16;
    private const int SaltSize = 32;
    private static readonly byte[] Magic = "SKE1"u8.ToArray();
    private static readonly byte[] Info = Encoding.ASCII.GetBytes("SecurityKit envelope v1");

    /// <summary>Encrypts a record for <paramref name="recipient"/>.</summary>
    /// <param name="recipient">A KEM public key.</param>
    /// <param name="plaintext">The record.</param>
    /// <param name="associatedData">Data bound to the envelope but not encrypted (e.g. a record id); must be given again to decrypt.</param>
    /// <returns>The envelope.</returns>
    public static byte[] Seal(PublicKey recipient, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        using var input = new MemoryStream(plaintext.ToArray(), writable: false);
        using var output = new MemoryStream();
        Encrypt(recipient, input, output, associatedData);
        return output.ToArray();
    }

    /// <summary>Decrypts a record sealed by <see cref="Seal"/>.</summary>
    /// <param name="key">The recipient's KEM private key.</param>
    /// <param name="envelope">The envelope.</param>
    /// <param name="associatedData">The associated data given when sealing.</param>
    /// <returns>The plaintext.</returns>
    public static byte[] Open(Key key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData = default)
    {
        using var input = new MemoryStream(envelope.ToArray(), writable: false);
        using var output = new MemoryStream();
        Decrypt(key, input, output, associatedData);
        return output.ToArray();
    }

    /// <summary>Encrypts <paramref name="input"/> to <paramref name="output"/> in chunks.</summary>
    /// <param name="recipient">A KEM public key.</param>
    /// <param name="input">The plaintext stream.</param>
    /// <param name="output">Receives the envelope.</param>
    /// <param name="associatedData">Data bound to the envelope.</param>
    /// <param name="chunkSize">Plaintext bytes per chunk.</param>
    public static void Encrypt(PublicKey recipient, Stream input, Stream output, ReadOnlySpan<byte> associatedData = default, int chunkSize = DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkSize, 16 * 1024 * 1024);
        if (recipient.Algorithm is not KeyEncapsulationAlgorithm kem)
        {
            throw new KeyAlgorithmMismatchException("a key-encapsulation algorithm", recipient.Algorithm.Name);
        }

        var (kemCiphertext, secret) = kem.Encapsulate(recipient);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var header = Header(kem.Oid, chunkSize, kemCiphertext, salt);
        output.Write(header);
        using var schedule = new KeySchedule(secret, salt, header, associatedData);
        CryptographicOperations.ZeroMemory(secret);

        var plain = new byte[chunkSize];
        var sealedChunk = new byte[chunkSize + TagSize];
        uint counter = 0;
        try
        {
            while (true)
            {
                var read = input.ReadAtLeast(plain, chunkSize, throwOnEndOfStream: false);
                var final = read < chunkSize;
                schedule.Seal(counter, final, plain.AsSpan(0, read), sealedChunk.AsSpan(0, read + TagSize));
                output.Write(sealedChunk, 0, read + TagSize);
                if (final)
                {
                    return;
                }

                counter = checked(counter + 1);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Decrypts an envelope from <paramref name="input"/> to <paramref name="output"/>.</summary>
    /// <param name="key">The recipient's KEM private key.</param>
    /// <param name="input">The envelope.</param>
    /// <param name="output">Receives the plaintext; on error it may hold a verified prefix, which the caller must discard.</param>
    /// <param name="associatedData">The associated data given when encrypting.</param>
    /// <exception cref="EnvelopeFormatException">The envelope is malformed, truncated, modified, or the associated data differs.</exception>
    public static void Decrypt(Key key, Stream input, Stream output, ReadOnlySpan<byte> associatedData = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var (header, oid, chunkSize, kemCiphertext, salt) = ReadHeader(input);
        if (key.Algorithm is not KeyEncapsulationAlgorithm kem || kem.Oid != oid)
        {
            var named = Algorithm.TryFromName(oid, out var algorithm) ? algorithm.Name : oid;
            throw new KeyAlgorithmMismatchException(named, key.Algorithm.Name);
        }

        if (kemCiphertext.Length != kem.CiphertextSize)
        {
            throw new EnvelopeFormatException($"the KEM ciphertext has {kemCiphertext.Length} bytes, {kem.Name} needs {kem.CiphertextSize}", "envelope header");
        }

        var secret = kem.Decapsulate(key, kemCiphertext);
        using var schedule = new KeySchedule(secret, salt, header, associatedData);
        CryptographicOperations.ZeroMemory(secret);

        var sealedChunk = new byte[chunkSize + TagSize];
        var plain = new byte[chunkSize];
        long offset = header.Length;
        uint counter = 0;
        try
        {
            while (true)
            {
                var read = input.ReadAtLeast(sealedChunk, sealedChunk.Length, throwOnEndOfStream: false);
                if (read < TagSize)
                {
                    throw new EnvelopeFormatException("the envelope is truncated (final chunk missing)", $"byte {offset}");
                }

                var final = read < sealedChunk.Length;
                if (!schedule.Open(counter, final, sealedChunk.AsSpan(0, read), plain.AsSpan(0, read - TagSize)))
                {
                    throw new EnvelopeFormatException(
                        final ? "the last chunk does not authenticate (modified, truncated, or other associated data)" : "a chunk does not authenticate (modified, reordered, or other associated data)",
                        $"chunk {counter} at byte {offset}");
                }

                output.Write(plain, 0, read - TagSize);
                offset += read;
                if (final)
                {
                    return;
                }

                counter = checked(counter + 1);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Encrypts a file; the output appears only when complete.</summary>
    /// <param name="recipient">A KEM public key.</param>
    /// <param name="inputPath">The plaintext file.</param>
    /// <param name="outputPath">The envelope file.</param>
    public static void EncryptFile(PublicKey recipient, string inputPath, string outputPath)
    {
        using var input = File.OpenRead(inputPath);
        WriteAtomically(outputPath, output => Encrypt(recipient, input, output));
    }

    /// <summary>Decrypts a file; the output appears only when the whole envelope verified.</summary>
    /// <param name="key">The recipient's KEM private key.</param>
    /// <param name="inputPath">The envelope file.</param>
    /// <param name="outputPath">The plaintext file.</param>
    public static void DecryptFile(Key key, string inputPath, string outputPath)
    {
        using var input = File.OpenRead(inputPath);
        WriteAtomically(outputPath, output => Decrypt(key, input, output));
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(output);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static byte[] Header(string oid, int chunkSize, byte[] kemCiphertext, byte[] salt)
    {
        var oidBytes = Encoding.ASCII.GetBytes(oid);
        var header = new byte[6 + oidBytes.Length + 4 + 2 + kemCiphertext.Length + SaltSize];
        Magic.CopyTo(header, 0);
        header[4] = 1;
        header[5] = checked((byte)oidBytes.Length);
        oidBytes.CopyTo(header, 6);
        var at = 6 + oidBytes.Length;
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(at), chunkSize);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(at + 4), checked((ushort)kemCiphertext.Length));
        kemCiphertext.CopyTo(header, at + 6);
        salt.CopyTo(header, at + 6 + kemCiphertext.Length);
        return header;
    }

    private static (byte[] Header, string Oid, int ChunkSize, byte[] KemCiphertext, byte[] Salt) ReadHeader(Stream input)
    {
        var fixedPart = new byte[6];
        ReadExactly(input, fixedPart, 0);
        if (!fixedPart.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new EnvelopeFormatException("not a SecurityKit envelope (magic 'SKE1' missing)", "byte 0");
        }

        if (fixedPart[4] != 1)
        {
            throw new EnvelopeFormatException($"unsupported envelope version {fixedPart[4]}", "byte 4");
        }

        var oidBytes = new byte[fixedPart[5]];
        ReadExactly(input, oidBytes, 6);
        var oid = Encoding.ASCII.GetString(oidBytes);
        var sizes = new byte[6];
        ReadExactly(input, sizes, 6 + oidBytes.Length);
        var chunkSize = BinaryPrimitives.ReadInt32BigEndian(sizes);
        if (chunkSize < 1024 || chunkSize > 16 * 1024 * 1024)
        {
            throw new EnvelopeFormatException($"chunk size {chunkSize} is outside 1 KiB to 16 MiB", $"byte {6 + oidBytes.Length}");
        }

        var kemCiphertext = new byte[BinaryPrimitives.ReadUInt16BigEndian(sizes.AsSpan(4))];
        ReadExactly(input, kemCiphertext, 12 + oidBytes.Length);
        var salt = new byte[SaltSize];
        ReadExactly(input, salt, 12 + oidBytes.Length + kemCiphertext.Length);
        return ([.. fixedPart, .. oidBytes, .. sizes, .. kemCiphertext, .. salt], oid, chunkSize, kemCiphertext, salt);
    }

    private static void ReadExactly(Stream input, byte[] buffer, long offset)
    {
        if (input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) != buffer.Length)
        {
            throw new EnvelopeFormatException("the envelope header is truncated", $"byte {offset}");
        }
    }

    /// <summary>The AES-256-GCM key and nonce prefix of one envelope.</summary>
    private sealed class KeySchedule : IDisposable
    {
        private readonly AesGcm _aes;
        private readonly byte[] _noncePrefix = new byte[7];
        private readonly byte[] _aad;

        public KeySchedule(byte[] secret, byte[] salt, byte[] header, ReadOnlySpan<byte> associatedData)
        {
            _aad = SHA256.HashData(header);
            var okm = new byte[39];
            try
            {
                HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, okm, salt, [.. Info, .. _aad, .. associatedData]);
                _aes = new AesGcm(okm.AsSpan(0, 32), TagSize);
                okm.AsSpan(32, 7).CopyTo(_noncePrefix);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(okm);
            }
        }

        public void Seal(uint counter, bool final, ReadOnlySpan<byte> plaintext, Span<byte> sealedChunk)
        {
            Span<byte> nonce = stackalloc byte[12];
            Nonce(counter, final, nonce);
            _aes.Encrypt(nonce, plaintext, sealedChunk[..plaintext.Length], sealedChunk[plaintext.Length..], _aad);
        }

        public bool Open(uint counter, bool final, ReadOnlySpan<byte> sealedChunk, Span<byte> plaintext)
        {
            Span<byte> nonce = stackalloc byte[12];
            Nonce(counter, final, nonce);
            try
            {
                _aes.Decrypt(nonce, sealedChunk[..^TagSize], sealedChunk[^TagSize..], plaintext, _aad);
                return true;
            }
            catch (AuthenticationTagMismatchException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_noncePrefix);
        }

        private void Nonce(uint counter, bool final, Span<byte> nonce)
        {
            _noncePrefix.CopyTo(nonce);
            BinaryPrimitives.WriteUInt32BigEndian(nonce[7..], counter);
            nonce[11] = final ? (byte)1 : (byte)0;
        }
    }
}
