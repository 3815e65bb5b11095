using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace SecurityKit.Pseudonymization.Fpe;

/// <summary>
/// FF3-1 format-preserving encryption, NIST SP 800-38G Rev. 1 §6.3 (Algorithms 9 and 10), with AES-128, -192 or -256
/// and the 56-bit tweak of Revision 1.
/// </summary>
/// <remarks>
/// Limits (§5.2): radix 2..2^16 (2..36 for numeral strings); radix^minlen ≥ 1,000,000 with minlen ≥ 2;
/// maxlen = 2·⌊log_radix(2^96)⌋, so each half fits the 96-bit field of P and every round works on 128-bit integers:
/// eight AES blocks per operation and no allocation.
/// </remarks>
public sealed class Ff31 : IDisposable
{
    /// <summary>The tweak length: 56 bits (SP 800-38G Rev. 1 §6.3).</summary>
    public const int TweakLength = 7;

    private const int Rounds = 8;

    private readonly AesBlockCipher aes;

    /// <summary>Creates FF3-1 for a key and radix.</summary>
    /// <param name="key">AES key of 16, 24 or 32 bytes (the cipher uses REVB(K), §6.3).</param>
    /// <param name="radix">The radix, 2..65536.</param>
    public Ff31(ReadOnlySpan<byte> key, int radix)
        : this(key, radix, useHardware: true)
    {
    }

    internal Ff31(ReadOnlySpan<byte> key, int radix, bool useHardware)
    {
        if (radix is < 2 or > 65536)
        {
            throw new FpeException(FpeError.Radix, $"FF3-1 radix must be from 2 to 65536, not {radix}", "radix");
        }

        if (key.Length is not (16 or 24 or 32))
        {
            throw new FpeException(FpeError.KeyLength, $"an AES key has 16, 24 or 32 bytes, not {key.Length}", "key");
        }

        Radix = radix;
        MinLength = FpeLimits.MinLength(radix);

        // maxlen = 2·⌊log_radix(2^96)⌋: count how many times the radix fits in 2^96.
        var limit = UInt128.One << 96;
        UInt128 power = 1;
        var k = 0;
        while (power * (uint)radix <= limit)
        {
            power *= (uint)radix;
            k++;
        }

        MaxLength = 2 * k;
        Span<byte> reversed = stackalloc byte[key.Length];
        key.CopyTo(reversed);
        reversed.Reverse();
        aes = new AesBlockCipher(reversed, useHardware);
        CryptographicOperations.ZeroMemory(reversed);
    }

    /// <summary>The radix.</summary>
    public int Radix { get; }

    /// <summary>minlen: radix^minlen ≥ 1,000,000, minlen ≥ 2.</summary>
    public int MinLength { get; }

    /// <summary>maxlen = 2·⌊log_radix(2^96)⌋.</summary>
    public int MaxLength { get; }

    internal bool UsesHardwareAes => aes.UsesHardware;

    /// <summary>Encrypts a numeral string over 0-9a-z (radix ≤ 36).</summary>
    /// <param name="numerals">The plaintext.</param>
    /// <param name="tweak">The 7-byte tweak.</param>
    /// <returns>The ciphertext, same length.</returns>
    public string Encrypt(string numerals, ReadOnlySpan<byte> tweak) => Transform(numerals, tweak, encrypt: true);

    /// <summary>Decrypts a numeral string over 0-9a-z (radix ≤ 36).</summary>
    /// <param name="numerals">The ciphertext.</param>
    /// <param name="tweak">The 7-byte tweak.</param>
    /// <returns>The plaintext.</returns>
    public string Decrypt(string numerals, ReadOnlySpan<byte> tweak) => Transform(numerals, tweak, encrypt: false);

    /// <summary>FF3-1.Encrypt(K, T, X) on numerals.</summary>
    /// <param name="numerals">X.</param>
    /// <param name="tweak">T, 7 bytes.</param>
    /// <param name="destination">Receives Y (may be the same memory as X).</param>
    public void Encrypt(ReadOnlySpan<ushort> numerals, ReadOnlySpan<byte> tweak, Span<ushort> destination) =>
        Process(numerals, tweak, destination, encrypt: true);

    /// <summary>FF3-1.Decrypt(K, T, Y) on numerals.</summary>
    /// <param name="numerals">Y.</param>
    /// <param name="tweak">T, 7 bytes.</param>
    /// <param name="destination">Receives X (may be the same memory as Y).</param>
    public void Decrypt(ReadOnlySpan<ushort> numerals, ReadOnlySpan<byte> tweak, Span<ushort> destination) =>
        Process(numerals, tweak, destination, encrypt: false);

    /// <summary>Zeroes the key schedule.</summary>
    public void Dispose() => aes.Dispose();

    private string Transform(string text, ReadOnlySpan<byte> tweak, bool encrypt)
    {
        ArgumentNullException.ThrowIfNull(text);
        NumeralString.CheckRadix(Radix);
        CheckLength(text.Length);
        Span<ushort> numerals = stackalloc ushort[text.Length];
        NumeralString.Parse(text, Radix, numerals);
        Process(numerals, tweak, numerals, encrypt);
        Span<char> chars = stackalloc char[text.Length];
        NumeralString.Format(numerals, chars);
        return new string(chars);
    }

    private void CheckLength(int n)
    {
        if (n < MinLength)
        {
            throw new FpeException(FpeError.TooShort, $"FF3-1 with radix {Radix} needs at least {MinLength} numerals (radix^minlen ≥ 1,000,000), got {n}", "input length");
        }

        if (n > MaxLength)
        {
            throw new FpeException(FpeError.TooLong, $"FF3-1 with radix {Radix} takes at most {MaxLength} numerals (2·⌊log_radix(2^96)⌋), got {n}", "input length");
        }
    }

    private void Process(ReadOnlySpan<ushort> x, ReadOnlySpan<byte> tweak, Span<ushort> y, bool encrypt)
    {
        CheckLength(x.Length);
        if (tweak.Length != TweakLength)
        {
            throw new FpeException(FpeError.TweakLength, $"the FF3-1 tweak has 56 bits (7 bytes), got {tweak.Length} bytes", "tweak");
        }

        if (y.Length != x.Length)
        {
            throw new ArgumentException("the destination must be as long as the input", nameof(y));
        }

        NumeralString.CheckBelowRadix(x, Radix);

        // §6.3 steps 1–3: u = ⌈n/2⌉, v = n − u; TL = T[0..27] || 0^4, TR = T[32..55] || T[28..31] || 0^4.
        var n = x.Length;
        var u = (n + 1) / 2;
        var v = n - u;
        var tl = ((uint)tweak[0] << 24) | ((uint)tweak[1] << 16) | ((uint)tweak[2] << 8) | (uint)(tweak[3] & 0xF0);
        var tr = ((uint)tweak[4] << 24) | ((uint)tweak[5] << 16) | ((uint)tweak[6] << 8) | (uint)((tweak[3] & 0x0F) << 4);
        UInt128 powU = 1, powV = 1;
        for (var i = 0; i < u; i++)
        {
            powU *= (uint)Radix;
            if (i < v)
            {
                powV *= (uint)Radix;
            }
        }

        // Halves as NUM_radix(REV(X)): the first numeral is the least significant.
        var a = NumReversed(x[..u]);
        var b = NumReversed(x[u..]);
        if (encrypt)
        {
            for (var i = 0; i < Rounds; i++)
            {
                var even = (i & 1) == 0;
                var m = even ? powU : powV;
                var r = Round(even ? tr : tl, i, b) % m;
                var c = a + r;
                if (c >= m)
                {
                    c -= m;
                }

                a = b;
                b = c;
            }
        }
        else
        {
            for (var i = Rounds - 1; i >= 0; i--)
            {
                var even = (i & 1) == 0;
                var m = even ? powU : powV;
                var r = Round(even ? tr : tl, i, a) % m;
                var c = b >= r ? b - r : b + m - r;
                b = a;
                a = c;
            }
        }

        StrReversed(a, y[..u]);
        StrReversed(b, y[u..]);
    }

    /// <summary>
    /// y = NUM(REVB(CIPH_REVB(K)(REVB(P)))) with P = W ⊕ [i]^4 || [NUM_radix(REV(half))]^12 (§6.3 steps 4.ii–iv).
    /// REVB(P) as a vector is P's 128-bit value in little-endian byte order, and NUM(REVB(S')) reads S' little-endian.
    /// </summary>
    private UInt128 Round(uint w, int i, UInt128 half)
    {
        var p = ((UInt128)(w ^ (uint)i) << 96) | half;
        var s = aes.Encrypt(Vector128.Create((ulong)p, (ulong)(p >> 64)).AsByte()).AsUInt64();
        return ((UInt128)s.GetElement(1) << 64) | s.GetElement(0);
    }

    private UInt128 NumReversed(ReadOnlySpan<ushort> numerals)
    {
        UInt128 value = 0;
        for (var i = numerals.Length - 1; i >= 0; i--)
        {
            value = (value * (uint)Radix) + numerals[i];
        }

        return value;
    }

    private void StrReversed(UInt128 value, Span<ushort> numerals)
    {
        for (var i = 0; i < numerals.Length; i++)
        {
            var (quotient, remainder) = UInt128.DivRem(value, (uint)Radix);
            numerals[i] = (ushort)remainder;
            value = quotient;
        }
    }
}
