namespace SecurityKit.Crypto.Tests.Algorithms;

/// <summary>
/// Ed25519 runs on libsodium (NSec) and falls back to BouncyCastle; both backends must give RFC 8032 signatures,
/// read and write the same RFC 8410 blobs and verify each other's signatures.
/// </summary>
public sealed class Ed25519BackendTests
{
    private static readonly Ed25519SignatureAlgorithm BouncyCastle = new(useSodium: false);
    private static readonly Ed25519SignatureAlgorithm Sodium = new(useSodium: true);

    /// <summary>RFC 8032 §7.1 TEST 1, TEST 2, TEST 3 and TEST 1024 is left out (long): secret key, public key, message, signature.</summary>
    public static TheoryData<string, string, string, string> Rfc8032Vectors => new()
    {
        {
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        },
        {
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        },
        {
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        },
    };

    public static TheoryData<bool> Backends => new() { true, false };

    [Fact]
    public void Libsodium_is_the_backend_on_this_machine()
    {
        // The libsodium package ships linux-x64; if it failed to load here the fast path would silently be lost.
        Assert.True(Ed25519SignatureAlgorithm.SodiumAvailable.Value);
        Assert.True(SignatureAlgorithm.Ed25519.UsesSodium);
    }

    [Theory]
    [MemberData(nameof(Rfc8032Vectors))]
    public void Libsodium_signs_the_RFC_8032_vectors(string secret, string publicKey, string message, string signature) =>
        SignsVector(Sodium, secret, publicKey, message, signature);

    [Theory]
    [MemberData(nameof(Rfc8032Vectors))]
    public void BouncyCastle_signs_the_RFC_8032_vectors(string secret, string publicKey, string message, string signature) =>
        SignsVector(BouncyCastle, secret, publicKey, message, signature);

    [Fact]
    public void Signatures_of_one_backend_verify_with_the_other()
    {
        using var sodiumKey = Key.Create(Sodium, KeyExportPolicies.AllowPlaintextExport);
        using var bcKey = Key.Import(BouncyCastle, sodiumKey.Export(KeyBlobFormat.Pkcs8Der), KeyBlobFormat.Pkcs8Der);
        byte[] message = [1, 2, 3];

        var fromSodium = Sodium.Sign(sodiumKey, message);
        var fromBouncyCastle = BouncyCastle.Sign(bcKey, message);

        Assert.Equal(fromSodium, fromBouncyCastle); // RFC 8032 signatures are deterministic
        Assert.True(BouncyCastle.TryVerify(bcKey.PublicKey, message, fromSodium));
        Assert.True(Sodium.TryVerify(sodiumKey.PublicKey, message, fromBouncyCastle));
        Assert.Equal(sodiumKey.PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoDer), bcKey.PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoDer));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_new_key_is_not_exportable_by_default(bool useSodium)
    {
        using var key = Key.Create(useSodium ? Sodium : BouncyCastle);

        Assert.Throws<KeyNotExportableException>(() => key.Export(KeyBlobFormat.Pkcs8Der));
        Assert.Equal(44, key.Export(KeyBlobFormat.SubjectPublicKeyInfoDer).Length);
    }

    [Fact]
    public void A_libsodium_key_exports_the_RFC_8410_PKCS8_layout()
    {
        var vector = Rfc8032Vectors.First();
        using var key = Key.Import(Sodium, Pkcs8((string)vector[0]), KeyBlobFormat.Pkcs8Der, KeyExportPolicies.AllowPlaintextExport);

        // RFC 8410 §10.3: 302e020100300506032b657004220420 || 32-byte seed.
        Assert.Equal("302e020100300506032b657004220420" + (string)vector[0], Convert.ToHexStringLower(key.Export(KeyBlobFormat.Pkcs8Der)));
        Assert.Equal("302a300506032b6570032100" + (string)vector[1], Convert.ToHexStringLower(key.Export(KeyBlobFormat.SubjectPublicKeyInfoDer)));
    }

    [Fact]
    public void A_PKCS8_v2_blob_with_its_public_key_is_accepted()
    {
        var vector = Rfc8032Vectors.First();
        using var key = Key.Import(Sodium, Pkcs8V2((string)vector[0], (string)vector[1]), KeyBlobFormat.Pkcs8Der);

        Assert.Equal("302a300506032b6570032100" + (string)vector[1], Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoDer)));
    }

    [Fact]
    public void A_PKCS8_v2_blob_whose_public_key_belongs_to_another_seed_is_refused()
    {
        var vectors = Rfc8032Vectors.ToList();

        var error = Assert.Throws<KeyFormatException>(() =>
            Key.Import(Sodium, Pkcs8V2((string)vectors[0][0], (string)vectors[1][1]), KeyBlobFormat.Pkcs8Der));

        Assert.Equal("PKCS#8 publicKey", error.Location);
    }

    [Theory]
    [InlineData("302d020100300506032b65700421041f9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f")]
    [InlineData("302f020100300506032b657004230421009d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")]
    [InlineData("302e020100300506032b6570042204209d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f")]
    public void A_malformed_Ed25519_private_key_is_refused(string hex)
    {
        Assert.Throws<KeyFormatException>(() => Key.Import(Sodium, Convert.FromHexString(hex), KeyBlobFormat.Pkcs8Der));
    }

    [Fact]
    public void A_disposed_libsodium_key_cannot_sign()
    {
        var key = Key.Create(Sodium);
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Sodium.Sign(key, [1]));
    }

    private static void SignsVector(Ed25519SignatureAlgorithm algorithm, string secret, string publicKey, string message, string signature)
    {
        using var key = Key.Import(algorithm, Pkcs8(secret), KeyBlobFormat.Pkcs8Der);

        var signed = algorithm.Sign(key, Convert.FromHexString(message));

        Assert.Equal(signature, Convert.ToHexStringLower(signed));
        Assert.Equal("302a300506032b6570032100" + publicKey, Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoDer)));
        using var imported = PublicKey.Import(algorithm, Convert.FromHexString("302a300506032b6570032100" + publicKey), KeyBlobFormat.SubjectPublicKeyInfoDer);
        Assert.True(algorithm.TryVerify(imported, Convert.FromHexString(message), signed));
    }

    private static byte[] Pkcs8(string seed) => Convert.FromHexString("302e020100300506032b657004220420" + seed);

    /// <summary>OneAsymmetricKey v2 (RFC 5958 §2) with the [1] publicKey, as in RFC 8410 §10.3's second example.</summary>
    private static byte[] Pkcs8V2(string seed, string publicKey) =>
        Convert.FromHexString("3051020101300506032b657004220420" + seed + "812100" + publicKey);
}
