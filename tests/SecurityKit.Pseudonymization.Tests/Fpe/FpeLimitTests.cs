using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using SecurityKit.Pseudonymization.Fpe;

namespace SecurityKit.Pseudonymization.Tests.Fpe;

public sealed class FpeLimitTests
{
    private static readonly byte[] Key = Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C");

    [Theory]
    [InlineData(10, 6)]
    [InlineData(2, 20)]
    [InlineData(36, 4)]
    [InlineData(65536, 2)]
    public void Minlen_is_the_shortest_length_with_a_million_values(int radix, int minLength)
    {
        using var ff1 = new Ff1(Key, radix);

        Assert.Equal(minLength, ff1.MinLength);
    }

    [Fact]
    public void Ff1_rejects_numerals_too_short_for_the_radix()
    {
        using var ff1 = new Ff1(Key, 10);

        Assert.Equal(FpeError.TooShort, Assert.Throws<FpeException>(() => ff1.Encrypt("12345", [])).Error);
    }

    [Fact]
    public void Ff31_rejects_numerals_too_short_for_the_radix()
    {
        using var ff31 = new Ff31(Key, 10);

        Assert.Equal(FpeError.TooShort, Assert.Throws<FpeException>(() => ff31.Encrypt("12345", new byte[7])).Error);
    }

    [Theory]
    [InlineData(10, 56)]
    [InlineData(36, 36)]
    [InlineData(2, 192)]
    public void Ff31_maxlen_is_twice_the_floor_of_log_radix_of_2_to_the_96(int radix, int maxLength)
    {
        using var ff31 = new Ff31(Key, radix);

        Assert.Equal(maxLength, ff31.MaxLength);
    }

    [Fact]
    public void Ff31_rejects_numerals_longer_than_maxlen()
    {
        using var ff31 = new Ff31(Key, 10);

        Assert.Equal(FpeError.TooLong, Assert.Throws<FpeException>(() => ff31.Encrypt(new string('1', 57), new byte[7])).Error);
    }

    [Fact]
    public void Ff1_rejects_a_tweak_longer_than_maxTlen()
    {
        using var ff1 = new Ff1(Key, 10);

        Assert.Equal(FpeError.TweakLength, Assert.Throws<FpeException>(() => ff1.Encrypt("0123456789", new byte[Ff1.MaxTweakLength + 1])).Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void Ff31_rejects_a_tweak_other_than_56_bits(int length)
    {
        using var ff31 = new Ff31(Key, 10);

        Assert.Equal(FpeError.TweakLength, Assert.Throws<FpeException>(() => ff31.Encrypt("0123456789", new byte[length])).Error);
    }

    [Fact]
    public void A_character_outside_the_radix_is_named_by_position()
    {
        using var ff1 = new Ff1(Key, 10);

        var error = Assert.Throws<FpeException>(() => ff1.Encrypt("01234a6789", []));

        Assert.Equal(FpeError.Numeral, error.Error);
        Assert.Equal("input position 6", error.Location);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65537)]
    public void Radix_outside_2_to_65536_is_rejected(int radix)
    {
        Assert.Equal(FpeError.Radix, Assert.Throws<FpeException>(() => new Ff1(Key, radix)).Error);
    }

    [Fact]
    public void A_key_of_the_wrong_length_is_rejected_without_showing_it()
    {
        var error = Assert.Throws<FpeException>(() => new Ff1(new byte[15], 10));

        Assert.Equal(FpeError.KeyLength, error.Error);
    }

    [Fact]
    public void Aes_ni_and_portable_paths_encipher_blocks_identically_and_match_the_platform_aes()
    {
        var random = new Random(5);
        foreach (var length in new[] { 16, 24, 32 })
        {
            var key = new byte[length];
            random.NextBytes(key);
            using var fast = new AesBlockCipher(key);
            using var portable = new AesBlockCipher(key, useHardware: false);
            using var platform = Aes.Create();
            platform.Key = key;
            for (var i = 0; i < 200; i++)
            {
                var block = new byte[16];
                random.NextBytes(block);
                var expected = platform.EncryptEcb(block, PaddingMode.None);

                Assert.Equal(expected, Bytes(fast.Encrypt(System.Runtime.Intrinsics.Vector128.Create<byte>(block))));
                Assert.Equal(expected, Bytes(portable.Encrypt(System.Runtime.Intrinsics.Vector128.Create<byte>(block))));
            }
        }
    }

    private static byte[] Bytes(System.Runtime.Intrinsics.Vector128<byte> block)
    {
        var bytes = new byte[16];
        block.CopyTo(bytes);
        return bytes;
    }

    [Fact]
    public void Encrypting_11_digit_numerals_does_not_allocate()
    {
        using var ff1 = new Ff1(Key, 10);
        ReadOnlySpan<ushort> input = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0];
        Span<ushort> output = stackalloc ushort[11];
        ff1.Encrypt(input, [], output);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            ff1.Encrypt(input, [], output);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
