using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using SecurityKit.Testing;

namespace SecurityKit.Crypto.Tests.Pkcs11;

[CollectionDefinition("SoftHSM", DisableParallelization = true)]
public sealed class SoftHsmTests : ICollectionFixture<SoftHsmTokenWithKeys>;

/// <summary>A SoftHSM2 token holding an RSA-3072 key, a P-256 key and a P-256 key that needs a login per signature.</summary>
public sealed class SoftHsmTokenWithKeys : IDisposable
{
    public SoftHsmTokenWithKeys()
    {
        Token = new SoftHsmToken();
        using (var rsa = RSA.Create(3072))
        {
            Token.ImportKey(rsa, "seal-rsa", "01");
        }

        using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            Token.ImportKey(ec, "seal-ec", "02");
        }

        Token.GenerateP256Key("qualified", 3, alwaysAuthenticate: true);
        Token.GenerateEd25519Key("seal-ed", 4);
    }

    public SoftHsmToken Token { get; }

    public Pkcs11Options Options(string? pin = null, string? label = null, int maxSessions = 4)
    {
        var options = Token.Options();
        options.TokenLabel = label ?? Token.Label;
        options.UserPin = pin ?? Token.UserPin;
        options.MaxSessions = maxSessions;
        return options;
    }

    public void Dispose() => Token.Dispose();
}

[Collection("SoftHSM")]
public sealed class Pkcs11KeyProviderTests(SoftHsmTokenWithKeys hsm)
{
    private static readonly byte[] Message = "acte à sceller"u8.ToArray();

    [Theory]
    [InlineData("RSA-3072-PKCS1-SHA256", "seal-rsa")]
    [InlineData("RSA-3072-PSS-SHA256", "seal-rsa")]
    [InlineData("ECDSA-P256-SHA256", "seal-ec")]
    [InlineData("Ed25519", "seal-ed")]
    public void A_signature_made_in_the_token_verifies_with_its_public_key(string name, string label)
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());
        var algorithm = SignatureAlgorithm.FromName(name);
        using var key = provider.GetKey(algorithm, label);

        var signature = algorithm.Sign(key, Message);

        Assert.True(algorithm.TryVerify(key.PublicKey, Message, signature));
    }

    [Fact]
    public void A_key_is_found_by_its_id()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());
        using var key = provider.GetKey(SignatureAlgorithm.EcdsaP256Sha256, id: [0x02]);

        Assert.True(SignatureAlgorithm.EcdsaP256Sha256.TryVerify(key.PublicKey, Message, SignatureAlgorithm.EcdsaP256Sha256.Sign(key, Message)));
    }

    [Fact]
    public void A_key_that_requires_a_login_per_signature_signs_after_a_context_specific_login()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());
        using var key = provider.GetKey(SignatureAlgorithm.EcdsaP256Sha256, "qualified");

        var first = SignatureAlgorithm.EcdsaP256Sha256.Sign(key, Message);
        var second = SignatureAlgorithm.EcdsaP256Sha256.Sign(key, Message);

        Assert.True(((Pkcs11KeyMaterial)key.Material).AlwaysAuthenticate);
        Assert.True(SignatureAlgorithm.EcdsaP256Sha256.TryVerify(key.PublicKey, Message, first));
        Assert.True(SignatureAlgorithm.EcdsaP256Sha256.TryVerify(key.PublicKey, Message, second));
    }

    [Fact]
    public void The_token_refuses_an_always_authenticate_key_without_the_context_specific_login()
    {
        // The check above is meaningful only if the token really enforces CKA_ALWAYS_AUTHENTICATE.
        using var token = hsm.Token.OpenSession(readWrite: false);
        var key = token.Find(CKO.CKO_PRIVATE_KEY, "qualified");

        var error = Assert.Throws<Pkcs11Exception>(() => token.Session.Sign(token.Factories.MechanismFactory.Create(CKM.CKM_ECDSA), key, new byte[32]));

        Assert.Equal(CKR.CKR_USER_NOT_LOGGED_IN, error.RV);
    }

    [Fact]
    public async Task Concurrent_signers_share_a_small_session_pool()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options(maxSessions: 2));
        using var key = provider.GetKey(SignatureAlgorithm.EcdsaP256Sha256, "seal-ec");

        var signatures = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => SignatureAlgorithm.EcdsaP256Sha256.Sign(key, [(byte)i]))));

        Assert.All(Enumerable.Range(0, 16), i => Assert.True(SignatureAlgorithm.EcdsaP256Sha256.TryVerify(key.PublicKey, [(byte)i], signatures[i])));
    }

    [Fact]
    public void A_token_key_is_never_exportable()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());
        using var key = provider.GetKey(SignatureAlgorithm.Rsa3072Pss, "seal-rsa");

        Assert.Throws<KeyNotExportableException>(() => key.Export(KeyBlobFormat.Pkcs8Der));
    }

    [Fact]
    public void A_missing_module_is_a_specific_error()
    {
        var options = hsm.Options();
        options.ModulePath = "/usr/lib/no-such-pkcs11.so";

        var error = Assert.Throws<HsmException>(() => new Pkcs11KeyProvider(options));

        Assert.Equal((HsmFailure.ModuleNotFound, "/usr/lib/no-such-pkcs11.so"), (error.Failure, error.Location));
    }

    [Fact]
    public void A_wrong_PIN_is_a_specific_error_that_does_not_show_the_PIN()
    {
        var error = Assert.Throws<HsmException>(() => new Pkcs11KeyProvider(hsm.Options(pin: "999999")));

        Assert.Equal(HsmFailure.PinIncorrect, error.Failure);
        Assert.DoesNotContain("999999", error.Message + error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absent_token_is_a_specific_error()
    {
        var error = Assert.Throws<HsmException>(() => new Pkcs11KeyProvider(hsm.Options(label: "no-such-token")));

        Assert.Equal(HsmFailure.TokenNotFound, error.Failure);
    }

    [Fact]
    public void A_token_without_the_key_is_a_specific_error()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());

        var error = Assert.Throws<HsmException>(() => provider.GetKey(SignatureAlgorithm.EcdsaP256Sha256, "ghost"));

        Assert.Equal(HsmFailure.KeyNotFound, error.Failure);
        Assert.Contains("ghost", error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_another_type_than_the_algorithm_is_refused()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());

        var error = Assert.Throws<HsmException>(() => provider.GetKey(SignatureAlgorithm.EcdsaP256Sha256, "seal-rsa"));

        Assert.Equal(HsmFailure.KeyMismatch, error.Failure);
    }

    [Fact]
    public void A_generated_secret_key_computes_HMAC_SHA256_in_the_token_and_cannot_be_read()
    {
        var mac = new byte[32];
        var again = new byte[32];
        using (var provider = new Pkcs11KeyProvider(hsm.Options()))
        {
            provider.GenerateSecretKey("mac-1", [0x21]).ComputeHmacSha256(Message, mac);
            provider.GetSecretKey(id: [0x21]).ComputeHmacSha256(Message, again);
        }

        // Raw PKCS#11 only once no provider holds the module: disposing this library finalises the module.
        List<IObjectAttribute> attributes;
        using (var token = hsm.Token.OpenSession(readWrite: false))
        {
            attributes = token.Session.GetAttributeValue(token.Find(CKO.CKO_SECRET_KEY, "mac-1"), [CKA.CKA_VALUE, CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE]);
        }

        Assert.True(attributes[0].CannotBeRead);
        Assert.True(attributes[1].GetValueAsBool());
        Assert.False(attributes[2].GetValueAsBool());
        Assert.Equal(mac, again);
        Assert.NotEqual(new byte[32], mac);
    }

    [Fact]
    public void A_secret_key_made_from_a_known_value_gives_the_RFC_2104_HMAC()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        hsm.Token.CreateSecretKey(secret, "mac-known");
        using var provider = new Pkcs11KeyProvider(hsm.Options());
        var mac = new byte[32];

        provider.GetSecretKey("mac-known").ComputeHmacSha256(Message, mac);

        Assert.Equal(HMACSHA256.HashData(secret, Message), mac);
    }

    [Fact]
    public void A_second_secret_key_with_the_same_label_is_refused()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());
        provider.GenerateSecretKey("mac-twice", [0x22]);

        var error = Assert.Throws<HsmException>(() => provider.GenerateSecretKey("mac-twice", [0x23]));

        Assert.Contains("mac-twice", error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_key_label_is_not_a_secret_key()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());

        Assert.Equal(HsmFailure.KeyNotFound, Assert.Throws<HsmException>(() => provider.GetSecretKey("seal-rsa")).Failure);
    }

    [Fact]
    public void An_Ed25519_signature_made_in_the_token_is_the_deterministic_RFC_8032_signature()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());
        using var key = provider.GetKey(SignatureAlgorithm.Ed25519, "seal-ed");

        var first = SignatureAlgorithm.Ed25519.Sign(key, Message);
        var second = SignatureAlgorithm.Ed25519.Sign(key, Message);

        // Pure Ed25519 is deterministic (RFC 8032 §5.1.6): a prehash or context variant would differ or fail to verify.
        Assert.Equal(first, second);
        Assert.Equal(64, first.Length);
        Assert.False(SignatureAlgorithm.Ed25519.TryVerify(key.PublicKey, "autre acte"u8, first));
    }

    [Fact]
    public void An_Ed25519_token_key_is_refused_for_ECDSA()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());

        Assert.Equal(HsmFailure.KeyMismatch, Assert.Throws<HsmException>(() => provider.GetKey(SignatureAlgorithm.EcdsaP256Sha256, "seal-ed")).Failure);
    }

    [Fact]
    public void An_RSA_key_of_another_size_is_refused()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());

        Assert.Equal(HsmFailure.KeyMismatch, Assert.Throws<HsmException>(() => provider.GetKey(SignatureAlgorithm.Rsa2048Pss, "seal-rsa")).Failure);
    }
}
