using SecurityKit.Pseudonymization.Fpe;

namespace SecurityKit.Pseudonymization.Tests.Fpe;

/// <summary>
/// The NIST SP 800-38G sample vectors (CSRC "Examples with Intermediate Values": FF1 samples 1–9) and FF3-1 vectors
/// with 56-bit tweaks, each run on the AES-NI path and on the portable path.
/// </summary>
public sealed class NistSampleVectorTests
{
    private const string K128 = "2B7E151628AED2A6ABF7158809CF4F3C";
    private const string K192 = "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F";
    private const string K256 = "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94";
    private const string Tweak10 = "39383736353433323130";
    private const string Tweak11 = "3737373770717273373737";

    public static TheoryData<string, string, int, string, string, bool> Ff1Samples()
    {
        var data = new TheoryData<string, string, int, string, string, bool>();
        foreach (var hardware in new[] { true, false })
        {
            data.Add(K128, "", 10, "0123456789", "2433477484", hardware);
            data.Add(K128, Tweak10, 10, "0123456789", "6124200773", hardware);
            data.Add(K128, Tweak11, 36, "0123456789abcdefghi", "a9tv40mll9kdu509eum", hardware);
            data.Add(K192, "", 10, "0123456789", "2830668132", hardware);
            data.Add(K192, Tweak10, 10, "0123456789", "2496655549", hardware);
            data.Add(K192, Tweak11, 36, "0123456789abcdefghi", "xbj3kv35jrawxv32ysr", hardware);
            data.Add(K256, "", 10, "0123456789", "6657667009", hardware);
            data.Add(K256, Tweak10, 10, "0123456789", "1001623463", hardware);
            data.Add(K256, Tweak11, 36, "0123456789abcdefghi", "xs8a0azh2avyalyzuwd", hardware);
        }

        return data;
    }

    public static TheoryData<string, string, int, string, string, bool> Ff31Samples()
    {
        var data = new TheoryData<string, string, int, string, string, bool>();
        foreach (var hardware in new[] { true, false })
        {
            data.Add("EF4359D8D580AA4F7F036D6F04FC6A94", "D8E7920AFA330A", 10, "890121234567890000", "477064185124354662", hardware);
            data.Add("EF4359D8D580AA4F7F036D6F04FC6A94", "9A768A92F60E12", 10, "89012123456789000000789000000", "70105073667769643421852513495", hardware);
            data.Add("EF4359D8D580AA4F7F036D6F04FC6A942B7E151628AED2A6", "D8E7920AFA330A", 10, "890121234567890000", "428521014080513180", hardware);
            data.Add("EF4359D8D580AA4F7F036D6F04FC6A942B7E151628AED2A6ABF7158809CF4F3C", "D8E7920AFA330A", 10, "890121234567890000", "739867966748611431", hardware);
            data.Add("EF4359D8D580AA4F7F036D6F04FC6A94", "00000000000000", 26, "0123456789abcdefghi", "l05j092gf8h4k1o7f3o", hardware);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ff1Samples))]
    public void Ff1_encrypts_the_NIST_sample(string key, string tweak, int radix, string plaintext, string ciphertext, bool hardware)
    {
        using var ff1 = new Ff1(Convert.FromHexString(key), radix, hardware);

        Assert.Equal(ciphertext, ff1.Encrypt(plaintext, Convert.FromHexString(tweak)));
    }

    [Theory]
    [MemberData(nameof(Ff1Samples))]
    public void Ff1_decrypts_the_NIST_sample(string key, string tweak, int radix, string plaintext, string ciphertext, bool hardware)
    {
        using var ff1 = new Ff1(Convert.FromHexString(key), radix, hardware);

        Assert.Equal(plaintext, ff1.Decrypt(ciphertext, Convert.FromHexString(tweak)));
    }

    [Theory]
    [MemberData(nameof(Ff31Samples))]
    public void Ff31_encrypts_the_sample(string key, string tweak, int radix, string plaintext, string ciphertext, bool hardware)
    {
        using var ff31 = new Ff31(Convert.FromHexString(key), radix, hardware);

        Assert.Equal(ciphertext, ff31.Encrypt(plaintext, Convert.FromHexString(tweak)));
    }

    [Theory]
    [MemberData(nameof(Ff31Samples))]
    public void Ff31_decrypts_the_sample(string key, string tweak, int radix, string plaintext, string ciphertext, bool hardware)
    {
        using var ff31 = new Ff31(Convert.FromHexString(key), radix, hardware);

        Assert.Equal(plaintext, ff31.Decrypt(ciphertext, Convert.FromHexString(tweak)));
    }

    [Fact]
    public void The_portable_path_really_is_portable_and_the_default_uses_AES_NI_when_present()
    {
        using var portable = new Ff1(Convert.FromHexString(K128), 10, useHardware: false);
        using var fast = new Ff1(Convert.FromHexString(K128), 10);

        Assert.False(portable.UsesHardwareAes);
        Assert.Equal(System.Runtime.Intrinsics.X86.Aes.IsSupported, fast.UsesHardwareAes);
    }
}
