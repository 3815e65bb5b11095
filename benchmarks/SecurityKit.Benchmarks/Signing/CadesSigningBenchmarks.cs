using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using SecurityKit.Signing.Cades;
using SecurityKit.Signing.Keys;

namespace SecurityKit.Benchmarks.Signing;

/// <summary>
/// CAdES B-B detached signing (signed attributes, CMS assembly, certificate embedding) against the raw signature
/// primitive of the same key over the same 1 KiB document, per algorithm (issue 5: at most 1.25x).
/// </summary>
[Config(typeof(BenchmarkConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CadesSigningBenchmarks : IDisposable
{
    private readonly byte[] _document = new byte[1024];
    private readonly CadesService _service = new();
    private CertificateKeySigner _rsa = null!;
    private CertificateKeySigner _ecdsa = null!;
    private MlDsaSigner _mlDsa = null!;
    private RSA _rsaKey = null!;
    private ECDsa _ecdsaKey = null!;
    private CadesSignatureParameters _rsaParameters = null!;
    private CadesSignatureParameters _ecdsaParameters = null!;
    private CadesSignatureParameters _mlDsaParameters = null!;

    [GlobalSetup]
    public void Setup()
    {
        RandomNumberGenerator.Fill(_document);
        using (var key = RSA.Create(3072))
        {
            _rsa = new CertificateKeySigner(SelfSigned(new CertificateRequest("CN=bench RSA-3072", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), key));
        }

        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            _ecdsa = new CertificateKeySigner(SelfSigned(new CertificateRequest("CN=bench P-256", key, HashAlgorithmName.SHA256), key));
        }

        _rsaKey = _rsa.Certificate.GetRSAPrivateKey()!;
        _ecdsaKey = _ecdsa.Certificate.GetECDsaPrivateKey()!;
        _mlDsa = MlDsa65Signer();
        _rsaParameters = CadesSignatureParameters.For(_rsa);
        _ecdsaParameters = CadesSignatureParameters.For(_ecdsa);
        _mlDsaParameters = CadesSignatureParameters.For(_mlDsa);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        _rsa.Dispose();
        _ecdsa.Dispose();
        _rsaKey.Dispose();
        _ecdsaKey.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw RSA-3072 PKCS#1 v1.5 SHA-256")]
    [BenchmarkCategory("RSA-3072")]
    public byte[] RawRsa() => _rsaKey.SignData(_document, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "CAdES B-B RSA-3072")]
    [BenchmarkCategory("RSA-3072")]
    public byte[] CadesRsa() => _service.SignAsync(new MemoryStream(_document, false), _rsaParameters, _rsa).GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "raw ECDSA P-256 SHA-256")]
    [BenchmarkCategory("ECDSA-P256")]
    public byte[] RawEcdsa() => _ecdsaKey.SignData(_document, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    [Benchmark(Description = "CAdES B-B ECDSA P-256")]
    [BenchmarkCategory("ECDSA-P256")]
    public byte[] CadesEcdsa() => _service.SignAsync(new MemoryStream(_document, false), _ecdsaParameters, _ecdsa).GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "raw ML-DSA-65 (BouncyCastle)")]
    [BenchmarkCategory("ML-DSA-65")]
    public byte[] RawMlDsa() => _mlDsa.Sign(_document);

    [Benchmark(Description = "CAdES B-B ML-DSA-65")]
    [BenchmarkCategory("ML-DSA-65")]
    public byte[] CadesMlDsa() => _service.SignAsync(new MemoryStream(_document, false), _mlDsaParameters, _mlDsa).GetAwaiter().GetResult();

    private static X509Certificate2 SelfSigned(CertificateRequest request, AsymmetricAlgorithm key)
    {
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.NonRepudiation, true));
        _ = key; // CreateSelfSigned binds the request's key; re-load so it outlives the caller's key object.
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12, "b"), "b");
    }

    private static MlDsaSigner MlDsa65Signer()
    {
        var generator = new MLDsaKeyPairGenerator();
        generator.Init(new MLDsaKeyGenerationParameters(new SecureRandom(), MLDsaParameters.ml_dsa_65));
        var pair = generator.GenerateKeyPair();
        // The certificate is signed by a throw-away ECDSA issuer: only its public key matters here.
        using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(BigInteger.One);
        builder.SetIssuerDN(new X509Name("CN=bench issuer"));
        builder.SetSubjectDN(new X509Name("CN=bench ML-DSA-65"));
        builder.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        builder.SetNotAfter(DateTime.UtcNow.AddYears(1));
        builder.SetPublicKey(pair.Public);
        var certificate = builder.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", PrivateKeyFactory.CreateKey(issuerKey.ExportPkcs8PrivateKey())));
        return new MlDsaSigner((MLDsaPrivateKeyParameters)pair.Private, X509CertificateLoader.LoadCertificate(certificate.GetEncoded()));
    }
}
