using System.Security.Cryptography;

namespace SecurityKit.Crypto;

/// <summary>Key material held by the platform (System.Security.Cryptography over OpenSSL): RSA, ECDSA, ML-DSA where supported.</summary>
internal sealed class PlatformKeyMaterial<T>(T key, bool hasPrivateKey) : KeyMaterial
    where T : class, IDisposable
{
    private readonly Lock _acceleratorGate = new();
    private IDisposable? _accelerator;
    private bool _acceleratorTried;

    public T Key { get; } = key;

    public override bool HasPrivateKey { get; } = hasPrivateKey;

    public override byte[] ExportPkcs8() => Key switch
    {
        AsymmetricAlgorithm a => a.ExportPkcs8PrivateKey(),
#pragma warning disable SYSLIB5006 // ML-DSA is experimental in .NET 10 on some platforms
        MLDsa m => m.ExportPkcs8PrivateKey(),
#pragma warning restore SYSLIB5006
        _ => throw new NotSupportedException(),
    };

    public override byte[] ExportSubjectPublicKeyInfo() => Key switch
    {
        AsymmetricAlgorithm a => a.ExportSubjectPublicKeyInfo(),
#pragma warning disable SYSLIB5006
        MLDsa m => m.ExportSubjectPublicKeyInfo(),
#pragma warning restore SYSLIB5006
        _ => throw new NotSupportedException(),
    };

    /// <summary>
    /// A faster signer bound to this key (made once by <paramref name="create"/>, disposed with the key), or null
    /// when <paramref name="create"/> found none for this platform.
    /// </summary>
    public TAccelerator? Accelerator<TAccelerator>(Func<T, TAccelerator?> create)
        where TAccelerator : class, IDisposable
    {
        if (Volatile.Read(ref _acceleratorTried))
        {
            return _accelerator as TAccelerator;
        }

        lock (_acceleratorGate)
        {
            if (!_acceleratorTried)
            {
                _accelerator = create(Key);
                Volatile.Write(ref _acceleratorTried, true);
            }

            return _accelerator as TAccelerator;
        }
    }

    protected override void Dispose(bool disposing)
    {
        // OpenSSL frees private keys with BN_clear_free / OPENSSL_clear_free, so disposal is also erasure.
        if (disposing)
        {
            _accelerator?.Dispose();
            Key.Dispose();
        }
    }
}
