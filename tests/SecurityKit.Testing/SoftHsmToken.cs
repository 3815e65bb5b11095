using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using SecurityKit.Crypto;

namespace SecurityKit.Testing;

/// <summary>
/// A fresh SoftHSM2 token in a temporary folder: writes a softhsm2.conf there, points SOFTHSM2_CONF at it (for this
/// process, which is where the PKCS#11 module reads it at C_Initialize, and for child processes through
/// <see cref="Environment"/>), and initialises a token with <c>softhsm2-util --init-token</c>. Because the variable
/// is process-wide, tests using a token must not run in parallel with other token tests in the same assembly (put
/// them in one xunit collection with DisableParallelization).
/// </summary>
public sealed class SoftHsmToken : IDisposable
{
    /// <summary>The Debian softhsm2 package's PKCS#11 module.</summary>
    public const string ModulePath = "/usr/lib/softhsm/libsofthsm2.so";

    private readonly TemporaryDirectory _folder = new("sk-softhsm");
    private readonly string? _previousConfig = System.Environment.GetEnvironmentVariable("SOFTHSM2_CONF");

    /// <summary>Creates and initialises the token.</summary>
    /// <param name="label">Token label.</param>
    /// <param name="userPin">User PIN.</param>
    /// <param name="soPin">Security-officer PIN.</param>
    public SoftHsmToken(string label = "securitykit-test", string userPin = "123456", string soPin = "12345678")
    {
        Label = label;
        UserPin = userPin;
        SoPin = soPin;
        if (!System.IO.File.Exists(ModulePath))
        {
            throw new InvalidOperationException($"'{ModulePath}' is not installed; install the Debian package 'softhsm2' (.ci/run does)");
        }

        Util = ExternalTool.Require("softhsm2-util", "softhsm2");
        var tokens = Directory.CreateDirectory(_folder.File("tokens")).FullName;
        ConfigPath = _folder.File("softhsm2.conf");
        System.IO.File.WriteAllText(ConfigPath, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        SetProcessVariable("SOFTHSM2_CONF", ConfigPath);
        Run("--init-token", "--free", "--label", label, "--pin", userPin, "--so-pin", soPin);
    }

    /// <summary>Token label.</summary>
    public string Label { get; }

    /// <summary>User PIN.</summary>
    public string UserPin { get; }

    /// <summary>Security-officer PIN.</summary>
    public string SoPin { get; }

    /// <summary>The softhsm2.conf of this token.</summary>
    public string ConfigPath { get; }

    /// <summary>Environment for child processes that must see this token.</summary>
    public IDictionary<string, string> Environment => new Dictionary<string, string> { ["SOFTHSM2_CONF"] = ConfigPath };

    private string Util { get; }

    /// <summary>Imports a PKCS#8 PEM key pair into the token under a label and a hex CKA_ID.</summary>
    /// <param name="pkcs8PemPath">Unencrypted PKCS#8 PEM file.</param>
    /// <param name="keyLabel">CKA_LABEL.</param>
    /// <param name="idHex">CKA_ID in hex.</param>
    public void ImportKey(string pkcs8PemPath, string keyLabel, string idHex) =>
        Run("--import", pkcs8PemPath, "--token", Label, "--label", keyLabel, "--id", idHex, "--pin", UserPin);

    /// <summary>
    /// Imports a key pair made in .NET (RSA or EC) with softhsm2-util, which stores its public key beside it; the
    /// private key passes through a PKCS#8 PEM file in the token's folder that is deleted at once.
    /// </summary>
    /// <param name="key">The key pair.</param>
    /// <param name="keyLabel">CKA_LABEL.</param>
    /// <param name="idHex">CKA_ID in hex.</param>
    public void ImportKey(AsymmetricAlgorithm key, string keyLabel, string idHex)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pem = _folder.File($"import-{keyLabel}-{idHex}.pem");
        System.IO.File.WriteAllText(pem, key.ExportPkcs8PrivateKeyPem());
        try
        {
            ImportKey(pem, keyLabel, idHex);
        }
        finally
        {
            System.IO.File.Delete(pem);
        }
    }

    /// <summary>Options for SecurityKit's PKCS#11 provider that open this token with the user PIN.</summary>
    /// <param name="modulePath">The module to load: <see cref="ModulePath"/>, or a wrapper in front of it such as OpenSC's pkcs11-spy.</param>
    public Pkcs11Options Options(string modulePath = ModulePath) => new() { ModulePath = modulePath, TokenLabel = Label, UserPin = UserPin };

    /// <summary>Opens a raw PKCS#11 session on this token, logged in as the user (see <see cref="SoftHsmSession"/>).</summary>
    /// <param name="readWrite">Whether the session may create objects.</param>
    public SoftHsmSession OpenSession(bool readWrite = true) => new(Label, UserPin, readWrite);

    /// <summary>
    /// Puts an RSA key pair into the token over PKCS#11 (a private and a public object, no CKA_ID). Unlike
    /// softhsm2-util this can set CKA_ALWAYS_AUTHENTICATE, which a qualified-signature card sets on its key
    /// (PKCS#11 v2.40 §4.9: a context-specific login before each signature).
    /// </summary>
    /// <param name="key">The key pair (its private parameters are exported once).</param>
    /// <param name="keyLabel">CKA_LABEL of both objects.</param>
    /// <param name="alwaysAuthenticate">CKA_ALWAYS_AUTHENTICATE of the private key.</param>
    public void CreateRsaKey(RSA key, string keyLabel, bool alwaysAuthenticate = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        var p = key.ExportParameters(includePrivateParameters: true);
        using var token = OpenSession();
        var a = token.Attributes;
        token.Session.CreateObject(
        [
            a.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), a.Create(CKA.CKA_KEY_TYPE, CKK.CKK_RSA), a.Create(CKA.CKA_TOKEN, true),
            a.Create(CKA.CKA_PRIVATE, true), a.Create(CKA.CKA_SENSITIVE, true), a.Create(CKA.CKA_SIGN, true), a.Create(CKA.CKA_LABEL, keyLabel),
            a.Create(CKA.CKA_MODULUS, p.Modulus), a.Create(CKA.CKA_PUBLIC_EXPONENT, p.Exponent), a.Create(CKA.CKA_PRIVATE_EXPONENT, p.D),
            a.Create(CKA.CKA_PRIME_1, p.P), a.Create(CKA.CKA_PRIME_2, p.Q), a.Create(CKA.CKA_EXPONENT_1, p.DP), a.Create(CKA.CKA_EXPONENT_2, p.DQ),
            a.Create(CKA.CKA_COEFFICIENT, p.InverseQ), a.Create(CKA.CKA_ALWAYS_AUTHENTICATE, alwaysAuthenticate),
        ]);
        token.Session.CreateObject(
        [
            a.Create(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY), a.Create(CKA.CKA_KEY_TYPE, CKK.CKK_RSA), a.Create(CKA.CKA_TOKEN, true),
            a.Create(CKA.CKA_VERIFY, true), a.Create(CKA.CKA_LABEL, keyLabel), a.Create(CKA.CKA_MODULUS, p.Modulus), a.Create(CKA.CKA_PUBLIC_EXPONENT, p.Exponent),
        ]);
    }

    /// <summary>Generates a non-extractable P-256 key pair in the token (CKM_EC_KEY_PAIR_GEN).</summary>
    /// <param name="keyLabel">CKA_LABEL.</param>
    /// <param name="id">CKA_ID (one byte).</param>
    /// <param name="alwaysAuthenticate">CKA_ALWAYS_AUTHENTICATE of the private key (softhsm2-util cannot set it).</param>
    public void GenerateP256Key(string keyLabel, byte id, bool alwaysAuthenticate = false) =>
        GenerateEcKeyPair(CKM.CKM_EC_KEY_PAIR_GEN, P256Parameters, keyLabel, id, alwaysAuthenticate);

    /// <summary>Generates a non-extractable Ed25519 key pair in the token (CKM_EC_EDWARDS_KEY_PAIR_GEN, PKCS#11 v3.0; SoftHSM 2.6 implements it).</summary>
    /// <param name="keyLabel">CKA_LABEL.</param>
    /// <param name="id">CKA_ID (one byte).</param>
    public void GenerateEd25519Key(string keyLabel, byte id) =>
        GenerateEcKeyPair((CKM)0x1055, Ed25519Parameters, keyLabel, id, alwaysAuthenticate: false);

    /// <summary>
    /// Creates a sensitive generic secret key with a value the test knows (CKK_GENERIC_SECRET with CKA_SIGN, the
    /// kind of key CKM_SHA256_HMAC uses), so that what the token computes can be checked in software.
    /// </summary>
    /// <param name="value">The key's value.</param>
    /// <param name="keyLabel">CKA_LABEL.</param>
    /// <param name="id">CKA_ID, or null for none.</param>
    public void CreateSecretKey(byte[] value, string keyLabel, byte[]? id = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var token = OpenSession();
        var a = token.Attributes;
        List<IObjectAttribute> template =
        [
            a.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY), a.Create(CKA.CKA_KEY_TYPE, CKK.CKK_GENERIC_SECRET), a.Create(CKA.CKA_TOKEN, true),
            a.Create(CKA.CKA_PRIVATE, true), a.Create(CKA.CKA_SENSITIVE, true), a.Create(CKA.CKA_SIGN, true), a.Create(CKA.CKA_LABEL, keyLabel),
            a.Create(CKA.CKA_VALUE, value),
        ];
        if (id is not null)
        {
            template.Add(a.Create(CKA.CKA_ID, id));
        }

        token.Session.CreateObject(template);
    }

    /// <summary>Restores SOFTHSM2_CONF and deletes the token folder.</summary>
    public void Dispose()
    {
        SetProcessVariable("SOFTHSM2_CONF", _previousConfig);
        _folder.Dispose();
    }

    // The PKCS#11 module calls getenv(3) at C_Initialize: the native environment must change too.
    private static void SetProcessVariable(string name, string? value) => ProcessEnvironment.Set(name, value);

    // DER of the curves' OIDs as CKA_EC_PARAMS: prime256v1 1.2.840.10045.3.1.7 (RFC 5480), id-Ed25519 1.3.101.112 (RFC 8410).
    private static byte[] P256Parameters => [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];

    private static byte[] Ed25519Parameters => [0x06, 0x03, 0x2B, 0x65, 0x70];

    private void GenerateEcKeyPair(CKM mechanism, byte[] curve, string keyLabel, byte id, bool alwaysAuthenticate)
    {
        using var token = OpenSession();
        var a = token.Attributes;
        List<IObjectAttribute> privateKey =
        [
            a.Create(CKA.CKA_TOKEN, true), a.Create(CKA.CKA_PRIVATE, true), a.Create(CKA.CKA_LABEL, keyLabel), a.Create(CKA.CKA_ID, new[] { id }),
            a.Create(CKA.CKA_SIGN, true), a.Create(CKA.CKA_SENSITIVE, true), a.Create(CKA.CKA_EXTRACTABLE, false),
        ];
        if (alwaysAuthenticate)
        {
            privateKey.Add(a.Create(CKA.CKA_ALWAYS_AUTHENTICATE, true));
        }

        token.Session.GenerateKeyPair(
            token.Factories.MechanismFactory.Create(mechanism),
            [a.Create(CKA.CKA_TOKEN, true), a.Create(CKA.CKA_LABEL, keyLabel), a.Create(CKA.CKA_ID, new[] { id }), a.Create(CKA.CKA_EC_PARAMS, curve), a.Create(CKA.CKA_VERIFY, true)],
            privateKey,
            out _,
            out _);
    }

    private void Run(params string[] arguments)
    {
        var result = ExternalTool.RunAsync(Util, arguments, environment: Environment).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"softhsm2-util {arguments[0]} failed: {result.StandardError.Trim()}");
        }
    }
}
