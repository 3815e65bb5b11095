using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SecurityKit.Testing;

namespace SecurityKit.Crypto.Tests.Inventory;

/// <summary>
/// A folder with one file of every kind the inventory reads: certificates (PEM, DER, PFX), a CAdES-style detached
/// CMS, a PDF with a signature dictionary, nginx and Apache TLS settings, PEM keys and a .NET assembly.
/// </summary>
public sealed class InventoryFixture : IDisposable
{
    public const string PfxPassword = "pfx-pass";

    private readonly TemporaryDirectory _folder = new("sk-inventory");

    public InventoryFixture()
    {
        using var rsa = RSA.Create(3072);
        using var rsaCertificate = SelfSigned("CN=rsa3072", new CertificateRequest("CN=rsa3072", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        System.IO.File.WriteAllText(File("certs/rsa3072.pem"), rsaCertificate.ExportCertificatePem());

        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var ecCertificate = SelfSigned("CN=p384", new CertificateRequest("CN=p384", ec, HashAlgorithmName.SHA384));
        System.IO.File.WriteAllBytes(File("certs/p384.cer"), ecCertificate.Export(X509ContentType.Cert));

        using var ec256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var pfxCertificate = SelfSigned("CN=seal", new CertificateRequest("CN=seal", ec256, HashAlgorithmName.SHA256));
        System.IO.File.WriteAllBytes(File("certs/seal.pfx"), pfxCertificate.Export(X509ContentType.Pfx, PfxPassword));

        // Detached CMS over a document, signed with the RSA certificate (as a CAdES B-B signature would be).
        var cms = new SignedCms(new ContentInfo("decision"u8.ToArray()), detached: true);
        cms.ComputeSignature(new CmsSigner(rsaCertificate) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1") });
        CmsBytes = cms.Encode();
        System.IO.File.WriteAllBytes(File("signed/decision.p7s"), CmsBytes);

        // A PDF whose signature dictionary carries a CMS in /Contents, zero-padded as PDF signers do (ISO 32000-1 §12.8.1).
        var contents = Convert.ToHexString(CmsBytes) + new string('0', 2048);
        System.IO.File.WriteAllText(
            File("signed/avis.pdf"),
            "%PDF-1.7\n1 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 100 200 300] /Contents <" + contents + "> >>\nendobj\n%%EOF\n",
            Encoding.Latin1);

        System.IO.File.WriteAllText(File("tls/nginx.conf"), """
            server {
                listen 443 ssl;
                ssl_protocols TLSv1.2 TLSv1.3;
                ssl_ciphers ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA:!aNULL;
            }
            """);
        System.IO.File.WriteAllText(File("tls/ssl.conf"), """
            SSLProtocol -all +TLSv1.3
            SSLCipherSuite TLSv1.3 TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256
            """);

        using var mlDsa = Key.Create(SignatureAlgorithm.MlDsa65);
        System.IO.File.WriteAllBytes(File("keys/ml-dsa-65.pub.pem"), mlDsa.PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoPem));
        System.IO.File.WriteAllText(File("keys/rsa2048.pem"), RSA.Create(2048).ExportPkcs8PrivateKeyPem());

        System.IO.File.Copy(typeof(Key).Assembly.Location, File("bin/SecurityKit.Crypto.dll"));
        System.IO.File.WriteAllBytes(File("certs/damaged.der"), [0x30, 0x82, 0x10, 0x00, 0x01, 0x02]);
    }

    public string Root => _folder.Path;

    public byte[] CmsBytes { get; }

    public string File(string relative)
    {
        var path = Path.Combine(_folder.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    public void Dispose() => _folder.Dispose();

    private static X509Certificate2 SelfSigned(string subject, CertificateRequest request)
    {
        _ = subject;
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }
}
