using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// The server-side seal used by <c>POST /signing/pades</c>: a PFX from <c>Api:Signing:SealPfx</c> (password in
/// <c>Api:Signing:SealPassword</c>), or — in Development only — a self-signed development seal created on first start
/// in <c>&lt;data&gt;/development/</c>. Production should use an HSM-held qualified seal; without any seal the
/// endpoint answers 503.
/// </summary>
internal sealed class SealCertificate : IDisposable
{
    private SealCertificate(X509Certificate2? certificate, IReadOnlyList<X509Certificate2> chain, Uri? timestampAuthority)
    {
        Certificate = certificate;
        Chain = chain;
        TimestampAuthority = timestampAuthority;
    }

    public X509Certificate2? Certificate { get; }

    public IReadOnlyList<X509Certificate2> Chain { get; }

    public Uri? TimestampAuthority { get; }

    public static SealCertificate Load(IConfiguration configuration, IHostEnvironment environment, string dataDirectory)
    {
        var tsa = configuration["Api:Signing:TimestampAuthority"] is { } url ? new Uri(url, UriKind.Absolute) : null;
        var pfx = configuration["Api:Signing:SealPfx"];
        if (pfx is not null)
        {
            var path = Path.IsPathRooted(pfx) ? pfx : Path.Combine(environment.ContentRootPath, pfx);
            var collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, configuration["Api:Signing:SealPassword"], X509KeyStorageFlags.EphemeralKeySet);
            var signer = collection.FirstOrDefault(c => c.HasPrivateKey)
                ?? throw new InvalidOperationException("Api:Signing:SealPfx holds no certificate with a private key");
            return new(signer, collection.Where(c => !ReferenceEquals(c, signer)).ToList(), tsa);
        }

        if (!environment.IsDevelopment())
        {
            return new(null, [], tsa);
        }

        var folder = Path.Combine(dataDirectory, "development");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "seal.pfx");
        if (!File.Exists(file))
        {
            using var key = RSA.Create(3072);
            var request = new CertificateRequest("CN=SecurityKit development seal (not for production), O=SecurityKit", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(2));
            var temporary = file + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                // No password: the file is development-only and owner-readable only.
                stream.Write(created.Export(X509ContentType.Pkcs12));
            }

            File.Move(temporary, file, overwrite: true);
        }

        return new(X509CertificateLoader.LoadPkcs12FromFile(file, null, X509KeyStorageFlags.EphemeralKeySet), [], tsa);
    }

    public void Dispose()
    {
        Certificate?.Dispose();
        foreach (var certificate in Chain)
        {
            certificate.Dispose();
        }
    }
}
