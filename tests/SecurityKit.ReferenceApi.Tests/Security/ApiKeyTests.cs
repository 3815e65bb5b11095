using System.Security.Cryptography;
using System.Text;
using FsCheck.Xunit;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.Tests.Security;

/// <summary>The API key format and its stored hash.</summary>
public sealed class ApiKeyTests
{
    [Fact]
    public void The_stored_hash_is_the_hex_SHA256_of_the_whole_key_as_sha256sum_prints_it()
    {
        var key = ApiKey.Create("payroll");

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

        Assert.Equal(expected, ApiKey.Hash(key));
    }

    [Fact]
    public void A_new_key_carries_its_id_and_32_random_bytes()
    {
        var key = ApiKey.Create("payroll");

        Assert.True(ApiKey.TryGetId(key, out var id));
        Assert.Equal("payroll", id);
        Assert.Equal(43, key.Length - "skk_payroll_".Length);
    }

    [Fact]
    public void Two_new_keys_differ()
    {
        Assert.NotEqual(ApiKey.Create("a"), ApiKey.Create("a"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("skk_")]
    [InlineData("skk__secret")]
    [InlineData("skk_id_")]
    [InlineData("skk_UPPER_secret")]
    [InlineData("sk_id_secret")]
    [InlineData("Bearer skk_id_secret")]
    public void A_string_without_the_key_shape_has_no_id(string presented)
    {
        Assert.False(ApiKey.TryGetId(presented, out _));
    }

    [Property]
    public bool A_key_matches_its_own_hash_and_no_other_string(string other)
    {
        var key = ApiKey.Create("svc");
        var hash = ApiKey.Hash(key);
        return ApiKey.Matches(key, hash) && (other == key || !ApiKey.Matches(other ?? string.Empty, hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData("abcd")]
    public void A_malformed_stored_hash_matches_nothing(string storedHash)
    {
        Assert.False(ApiKey.Matches(ApiKey.Create("svc"), storedHash));
    }
}
