using Org.BouncyCastle.Crypto.Fpe;
using Org.BouncyCastle.Crypto.Parameters;
using SecurityKit.Pseudonymization.Fpe;

namespace SecurityKit.Pseudonymization.Tests.Fpe;

/// <summary>
/// Our FF1 and FF3-1 against BouncyCastle's independent implementation (Org.BouncyCastle.Crypto.Fpe) on 10,000 random
/// inputs per radix and key size: random lengths from minlen up (covering the 64-bit, 128-bit and BigInteger paths of
/// FF1), random tweaks, random keys; same ciphertext, and decryption gives the plaintext back.
/// </summary>
public sealed class BouncyCastleCrossCheckTests
{
    private const int Inputs = 10_000;

    /// <summary>Ff1's and Ff31's Encrypt and Decrypt (the two classes share no interface).</summary>
    private delegate void Cipher(ReadOnlySpan<ushort> numerals, ReadOnlySpan<byte> tweak, Span<ushort> destination);

    public static TheoryData<int, int> Ff1Configurations()
    {
        var data = new TheoryData<int, int>();
        foreach (var radix in new[] { 2, 10, 36, 256 })
        {
            foreach (var keyLength in new[] { 16, 24, 32 })
            {
                data.Add(radix, keyLength);
            }
        }

        return data;
    }

    public static TheoryData<int, int> Ff31Configurations() => Ff1Configurations();

    [Theory]
    [MemberData(nameof(Ff1Configurations))]
    public void Ff1_gives_the_same_ciphertexts_as_BouncyCastle(int radix, int keyLength)
    {
        var random = new Random((radix * 100) + keyLength);
        var key = RandomBytes(random, keyLength);
        using var ours = new Ff1(key, radix);
        var minLength = ours.MinLength;
        for (var n = 0; n < Inputs; n++)
        {
            // Mostly short (the fast paths), one in twenty long enough for the arbitrary-precision path.
            var length = random.Next(20) == 0 ? random.Next(minLength, minLength + 100) : random.Next(minLength, minLength + 24);
            var tweak = RandomBytes(random, random.Next(0, 40));
            var plaintext = RandomNumerals(random, length, radix);

            AssertSameAsBouncyCastle(new FpeFf1Engine(), key, radix, tweak, plaintext, ours.Encrypt, ours.Decrypt);
        }
    }

    [Theory]
    [MemberData(nameof(Ff31Configurations))]
    public void Ff31_gives_the_same_ciphertexts_as_BouncyCastle(int radix, int keyLength)
    {
        var random = new Random((radix * 1000) + keyLength);
        var key = RandomBytes(random, keyLength);
        using var ours = new Ff31(key, radix);
        for (var n = 0; n < Inputs; n++)
        {
            var length = random.Next(ours.MinLength, ours.MaxLength + 1);
            var tweak = RandomBytes(random, Ff31.TweakLength);
            var plaintext = RandomNumerals(random, length, radix);

            AssertSameAsBouncyCastle(new FpeFf3_1Engine(), key, radix, tweak, plaintext, ours.Encrypt, ours.Decrypt);
        }
    }

    /// <summary>One input: our ciphertext is BouncyCastle's, and our decryption gives the plaintext back.</summary>
    private static void AssertSameAsBouncyCastle(FpeEngine engine, byte[] key, int radix, byte[] tweak, ushort[] plaintext, Cipher encrypt, Cipher decrypt)
    {
        var expected = BouncyCastle(engine, key, radix, tweak, plaintext, encrypt: true);
        var ciphertext = new ushort[plaintext.Length];
        encrypt(plaintext, tweak, ciphertext);
        var back = new ushort[plaintext.Length];
        decrypt(ciphertext, tweak, back);

        Assert.Equal(expected, ciphertext);
        Assert.Equal(plaintext, back);
    }

    private static ushort[] BouncyCastle(FpeEngine engine, byte[] key, int radix, byte[] tweak, ushort[] input, bool encrypt)
    {
        engine.Init(encrypt, new FpeParameters(new KeyParameter(key), radix, tweak));
        var bytes = input.Select(x => (byte)x).ToArray();
        var output = new byte[bytes.Length];
        engine.ProcessBlock(bytes, 0, bytes.Length, output, 0);
        return output.Select(x => (ushort)x).ToArray();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static ushort[] RandomNumerals(Random random, int length, int radix)
    {
        var numerals = new ushort[length];
        for (var i = 0; i < length; i++)
        {
            numerals[i] = (ushort)random.Next(radix);
        }

        return numerals;
    }
}
