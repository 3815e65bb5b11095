using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SecurityKit.Pseudonymization.Fpe;

/// <summary>
/// FF1 format-preserving encryption, NIST SP 800-38G Rev. 1 §6.2 (Algorithms 7 and 8), with AES-128, -192 or -256.
/// </summary>
/// <remarks>
/// <para>Limits (§5.2): radix 2..2^16 (2..36 for numeral strings over 0-9a-z); minlen is the smallest n ≥ 2 with
/// radix^n ≥ 1,000,000; maxlen is <see cref="MaxLength"/> (an implementation choice below the standard's 2^32);
/// tweaks are 0..<see cref="MaxTweakLength"/> bytes (maxTlen, an implementation choice).</para>
/// <para>Hot path: when radix^⌈n/2⌉ ≤ 2^96 (e.g. up to 28 decimal digits) the halves are kept as 128-bit integers
/// (64-bit when b ≤ 4), the tweak-dependent part of the PRF is precomputed, and each of the ten rounds is one AES
/// block; nothing is allocated. Longer inputs use <see cref="BigInteger"/>.</para>
/// </remarks>
public sealed class Ff1 : IDisposable
{
    /// <summary>maxTlen: the longest tweak accepted, in bytes.</summary>
    public const int MaxTweakLength = 256;

    /// <summary>maxlen: the longest numeral string accepted.</summary>
    public const int MaxLength = 4096;

    private const int Rounds = 10;
    private static readonly UInt128 Two96 = UInt128.One << 96;

    private readonly AesBlockCipher aes;

    /// <summary>Creates FF1 for a key and radix.</summary>
    /// <param name="key">AES key of 16, 24 or 32 bytes; copied (into round keys), the caller keeps ownership.</param>
    /// <param name="radix">The radix, 2..65536.</param>
    public Ff1(ReadOnlySpan<byte> key, int radix)
        : this(key, radix, useHardware: true)
    {
    }

    internal Ff1(ReadOnlySpan<byte> key, int radix, bool useHardware)
    {
        if (radix is < 2 or > 65536)
        {
            throw new FpeException(FpeError.Radix, $"FF1 radix must be from 2 to 65536, not {radix}", "radix");
        }

        Radix = radix;
        MinLength = FpeLimits.MinLength(radix);
        aes = new AesBlockCipher(key, useHardware);
    }

    /// <summary>The radix.</summary>
    public int Radix { get; }

    /// <summary>minlen: the shortest numeral string accepted (radix^minlen ≥ 1,000,000, minlen ≥ 2).</summary>
    public int MinLength { get; }

    internal bool UsesHardwareAes => aes.UsesHardware;

    /// <summary>Encrypts a numeral string over 0-9a-z (radix ≤ 36).</summary>
    /// <param name="numerals">The plaintext numeral string.</param>
    /// <param name="tweak">The tweak (may be empty).</param>
    /// <returns>The ciphertext numeral string, same length.</returns>
    public string Encrypt(string numerals, ReadOnlySpan<byte> tweak) => Transform(numerals, tweak, encrypt: true);

    /// <summary>Decrypts a numeral string over 0-9a-z (radix ≤ 36).</summary>
    /// <param name="numerals">The ciphertext numeral string.</param>
    /// <param name="tweak">The tweak used to encrypt.</param>
    /// <returns>The plaintext numeral string.</returns>
    public string Decrypt(string numerals, ReadOnlySpan<byte> tweak) => Transform(numerals, tweak, encrypt: false);

    /// <summary>FF1.Encrypt(K, T, X) on numerals (each below the radix); no allocation for short inputs.</summary>
    /// <param name="numerals">X.</param>
    /// <param name="tweak">T.</param>
    /// <param name="destination">Receives Y; as long as X (may be the same memory).</param>
    public void Encrypt(ReadOnlySpan<ushort> numerals, ReadOnlySpan<byte> tweak, Span<ushort> destination) =>
        Process(numerals, tweak, destination, encrypt: true);

    /// <summary>FF1.Decrypt(K, T, Y) on numerals.</summary>
    /// <param name="numerals">Y.</param>
    /// <param name="tweak">T.</param>
    /// <param name="destination">Receives X; as long as Y (may be the same memory).</param>
    public void Decrypt(ReadOnlySpan<ushort> numerals, ReadOnlySpan<byte> tweak, Span<ushort> destination) =>
        Process(numerals, tweak, destination, encrypt: false);

    /// <summary>Zeroes the key schedule.</summary>
    public void Dispose() => aes.Dispose();

    private string Transform(string text, ReadOnlySpan<byte> tweak, bool encrypt)
    {
        ArgumentNullException.ThrowIfNull(text);
        NumeralString.CheckRadix(Radix);
        var rented = ArrayPool<ushort>.Shared.Rent(Math.Max(text.Length, 1));
        try
        {
            var numerals = rented.AsSpan(0, text.Length);
            NumeralString.Parse(text, Radix, numerals);
            Process(numerals, tweak, numerals, encrypt);
            return string.Create(text.Length, rented, static (chars, buffer) => NumeralString.Format(buffer.AsSpan(0, chars.Length), chars));
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(rented);
        }
    }

    private void Process(ReadOnlySpan<ushort> x, ReadOnlySpan<byte> tweak, Span<ushort> y, bool encrypt)
    {
        CheckLength(x.Length);
        if (y.Length != x.Length)
        {
            throw new ArgumentException("the destination must be as long as the input", nameof(y));
        }

        NumeralString.CheckBelowRadix(x, Radix);

        var plan = Plan(tweak, x.Length);
        if (plan.Small)
        {
            var a = Num(x[..plan.U]);
            var b = Num(x[plan.U..]);
            if (encrypt)
            {
                EncryptHalves(plan, ref a, ref b);
            }
            else
            {
                DecryptHalves(plan, ref a, ref b);
            }

            Str(a, y[..plan.U]);
            Str(b, y[plan.U..]);
        }
        else
        {
            ProcessLarge(plan, x, tweak, y, encrypt);
        }
    }

    private void CheckLength(int n)
    {
        if (n < MinLength)
        {
            throw new FpeException(FpeError.TooShort, $"FF1 with radix {Radix} needs at least {MinLength} numerals (radix^minlen ≥ 1,000,000), got {n}", "input length");
        }

        if (n > MaxLength)
        {
            throw new FpeException(FpeError.TooLong, $"FF1 takes at most {MaxLength} numerals, got {n}", "input length");
        }
    }

    /// <summary>Precomputes SP 800-38G §6.2 steps 1–5 and the tweak part of the PRF for one tweak and length.</summary>
    internal Ff1Plan Plan(ReadOnlySpan<byte> tweak, int n)
    {
        CheckLength(n);
        if (tweak.Length > MaxTweakLength)
        {
            throw new FpeException(FpeError.TweakLength, $"FF1 tweaks have at most {MaxTweakLength} bytes, got {tweak.Length}", "tweak");
        }

        var u = n / 2;
        var v = n - u;
        UInt128 powU = 1, powV = 1;
        var small = true;
        for (var i = 0; i < v && small; i++)
        {
            powV *= (uint)Radix;
            small = powV <= Two96;
            if (i < u)
            {
                powU *= (uint)Radix;
            }
        }

        int b;
        if (small)
        {
            b = (128 - (int)UInt128.LeadingZeroCount(powV - 1) + 7) / 8;
        }
        else
        {
            b = (int)((BigInteger.Pow(Radix, v) - 1).GetBitLength() + 7) / 8;
            powU = powV = 0;
        }

        var d = (4 * ((b + 3) / 4)) + 4;
        var t = tweak.Length;

        // P = [1]^1 || [2]^1 || [1]^1 || [radix]^3 || [10]^1 || [u mod 256]^1 || [n]^4 || [t]^4   (§6.2 step 5)
        Span<byte> p = stackalloc byte[16];
        p[0] = 1;
        p[1] = 2;
        p[2] = 1;
        p[3] = (byte)(Radix >> 16);
        p[4] = (byte)(Radix >> 8);
        p[5] = (byte)Radix;
        p[6] = 10;
        p[7] = (byte)u;
        BinaryPrimitives.WriteUInt32BigEndian(p[8..], (uint)n);
        BinaryPrimitives.WriteUInt32BigEndian(p[12..], (uint)t);
        var state = aes.Encrypt(Vector128.Create<byte>(p));

        var chain = state;
        if (small)
        {
            // Q = T || [0]^((−t−b−1) mod 16) || [i]^1 || [NUM(B)]^b; with b ≤ 12 its last block starts with tweak or
            // padding bytes and ends with [i] and NUM(B): everything before can be chained now (§6.2 step 6.ii).
            var pad = (((-t - b - 1) % 16) + 16) % 16;
            var qLength = t + pad + 1 + b;
            Span<byte> q = stackalloc byte[MaxTweakLength + 32];
            q = q[..qLength];
            q.Clear();
            tweak.CopyTo(q);
            for (var offset = 0; offset < qLength - 16; offset += 16)
            {
                state = aes.Encrypt(state ^ Vector128.Create<byte>(q.Slice(offset, 16)));
            }

            chain = state ^ Vector128.Create<byte>(q[(qLength - 16)..]);
        }

        return new Ff1Plan(n, u, v, b, d, powU, powV, small, chain);
    }

    /// <summary>FF1.Encrypt step 6 on halves held as integers A = NUM(A), B = NUM(B) (small plans only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EncryptHalves(in Ff1Plan plan, ref UInt128 a, ref UInt128 b)
    {
        if (plan.D == 8)
        {
            // b ≤ 4: radix^v ≤ 2^32 and y is the first 8 bytes of R, so 64-bit arithmetic suffices.
            ulong a64 = (ulong)a, b64 = (ulong)b, mu = (ulong)plan.PowU, mv = (ulong)plan.PowV;
            var chain = plan.Chain;
            var shift = 8 * plan.B;
            for (var i = 0; i < Rounds; i++)
            {
                var y = First8(Round64(chain, shift, i, b64));
                var m = (i & 1) == 0 ? mu : mv;
                var c = a64 + (y % m);
                if (c >= m)
                {
                    c -= m;
                }

                a64 = b64;
                b64 = c;
            }

            a = a64;
            b = b64;
            return;
        }

        for (var i = 0; i < Rounds; i++)
        {
            var y = Y(plan, Round(plan, i, b));
            var m = (i & 1) == 0 ? plan.PowU : plan.PowV;
            var c = a + (y % m);
            if (c >= m)
            {
                c -= m;
            }

            a = b;
            b = c;
        }
    }

    /// <summary>FF1.Decrypt step 6 on halves held as integers (small plans only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void DecryptHalves(in Ff1Plan plan, ref UInt128 a, ref UInt128 b)
    {
        if (plan.D == 8)
        {
            ulong a64 = (ulong)a, b64 = (ulong)b, mu = (ulong)plan.PowU, mv = (ulong)plan.PowV;
            var chain = plan.Chain;
            var shift = 8 * plan.B;
            for (var i = Rounds - 1; i >= 0; i--)
            {
                var y = First8(Round64(chain, shift, i, a64));
                var m = (i & 1) == 0 ? mu : mv;
                var r = y % m;
                var c = b64 >= r ? b64 - r : b64 + m - r;
                b64 = a64;
                a64 = c;
            }

            a = a64;
            b = b64;
            return;
        }

        for (var i = Rounds - 1; i >= 0; i--)
        {
            var y = Y(plan, Round(plan, i, a));
            var m = (i & 1) == 0 ? plan.PowU : plan.PowV;
            var r = y % m;
            var c = b >= r ? b - r : b + m - r;
            b = a;
            a = c;
        }
    }

    /// <summary>R = PRF(P || Q) for round i, with Q's last block = prefix || [i]^1 || [NUM]^b (§6.2 steps 6.i–ii).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector128<byte> Round(in Ff1Plan plan, int i, UInt128 half)
    {
        var last = ((UInt128)(uint)i << (8 * plan.B)) | half;
        var block = Vector128.Create(BinaryPrimitives.ReverseEndianness((ulong)(last >> 64)), BinaryPrimitives.ReverseEndianness((ulong)last)).AsByte();
        return aes.Encrypt(plan.Chain ^ block);
    }

    /// <summary>
    /// Round for b ≤ 4: [i]^1 || [NUM]^b sits in the last 8 bytes of Q's last block, so the block is the chained
    /// prefix XORed with one big-endian 64-bit word (no 128-bit shifts).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector128<byte> Round64(Vector128<byte> chain, int shift, int i, ulong half) =>
        aes.Encrypt(chain ^ Vector128.Create(0UL, BinaryPrimitives.ReverseEndianness(((ulong)(uint)i << shift) | half)).AsByte());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong First8(Vector128<byte> r) => BinaryPrimitives.ReverseEndianness(r.AsUInt64().GetElement(0));

    /// <summary>y = NUM(S) with S the first d ≤ 16 bytes of R (§6.2 steps 6.iii–iv).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static UInt128 Y(in Ff1Plan plan, Vector128<byte> r)
    {
        var high = BinaryPrimitives.ReverseEndianness(r.AsUInt64().GetElement(0));
        var low = BinaryPrimitives.ReverseEndianness(r.AsUInt64().GetElement(1));
        return plan.D switch
        {
            8 => high,
            12 => ((UInt128)high << 32) | (low >> 32),
            _ => ((UInt128)high << 64) | low,
        };
    }

    private UInt128 Num(ReadOnlySpan<ushort> numerals)
    {
        UInt128 value = 0;
        foreach (var numeral in numerals)
        {
            value = (value * (uint)Radix) + numeral;
        }

        return value;
    }

    private void Str(UInt128 value, Span<ushort> numerals)
    {
        for (var i = numerals.Length - 1; i >= 0; i--)
        {
            var (quotient, remainder) = UInt128.DivRem(value, (uint)Radix);
            numerals[i] = (ushort)remainder;
            value = quotient;
        }
    }

    /// <summary>SP 800-38G §6.2 with arbitrary-precision halves, for radix^v &gt; 2^96.</summary>
    private void ProcessLarge(in Ff1Plan plan, ReadOnlySpan<ushort> x, ReadOnlySpan<byte> tweak, Span<ushort> y, bool encrypt)
    {
        var radix = new BigInteger(Radix);
        var a = NumBig(x[..plan.U], radix);
        var b = NumBig(x[plan.U..], radix);
        var powU = BigInteger.Pow(radix, plan.U);
        var powV = BigInteger.Pow(radix, plan.V);
        var t = tweak.Length;
        var pad = (((-t - plan.B - 1) % 16) + 16) % 16;
        var qLength = t + pad + 1 + plan.B;
        var q = ArrayPool<byte>.Shared.Rent(qLength);
        var s = ArrayPool<byte>.Shared.Rent(plan.D + 16);
        try
        {
            for (var step = 0; step < Rounds; step++)
            {
                var i = encrypt ? step : Rounds - 1 - step;
                var qSpan = q.AsSpan(0, qLength);
                qSpan.Clear();
                tweak.CopyTo(qSpan);
                qSpan[t + pad] = (byte)i;
                (encrypt ? b : a).TryWriteBytes(qSpan[(qLength - plan.B)..], out var written, isUnsigned: true, isBigEndian: true);
                if (written < plan.B)
                {
                    // TryWriteBytes writes the minimal big-endian form: right-align it within [NUM]^b.
                    var field = qSpan[(qLength - plan.B)..];
                    field[..written].CopyTo(field[(plan.B - written)..]);
                    field[..(plan.B - written)].Clear();
                }

                var p = FirstBlock(plan, t);
                var r = aes.Encrypt(p);
                for (var offset = 0; offset < qLength; offset += 16)
                {
                    r = aes.Encrypt(r ^ Vector128.Create<byte>(qSpan.Slice(offset, 16)));
                }

                // S = first d bytes of R || CIPH(R ⊕ [1]^16) || CIPH(R ⊕ [2]^16) || … (§6.2 step 6.iii)
                var sSpan = s.AsSpan(0, ((plan.D + 15) / 16) * 16);
                r.CopyTo(sSpan);
                for (var j = 1; j < sSpan.Length / 16; j++)
                {
                    var counter = Vector128.Create(0UL, BinaryPrimitives.ReverseEndianness((ulong)j)).AsByte();
                    aes.Encrypt(r ^ counter).CopyTo(sSpan[(16 * j)..]);
                }

                var yValue = new BigInteger(sSpan[..plan.D], isUnsigned: true, isBigEndian: true);
                var m = (i & 1) == 0 ? powU : powV;
                if (encrypt)
                {
                    var c = (a + yValue) % m;
                    a = b;
                    b = c;
                }
                else
                {
                    var c = (b - yValue) % m;
                    if (c.Sign < 0)
                    {
                        c += m;
                    }

                    b = a;
                    a = c;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(q, clearArray: true);
            ArrayPool<byte>.Shared.Return(s, clearArray: true);
        }

        StrBig(a, radix, y[..plan.U]);
        StrBig(b, radix, y[plan.U..]);
    }

    private Vector128<byte> FirstBlock(in Ff1Plan plan, int t)
    {
        Span<byte> p = stackalloc byte[16];
        p[0] = 1;
        p[1] = 2;
        p[2] = 1;
        p[3] = (byte)(Radix >> 16);
        p[4] = (byte)(Radix >> 8);
        p[5] = (byte)Radix;
        p[6] = 10;
        p[7] = (byte)plan.U;
        BinaryPrimitives.WriteUInt32BigEndian(p[8..], (uint)plan.Length);
        BinaryPrimitives.WriteUInt32BigEndian(p[12..], (uint)t);
        return Vector128.Create<byte>(p);
    }

    private static BigInteger NumBig(ReadOnlySpan<ushort> numerals, BigInteger radix)
    {
        var value = BigInteger.Zero;
        foreach (var numeral in numerals)
        {
            value = (value * radix) + numeral;
        }

        return value;
    }

    private static void StrBig(BigInteger value, BigInteger radix, Span<ushort> numerals)
    {
        for (var i = numerals.Length - 1; i >= 0; i--)
        {
            value = BigInteger.DivRem(value, radix, out var remainder);
            numerals[i] = (ushort)remainder;
        }
    }
}
