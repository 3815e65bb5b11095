using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Collections.ObjectModel;
using System.Text.Json;
using SecurityKit.Signing.Qualified;

namespace SecurityKit.Signing.DevPki;

/// <summary>
/// A TEST-ONLY public key infrastructure for development and tests: root CA, intermediate CA, a natural person's
/// qualified-style signing certificate, a seal, a TSA, an OCSP responder, a revoked and an expired signer, and the
/// CRLs. Every name says TEST ONLY; the private keys sit in PFX files under one printed password. Its OCSP, CRL and
/// CA-issuer URLs point to <c>http://127.0.0.1:PORT/</c>, where <see cref="TestPkiServer"/> answers.
/// </summary>
/// <remarks>
/// Files: <c>root-ca.pem</c> (trust anchor), <c>intermediate-ca.pem</c>, <c>&lt;identity&gt;.pfx</c> for each
/// <see cref="TestPkiIdentity"/> (end entities with their chain), <c>root-ca.crl</c>, <c>intermediate-ca.crl</c>,
/// <c>password.txt</c>, <c>pki.json</c> (port and revocations) and <c>README-TEST-ONLY.txt</c>.
/// </remarks>
public sealed class TestPki
{
    /// <summary>The port the URLs use unless told otherwise (CONTRACTS.md).</summary>
    public const int DefaultPort = 8318;

    /// <summary>Policy OID of the test TSA (a private arc; tokens carry it).</summary>
    public const string TsaPolicy = "1.3.6.1.4.1.61034.1.1";

    private const string Organisation = "SecurityKit Test PKI - TEST ONLY, NOT FOR PRODUCTION";
    private readonly Dictionary<TestPkiIdentity, X509Certificate2> _certificates;

    private TestPki(string directory, int port, string password, Dictionary<TestPkiIdentity, X509Certificate2> certificates, DateTimeOffset revokedAt)
    {
        Directory = directory;
        Port = port;
        Password = password;
        _certificates = certificates;
        RevokedAt = revokedAt;
    }

    /// <summary>The folder the PKI lives in.</summary>
    public string Directory { get; }

    /// <summary>The loopback port its URLs name.</summary>
    public int Port { get; }

    /// <summary>The password of every PFX (test only).</summary>
    public string Password { get; }

    /// <summary>When <see cref="TestPkiIdentity.Revoked"/> was revoked.</summary>
    public DateTimeOffset RevokedAt { get; }

    /// <summary>The base URL of the PKI's services.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>A certificate with its private key.</summary>
    public X509Certificate2 this[TestPkiIdentity identity] => _certificates[identity];

    /// <summary>The root CA certificate (trust anchor).</summary>
    public X509Certificate2 Root => _certificates[TestPkiIdentity.RootCa];

    /// <summary>The intermediate CA certificate.</summary>
    public X509Certificate2 Intermediate => _certificates[TestPkiIdentity.IntermediateCa];

    /// <summary>The file name stem of an identity (<c>signer</c>, <c>root-ca</c>).</summary>
    public static string FileName(TestPkiIdentity identity) => identity switch
    {
        TestPkiIdentity.RootCa => "root-ca",
        TestPkiIdentity.IntermediateCa => "intermediate-ca",
        TestPkiIdentity.Signer => "signer",
        TestPkiIdentity.Seal => "seal",
        TestPkiIdentity.TimestampAuthority => "tsa",
        TestPkiIdentity.OcspResponder => "ocsp",
        TestPkiIdentity.Revoked => "revoked",
        _ => "expired",
    };

    /// <summary>The path of an identity's PFX.</summary>
    public string PfxPath(TestPkiIdentity identity) => Path.Combine(Directory, FileName(identity) + ".pfx");

    /// <summary>The path of the trust anchor's PEM.</summary>
    public string RootPemPath => Path.Combine(Directory, "root-ca.pem");

    /// <summary>Creates a new PKI in <paramref name="directory"/> (created if needed; existing PKI files are replaced).</summary>
    public static TestPki Create(string directory, int port = DefaultPort, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (port is < 1 or > 65535)
        {
            throw new SecurityKitException($"port {port} is not a TCP port", "port");
        }

        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        now = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
        var baseUrl = $"http://127.0.0.1:{port}";
        var certificates = new Dictionary<TestPkiIdentity, X509Certificate2>();

        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var root = Issue(Name("SecurityKit TEST ONLY Root CA"), rootKey, null, null, now.AddYears(-5), now.AddYears(15), request =>
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        });
        certificates[TestPkiIdentity.RootCa] = root;

        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var intermediate = Issue(Name("SecurityKit TEST ONLY Qualified CA"), intermediateKey, root, rootKey, now.AddYears(-4), now.AddYears(10), request =>
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([$"{baseUrl}/crl/root-ca.crl"]));
            request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(null, [$"{baseUrl}/certs/root-ca.cer"]));
        });
        certificates[TestPkiIdentity.IntermediateCa] = intermediate;

        void EndEntity(X509Extension[] extensions, X509CertificateRequestBuilder request, bool ocsp = true)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([$"{baseUrl}/crl/intermediate-ca.crl"]));
            request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(ocsp ? [$"{baseUrl}/ocsp"] : null, [$"{baseUrl}/certs/intermediate-ca.cer"]));
            foreach (var extension in extensions)
            {
                request.CertificateExtensions.Add(extension);
            }
        }

        var personQc = new X509Extension(QcStatementOids.QcStatementsExtension, QcStatements.Encode(true, [QcStatementOids.QcTypeESign], QcStatementOids.SemanticsNatural, $"{baseUrl}/pds/en"), false);
        var personPolicy = Policies(QcStatementOids.PolicyQcpNaturalQscd);
        var nonRepudiation = new X509KeyUsageExtension(X509KeyUsageFlags.NonRepudiation, true);

        using (var key = RSA.Create(3072))
        {
            certificates[TestPkiIdentity.Signer] = Issue(Person("Alice", "Tester", "PNOBE-TEST00001"), key, intermediate, intermediateKey, now.AddDays(-1), now.AddYears(3),
                r => EndEntity([nonRepudiation, personQc, personPolicy], r));
        }

        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var seal = new X500DistinguishedNameBuilder();
            seal.AddCountryOrRegion("BE");
            seal.AddOrganizationName("SecurityKit Test Organisation - TEST ONLY");
            seal.Add("2.5.4.97", "NTRBE-TEST000001", UniversalTagNumber.UTF8String);
            seal.AddCommonName("SecurityKit TEST ONLY Seal");
            var sealQc = new X509Extension(QcStatementOids.QcStatementsExtension, QcStatements.Encode(true, [QcStatementOids.QcTypeESeal], QcStatementOids.SemanticsLegal), false);
            certificates[TestPkiIdentity.Seal] = Issue(seal.Build(), key, intermediate, intermediateKey, now.AddDays(-1), now.AddYears(3),
                r => EndEntity([nonRepudiation, sealQc, Policies(QcStatementOids.PolicyQcpLegalQscd)], r));
        }

        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            certificates[TestPkiIdentity.TimestampAuthority] = Issue(Name("SecurityKit TEST ONLY Timestamping Unit"), key, intermediate, intermediateKey, now.AddDays(-1), now.AddYears(5), r => EndEntity(
            [
                new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true),
                new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true), // RFC 3161 §2.3: critical, only timeStamping
            ], r));
        }

        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            certificates[TestPkiIdentity.OcspResponder] = Issue(Name("SecurityKit TEST ONLY OCSP Responder"), key, intermediate, intermediateKey, now.AddDays(-1), now.AddYears(5), r => EndEntity(
            [
                new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true),
                new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.9")], false),
                new X509Extension("1.3.6.1.5.5.7.48.1.5", [0x05, 0x00], false), // id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1)
            ], r, ocsp: false));
        }

        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            certificates[TestPkiIdentity.Revoked] = Issue(Person("Bob", "Revoked", "PNOBE-TEST00002"), key, intermediate, intermediateKey, now.AddDays(-10), now.AddYears(3),
                r => EndEntity([nonRepudiation, personQc, personPolicy], r));
        }

        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            certificates[TestPkiIdentity.Expired] = Issue(Person("Carol", "Expired", "PNOBE-TEST00003"), key, intermediate, intermediateKey, now.AddYears(-3), now.AddYears(-1),
                r => EndEntity([nonRepudiation, personQc, personPolicy], r));
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        var pki = new TestPki(Path.GetFullPath(directory), port, password, certificates, now.AddHours(-1));
        pki.Write();
        return pki;
    }

    /// <summary>Loads a PKI that <see cref="Create"/> wrote.</summary>
    /// <exception cref="SecurityKitException">The folder holds no test PKI, or its files do not open.</exception>
    public static TestPki Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var manifestPath = Path.Combine(directory, "pki.json");
        if (!File.Exists(manifestPath))
        {
            throw new SecurityKitException("no test PKI here (pki.json is missing; run 'securitykit dev pki --out DIR' first)", directory);
        }

        Manifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllText(manifestPath), TestPkiJsonContext.Default.Manifest)
                ?? throw new SecurityKitException("pki.json is empty", manifestPath);
        }
        catch (JsonException e)
        {
            throw new SecurityKitException("pki.json is not valid JSON", manifestPath, e);
        }

        var password = File.ReadAllText(Path.Combine(directory, "password.txt")).Trim();
        var certificates = new Dictionary<TestPkiIdentity, X509Certificate2>();
        foreach (var identity in Enum.GetValues<TestPkiIdentity>())
        {
            var path = Path.Combine(directory, FileName(identity) + ".pfx");
            try
            {
                var collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password, X509KeyStorageFlags.Exportable);
                certificates[identity] = collection.First(c => c.HasPrivateKey);
            }
            catch (CryptographicException e)
            {
                throw new SecurityKitException("a PFX of the test PKI does not open with password.txt", Path.GetFileName(path), e);
            }
        }

        return new TestPki(Path.GetFullPath(directory), manifest.Port, password, certificates, manifest.RevokedAt);
    }

    /// <summary>The chain of an end entity, without itself: intermediate then root.</summary>
    public IReadOnlyList<X509Certificate2> ChainOf(TestPkiIdentity identity) => identity switch
    {
        TestPkiIdentity.RootCa => [],
        TestPkiIdentity.IntermediateCa => [Root],
        _ => [Intermediate, Root],
    };

    /// <summary>A CRL of <paramref name="issuer"/> (root or intermediate) valid from now for a week.</summary>
    public byte[] BuildCrl(TestPkiIdentity issuer, DateTimeOffset now)
    {
        var builder = new CertificateRevocationListBuilder();
        if (issuer == TestPkiIdentity.IntermediateCa)
        {
            builder.AddEntry(this[TestPkiIdentity.Revoked].SerialNumberBytes.Span, RevokedAt, X509RevocationReason.KeyCompromise);
        }

        var ca = this[issuer];
        return builder.Build(ca, now.ToUnixTimeSeconds(), now.AddDays(7), HashAlgorithmName.SHA256, null, now.AddMinutes(-1));
    }

    /// <summary>The revocation time of a certificate the intermediate CA issued, or <see langword="null"/>.</summary>
    public DateTimeOffset? RevocationOf(ReadOnlySpan<byte> serialNumber) =>
        serialNumber.SequenceEqual(this[TestPkiIdentity.Revoked].SerialNumberBytes.Span) ? RevokedAt : null;

    private void Write()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var files = new Dictionary<string, byte[]>();
        foreach (var (identity, certificate) in _certificates)
        {
            var collection = new X509Certificate2Collection(certificate);
            collection.AddRange(ChainOf(identity).ToArray());
            files[FileName(identity) + ".pfx"] = collection.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, Password);
        }

        files["root-ca.pem"] = System.Text.Encoding.ASCII.GetBytes(Root.ExportCertificatePem() + "\n");
        files["intermediate-ca.pem"] = System.Text.Encoding.ASCII.GetBytes(Intermediate.ExportCertificatePem() + "\n");
        files["signer.pem"] = System.Text.Encoding.ASCII.GetBytes(this[TestPkiIdentity.Signer].ExportCertificatePem() + "\n");
        files["tsa.pem"] = System.Text.Encoding.ASCII.GetBytes(this[TestPkiIdentity.TimestampAuthority].ExportCertificatePem() + "\n");
        var now = DateTimeOffset.UtcNow;
        files["root-ca.crl"] = BuildCrl(TestPkiIdentity.RootCa, now);
        files["intermediate-ca.crl"] = BuildCrl(TestPkiIdentity.IntermediateCa, now);
        files["password.txt"] = System.Text.Encoding.ASCII.GetBytes(Password + "\n");
        files["pki.json"] = JsonSerializer.SerializeToUtf8Bytes(new Manifest { Port = Port, RevokedAt = RevokedAt, TestOnly = true }, TestPkiJsonContext.Default.Manifest);
        files["README-TEST-ONLY.txt"] = System.Text.Encoding.UTF8.GetBytes(
            "TEST ONLY - NOT FOR PRODUCTION.\n" +
            "This folder holds a throw-away PKI made by 'securitykit dev pki' for development and tests.\n" +
            "Its private keys are protected by the password in password.txt, which anyone can read.\n" +
            $"OCSP, CRLs and CA certificates are served by 'securitykit dev tsa --pki {Directory}' on {BaseUrl}.\n" +
            "Never trust root-ca.pem outside tests.\n");

        // Each file is written beside its final name and then moved, so a crash leaves no half-written file.
        foreach (var (name, content) in files)
        {
            var target = Path.Combine(Directory, name);
            var temporary = target + ".tmp";
            File.WriteAllBytes(temporary, content);
            File.Move(temporary, target, overwrite: true);
        }
    }

    private static X500DistinguishedName Name(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("BE");
        builder.AddOrganizationName(Organisation);
        builder.AddCommonName(commonName);
        return builder.Build();
    }

    private static X500DistinguishedName Person(string given, string surname, string serialNumber)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("BE");
        builder.Add("2.5.4.42", given, UniversalTagNumber.UTF8String);
        builder.Add("2.5.4.4", surname, UniversalTagNumber.UTF8String);
        builder.Add("2.5.4.5", serialNumber, UniversalTagNumber.PrintableString);
        builder.AddCommonName($"{given} {surname} (TEST ONLY Signature)");
        return builder.Build();
    }

    private static X509Extension Policies(string policyOid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(policyOid);
            }
        }

        return new X509Extension("2.5.29.32", writer.Encode(), false);
    }

    private static X509Certificate2 Issue(X500DistinguishedName subject, AsymmetricAlgorithm key, X509Certificate2? issuer, ECDsa? issuerKey, DateTimeOffset notBefore, DateTimeOffset notAfter, Action<X509CertificateRequestBuilder> configure)
    {
        var request = key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(subject, ec, ec.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("unsupported key", nameof(key)),
        };
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is not null)
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        }

        configure(new X509CertificateRequestBuilder(request));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40); // positive and 16 bytes long (RFC 5280 §4.1.2.2)
        X509Certificate2 certificate;
        if (issuer is null)
        {
            certificate = request.Create(subject, X509SignatureGenerator.CreateForECDsa((ECDsa)key), notBefore, notAfter, serial);
        }
        else
        {
            certificate = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey!), notBefore, notAfter, serial);
        }

        using (certificate)
        {
            var withKey = key switch
            {
                RSA rsa => certificate.CopyWithPrivateKey(rsa),
                _ => certificate.CopyWithPrivateKey((ECDsa)key),
            };
            // Re-load through PKCS#12 so the key is usable after the creating key objects are disposed.
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12, "t"), "t", X509KeyStorageFlags.Exportable);
        }
    }

    internal sealed class Manifest
    {
        public int Port { get; set; }

        public DateTimeOffset RevokedAt { get; set; }

        public bool TestOnly { get; set; }
    }

    /// <summary>Lets the issuing code add extensions without exposing <see cref="CertificateRequest"/>'s other members.</summary>
    private sealed class X509CertificateRequestBuilder(CertificateRequest request)
    {
        public Collection<X509Extension> CertificateExtensions => request.CertificateExtensions;
    }
}
