using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace SecurityKit.Pseudonymization.Fpe;

/// <summary>
/// The AES forward cipher CIPH_K of FIPS 197 on single 16-byte blocks, the only primitive FF1 and FF3-1 need
/// (SP 800-38G §4.3). Written here rather than taken from <see cref="System.Security.Cryptography.Aes"/> because FPE
/// makes 8–10 dependent one-block calls per operation: going through the platform API costs about a microsecond per
/// block, AES-NI through <see cref="System.Runtime.Intrinsics"/> costs a few nanoseconds. Where AES-NI is missing
/// (or a test asks for it) the platform's <see cref="System.Security.Cryptography.Aes"/> in ECB mode is used instead;
/// both give the same results (tested).
/// </summary>
internal sealed class AesBlockCipher : IDisposable
{
    private static readonly byte[] SBox = BuildSBox();

    // Round keys in the object itself (no array: no bounds checks, no indirection); the last one apart so that the
    // unrolled rounds below use constant indexes only.
    private RoundKeys roundKeys;
    private Vector128<byte> lastRoundKey;
    private readonly int rounds;
    private readonly Aes? portable;
    private bool disposed;

    /// <summary>Creates the cipher for a 16, 24 or 32-byte key.</summary>
    /// <param name="key">The AES key.</param>
    /// <param name="useHardware">Use AES-NI when the processor has it; <see langword="false"/> forces the portable path.</param>
    public AesBlockCipher(ReadOnlySpan<byte> key, bool useHardware = true)
    {
        if (key.Length is not (16 or 24 or 32))
        {
            throw new FpeException(FpeError.KeyLength, $"an AES key has 16, 24 or 32 bytes, not {key.Length}", "key");
        }

        rounds = (key.Length / 4) + 6;
        UsesHardware = useHardware && X86Aes.IsSupported;
        if (UsesHardware)
        {
            ExpandKey(key, roundKeys, rounds);
            lastRoundKey = roundKeys[rounds];
        }
        else
        {
            portable = Aes.Create();
            portable.Key = key.ToArray();
        }
    }

    /// <summary>Whether blocks are enciphered with AES-NI instructions.</summary>
    public bool UsesHardware { get; }

    /// <summary>CIPH_K(block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<byte> Encrypt(Vector128<byte> block)
    {
        if (!UsesHardware)
        {
            return EncryptPortable(block);
        }

        // FIPS 197 §5.1: AddRoundKey, Nr − 1 full rounds, a final round without MixColumns; unrolled because each
        // FF1 round is one block whose rounds depend on each other (latency-bound: the loop overhead shows).
        ref readonly var keys = ref roundKeys;
        block ^= keys[0];
        block = X86Aes.Encrypt(block, keys[1]);
        block = X86Aes.Encrypt(block, keys[2]);
        block = X86Aes.Encrypt(block, keys[3]);
        block = X86Aes.Encrypt(block, keys[4]);
        block = X86Aes.Encrypt(block, keys[5]);
        block = X86Aes.Encrypt(block, keys[6]);
        block = X86Aes.Encrypt(block, keys[7]);
        block = X86Aes.Encrypt(block, keys[8]);
        block = X86Aes.Encrypt(block, keys[9]);
        if (rounds > 10)
        {
            block = X86Aes.Encrypt(block, keys[10]);
            block = X86Aes.Encrypt(block, keys[11]);
            if (rounds > 12)
            {
                block = X86Aes.Encrypt(block, keys[12]);
                block = X86Aes.Encrypt(block, keys[13]);
            }
        }

        return X86Aes.EncryptLast(block, lastRoundKey);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Vector128<byte> EncryptPortable(Vector128<byte> block)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Span<byte> input = stackalloc byte[16];
        Span<byte> output = stackalloc byte[16];
        block.CopyTo(input);
        portable!.EncryptEcb(input, output, PaddingMode.None);
        return Vector128.Create<byte>(output);
    }

    /// <summary>Zeroes the round keys.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        ((Span<Vector128<byte>>)roundKeys).Clear();
        lastRoundKey = default;
        portable?.Dispose();
    }

    /// <summary>FIPS 197 §5.2 KeyExpansion; the round-key bytes are laid out as AES-NI expects them.</summary>
    private static void ExpandKey(ReadOnlySpan<byte> key, Span<Vector128<byte>> output, int rounds)
    {
        var nk = key.Length / 4;
        var total = 4 * (rounds + 1);
        Span<uint> w = stackalloc uint[60];
        for (var i = 0; i < nk; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(key[(4 * i)..]);
        }

        uint rcon = 0x01;
        for (var i = nk; i < total; i++)
        {
            var temp = w[i - 1];
            if (i % nk == 0)
            {
                temp = SubWord((temp << 8) | (temp >> 24)) ^ (rcon << 24);
                rcon = (rcon << 1) ^ ((rcon & 0x80) != 0 ? 0x11Bu : 0u);
            }
            else if (nk > 6 && i % nk == 4)
            {
                temp = SubWord(temp);
            }

            w[i] = w[i - nk] ^ temp;
        }

        Span<byte> block = stackalloc byte[16];
        for (var r = 0; r <= rounds; r++)
        {
            for (var j = 0; j < 4; j++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(block[(4 * j)..], w[(4 * r) + j]);
            }

            output[r] = Vector128.Create<byte>(block);
        }

        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(w));
    }

    private static uint SubWord(uint word) =>
        ((uint)SBox[word >> 24] << 24) | ((uint)SBox[(word >> 16) & 0xFF] << 16) | ((uint)SBox[(word >> 8) & 0xFF] << 8) | SBox[word & 0xFF];

    /// <summary>The S-box of FIPS 197 §5.1.1: multiplicative inverse in GF(2^8) followed by the affine map.</summary>
    private static byte[] BuildSBox()
    {
        var box = new byte[256];
        byte p = 1, q = 1;
        do
        {
            // p runs over the multiplicative group (times 3 each step), q is its inverse (divided by 3 each step).
            p = (byte)(p ^ (p << 1) ^ ((p & 0x80) != 0 ? 0x1B : 0));
            q ^= (byte)(q << 1);
            q ^= (byte)(q << 2);
            q ^= (byte)(q << 4);
            if ((q & 0x80) != 0)
            {
                q ^= 0x09;
            }

            var x = (byte)(q ^ Rotl(q, 1) ^ Rotl(q, 2) ^ Rotl(q, 3) ^ Rotl(q, 4));
            box[p] = (byte)(x ^ 0x63);
        }
        while (p != 1);
        box[0] = 0x63;
        return box;
    }

    private static byte Rotl(byte x, int shift) => (byte)((x << shift) | (x >> (8 - shift)));

    /// <summary>Room for the 15 round keys of AES-256 (AES-128 uses 11, AES-192 13).</summary>
    [InlineArray(15)]
    private struct RoundKeys
    {
        private Vector128<byte> element;
    }
}
