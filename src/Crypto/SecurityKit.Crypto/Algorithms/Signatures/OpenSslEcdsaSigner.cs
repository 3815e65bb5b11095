using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SecurityKit.Crypto;

/// <summary>
/// ECDSA signing through the OpenSSL library that .NET itself uses, with a prepared <c>EVP_PKEY_CTX</c> kept per
/// key. Why by hand: .NET's <c>ECDsa.SignHash</c> on Linux creates, initialises and frees an <c>EVP_PKEY_CTX</c>
/// on every call, and on OpenSSL 3.0 that setup (provider and algorithm fetch, under locks) is a large share of a
/// P-256 signature; <c>openssl speed</c> prepares the context once and then calls <c>EVP_PKEY_sign</c> in a loop.
/// This class does the same: the key is .NET's own <c>EVP_PKEY</c> (<see cref="ECDsaOpenSsl.DuplicateKeyHandle"/>),
/// contexts are pooled (a context is not safe for concurrent use, so each signature takes one out of the pool), and
/// the output is OpenSSL's DER Ecdsa-Sig-Value (RFC 3279 §2.2.3), exactly what .NET returns. Used only when
/// the process's libcrypto is the very library .NET loaded (same <c>OpenSSL_version_num</c>); otherwise
/// <see cref="TryCreate"/> returns null and the caller keeps .NET's path.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed unsafe class OpenSslEcdsaSigner : IDisposable
{
    private static readonly Lazy<Native?> Library = new(Native.TryLoad);

    private readonly SafeEvpPKeyHandle _key;
    private readonly ConcurrentBag<nint> _contexts = [];
    private readonly Native _native;
    private int _disposed;

    private OpenSslEcdsaSigner(Native native, SafeEvpPKeyHandle key)
    {
        _native = native;
        _key = key;
    }

    /// <summary>A signer for <paramref name="ecdsa"/>, or null where the fast path is not available.</summary>
    public static OpenSslEcdsaSigner? TryCreate(ECDsa ecdsa)
    {
        if (ecdsa is not ECDsaOpenSsl openSsl || Library.Value is not { } native)
        {
            return null;
        }

        var handle = openSsl.DuplicateKeyHandle();
        var signer = new OpenSslEcdsaSigner(native, handle);
        try
        {
            // Prepare one context now so that a key OpenSSL cannot sign with falls back at once, not at first use.
            signer._contexts.Add(signer.NewContext());
            return signer;
        }
        catch (CryptographicException)
        {
            signer.Dispose();
            return null;
        }
    }

    /// <summary>Signs a precomputed digest; returns the length of the DER signature written.</summary>
    public int SignHash(ReadOnlySpan<byte> digest, Span<byte> signature)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_contexts.TryTake(out var context))
        {
            context = NewContext();
        }

        try
        {
            nuint length = (nuint)signature.Length;
            int result;
            fixed (byte* sig = signature)
            fixed (byte* tbs = digest)
            {
                result = _native.Sign(context, sig, &length, tbs, (nuint)digest.Length);
            }

            if (result <= 0)
            {
                throw new CryptographicException("OpenSSL EVP_PKEY_sign failed for the ECDSA key");
            }

            return (int)length;
        }
        finally
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                _contexts.Add(context);
            }
            else
            {
                _native.FreeContext(context);
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        while (_contexts.TryTake(out var context))
        {
            _native.FreeContext(context);
        }

        // The contexts held their own reference to the EVP_PKEY; this frees ours (OpenSSL clears the key on last free).
        _key.Dispose();
    }

    private nint NewContext()
    {
        var added = false;
        _key.DangerousAddRef(ref added);
        try
        {
            var context = _native.NewContext(_key.DangerousGetHandle(), 0);
            if (context == 0)
            {
                throw new CryptographicException("OpenSSL EVP_PKEY_CTX_new failed");
            }

            if (_native.SignInit(context) <= 0)
            {
                _native.FreeContext(context);
                throw new CryptographicException("OpenSSL EVP_PKEY_sign_init failed");
            }

            return context;
        }
        finally
        {
            if (added)
            {
                _key.DangerousRelease();
            }
        }
    }

    /// <summary>The four libcrypto entry points, resolved from the library .NET uses.</summary>
    private sealed class Native
    {
        public delegate* unmanaged<nint, nint, nint> NewContext;
        public delegate* unmanaged<nint, int> SignInit;
        public delegate* unmanaged<nint, byte*, nuint*, byte*, nuint, int> Sign;
        public delegate* unmanaged<nint, void> FreeContext;

        public static Native? TryLoad()
        {
            // .NET on Linux binds to libcrypto.so.3 when OpenSSL 3 is installed; SafeEvpPKeyHandle.OpenSslVersion says
            // which version it bound to. dlopen of the same soname returns the same library, and the version check
            // below makes sure an EVP_PKEY made by .NET is never handed to a different libcrypto.
            if (SafeEvpPKeyHandle.OpenSslVersion >> 28 != 3 || !NativeLibrary.TryLoad("libcrypto.so.3", out var library))
            {
                return null;
            }

            if (!NativeLibrary.TryGetExport(library, "OpenSSL_version_num", out var versionNum)
                || ((delegate* unmanaged<nuint>)versionNum)() != (nuint)SafeEvpPKeyHandle.OpenSslVersion
                || !NativeLibrary.TryGetExport(library, "EVP_PKEY_CTX_new", out var newContext)
                || !NativeLibrary.TryGetExport(library, "EVP_PKEY_sign_init", out var signInit)
                || !NativeLibrary.TryGetExport(library, "EVP_PKEY_sign", out var sign)
                || !NativeLibrary.TryGetExport(library, "EVP_PKEY_CTX_free", out var freeContext))
            {
                return null;
            }

            return new Native
            {
                NewContext = (delegate* unmanaged<nint, nint, nint>)newContext,
                SignInit = (delegate* unmanaged<nint, int>)signInit,
                Sign = (delegate* unmanaged<nint, byte*, nuint*, byte*, nuint, int>)sign,
                FreeContext = (delegate* unmanaged<nint, void>)freeContext,
            };
        }
    }
}
