using System.Security.Cryptography.X509Certificates;
using SecurityKit.Crypto;
using SecurityKit.Signing.Batch;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// The PKCS#11 keys batch signatories may sign with (device <c>pkcs11</c>): one token
/// (<c>Api:Signing:Pkcs11:ModulePath</c>, <c>:TokenLabel</c>, <c>:UserPin</c>) and, per key, its CKA_LABEL and a PEM
/// file with its certificate first and then the chain (<c>Api:Signing:Pkcs11:Keys:N:Label</c>, <c>:Certificate</c>).
/// </summary>
/// <remarks>
/// Callers name a key by label, so only configured labels are usable: a caller with the <c>sign</c> scope must not be
/// able to sign with any key the token happens to hold. The PIN comes from configuration (a secret store), never from
/// a request, and a signatory session logs in once (<see cref="Pkcs11BatchDevice"/>).
/// </remarks>
internal sealed class HsmKeys : IDisposable
{
    private readonly Dictionary<string, (X509Certificate2 Certificate, X509Certificate2[] Chain)> keys;

    private HsmKeys(Pkcs11Options? options, Dictionary<string, (X509Certificate2, X509Certificate2[])> keys)
    {
        Options = options;
        this.keys = keys;
    }

    public Pkcs11Options? Options { get; }

    public bool Has(string label) => Options is not null && keys.ContainsKey(label);

    public static HsmKeys Load(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("Api:Signing:Pkcs11");
        var found = new Dictionary<string, (X509Certificate2, X509Certificate2[])>(StringComparer.Ordinal);
        if (section["ModulePath"] is not { Length: > 0 } module)
        {
            return new(null, found);
        }

        var options = new Pkcs11Options
        {
            ModulePath = module,
            TokenLabel = section["TokenLabel"] ?? throw new InvalidOperationException("Api:Signing:Pkcs11:TokenLabel is required with a PKCS#11 module"),
            UserPin = section["UserPin"] ?? throw new InvalidOperationException("Api:Signing:Pkcs11:UserPin is required with a PKCS#11 module"),
        };
        foreach (var key in section.GetSection("Keys").GetChildren())
        {
            var label = key["Label"] ?? throw new InvalidOperationException($"Api:Signing:Pkcs11:Keys:{key.Key}:Label is required");
            var pem = key["Certificate"] ?? throw new InvalidOperationException($"Api:Signing:Pkcs11:Keys:{key.Key}:Certificate (PEM file) is required");
            var path = Path.IsPathRooted(pem) ? pem : Path.Combine(environment.ContentRootPath, pem);
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            if (certificates.Count == 0)
            {
                throw new InvalidOperationException($"Api:Signing:Pkcs11:Keys:{key.Key}:Certificate holds no certificate");
            }

            found[label] = (certificates[0], certificates.Skip(1).ToArray());
        }

        return new(options, found);
    }

    /// <summary>The batch device for a configured key: the signature algorithm follows the certificate's key.</summary>
    public Pkcs11BatchDevice Device(string label)
    {
        var (certificate, chain) = keys[label];
        return new Pkcs11BatchDevice(Options!, AlgorithmOf(certificate), label, certificate, chain);
    }

    public void Dispose()
    {
        foreach (var (certificate, chain) in keys.Values)
        {
            certificate.Dispose();
            foreach (var c in chain)
            {
                c.Dispose();
            }
        }
    }

    private static SignatureAlgorithm AlgorithmOf(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null)
        {
            return rsa.KeySize switch
            {
                2048 => SignatureAlgorithm.Rsa2048Pkcs1,
                3072 => SignatureAlgorithm.Rsa3072Pkcs1,
                4096 => SignatureAlgorithm.Rsa4096Pkcs1,
                _ => throw new SecurityKitException($"an RSA key of {rsa.KeySize} bits is not supported (2048, 3072 or 4096)", "Api:Signing:Pkcs11:Keys"),
            };
        }

        using var ec = certificate.GetECDsaPublicKey();
        return ec?.KeySize == 256
            ? SignatureAlgorithm.EcdsaP256Sha256
            : throw new SecurityKitException("the key is neither RSA nor ECDSA P-256", "Api:Signing:Pkcs11:Keys");
    }
}
