using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Tsp;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Pades;

/// <summary>
/// A throw-away PKI for the PAdES tests: a root CA, a signer (RSA-2048 and ECDSA P-256 variants), a TSA certificate,
/// and a loopback HTTP server that serves the root's CRL and an RFC 3161 TSA (BouncyCastle's server side), so that
/// B-T, B-LT and B-LTA run without any outside service.
/// </summary>
public sealed class PadesTestPki : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stop = new();
    private readonly RSA rootKey = RSA.Create(2048);
    private readonly RSA tsaKey = RSA.Create(2048);
    private readonly Task serving;
    private long serial = 100;

    public PadesTestPki()
    {
        Port = FreePort.Next();
        var now = DateTimeOffset.UtcNow;
        var rootRequest = new CertificateRequest("CN=PAdES Test Root, O=SecurityKit Tests", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        Root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));

        using (var signerKey = RSA.Create(2048))
        {
            Signer = Issue("CN=Alice Signer, O=SecurityKit Tests", signerKey, now, tsa: false);
        }

        using (var ecKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            EcSigner = Issue("CN=Bob Ecdsa, O=SecurityKit Tests", ecKey, now, tsa: false);
        }

        Tsa = Issue("CN=PAdES Test TSA, O=SecurityKit Tests", tsaKey, now, tsa: true);
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Signer { get; }

    public X509Certificate2 EcSigner { get; }

    public X509Certificate2 Tsa { get; }

    public Uri TsaUrl => new($"http://127.0.0.1:{Port}/tsa");

    public X509Certificate2Collection Anchors => [Root];

    /// <summary>Serial numbers the CRL lists as revoked.</summary>
    public List<byte[]> Revoked { get; } = [];

    private X509Certificate2 Issue(string subject, AsymmetricAlgorithm key, DateTimeOffset now, bool tsa)
    {
        var request = key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("RSA or ECDSA keys only", nameof(key)),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            tsa ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        if (tsa)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
        }

        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([$"http://127.0.0.1:{Port}/root.crl"]));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        var serialNumber = BitConverter.GetBytes(Interlocked.Increment(ref serial));
        Array.Reverse(serialNumber);
        using var issued = request.Create(Root.SubjectName, X509SignatureGenerator.CreateForRSA(rootKey, RSASignaturePadding.Pkcs1), now.AddDays(-1), now.AddYears(1), serialNumber);
        return key switch
        {
            RSA rsa => issued.CopyWithPrivateKey(rsa),
            ECDsa ec => issued.CopyWithPrivateKey(ec),
            _ => throw new ArgumentException("RSA or ECDSA keys only", nameof(key)),
        };
    }

    private byte[] Crl()
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var revoked in Revoked)
        {
            builder.AddEntry(revoked, DateTimeOffset.UtcNow.AddMinutes(-5), X509RevocationReason.KeyCompromise);
        }

        return builder.Build(Root, 1, DateTimeOffset.UtcNow.AddDays(7), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private byte[] Timestamp(byte[] requestBytes)
    {
        var request = new TimeStampRequest(requestBytes);
        var bcTsa = Org.BouncyCastle.Security.DotNetUtilities.FromX509Certificate(Tsa);
        var generator = new TimeStampTokenGenerator(
            Org.BouncyCastle.Security.DotNetUtilities.GetRsaKeyPair(tsaKey).Private, bcTsa, "2.16.840.1.101.3.4.2.1", "1.2.3.4.1");
        var store = Org.BouncyCastle.Utilities.Collections.CollectionUtilities.CreateStore(
            new[] { bcTsa, Org.BouncyCastle.Security.DotNetUtilities.FromX509Certificate(Root) });
        generator.SetCertificates(store);
        var responseGenerator = new TimeStampResponseGenerator(generator, TspAlgorithms.Allowed);
        return responseGenerator.Generate(request, new Org.BouncyCastle.Math.BigInteger(64, new Org.BouncyCastle.Security.SecureRandom()), DateTime.UtcNow).GetEncoded();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                byte[] body;
                string type;
                if (context.Request.Url!.AbsolutePath == "/root.crl")
                {
                    body = Crl();
                    type = "application/pkix-crl";
                }
                else
                {
                    using var input = new MemoryStream();
                    await context.Request.InputStream.CopyToAsync(input);
                    body = Timestamp(input.ToArray());
                    type = "application/timestamp-reply";
                }

                context.Response.ContentType = type;
                await context.Response.OutputStream.WriteAsync(body);
            }
            catch (Exception e) when (e is IOException or TspException or HttpListenerException or ArgumentException)
            {
                context.Response.StatusCode = 500;
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        stop.Dispose();
        rootKey.Dispose();
        tsaKey.Dispose();
        Root.Dispose();
        Signer.Dispose();
        EcSigner.Dispose();
        Tsa.Dispose();
    }
}
