using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace SecurityKit.Crypto;

/// <summary>
/// Keys in a PKCS#11 token (an HSM, a smart card, SoftHSM2) through Pkcs11Interop. Keys are found by label and/or
/// CKA_ID; signatures are made inside the token, so the private key never leaves it. Keys marked
/// CKA_ALWAYS_AUTHENTICATE (as on the Belgian eID card's signature key) get a context-specific login before each
/// signature (PKCS#11 v2.40 §5.2, C_Login with CKU_CONTEXT_SPECIFIC). Logged-in sessions are pooled (up to
/// <see cref="Pkcs11Options.MaxSessions"/>) so that concurrent signers do not serialise on one session; the login
/// state is per token and application (PKCS#11 §5.6), so one C_Login serves every pooled session.
/// </summary>
/// <remarks>
/// Mechanisms: RSA PKCS#1 v1.5 = CKM_SHA256_RSA_PKCS; RSA-PSS = CKM_SHA256_RSA_PKCS_PSS with MGF1-SHA256 and a
/// 32-byte salt; ECDSA = CKM_ECDSA over a hash computed here (supported by every token), its raw r || s converted to
/// the DER Ecdsa-Sig-Value that <see cref="EcdsaSignatureAlgorithm"/> produces; Ed25519 = CKM_EDDSA without
/// parameters (pure Ed25519, PKCS#11 v3.0 §2.3.14) on a CKK_EC_EDWARDS key, as SoftHSM 2.6 implements it;
/// HMAC-SHA256 = CKM_SHA256_HMAC on generic secret keys (<see cref="GetSecretKey"/>).
/// </remarks>
public sealed class Pkcs11KeyProvider : IDisposable
{
    private static readonly ConcurrentDictionary<string, (IPkcs11Library Library, int References)> Modules = new(StringComparer.Ordinal);
    private static readonly Lock ModulesLock = new();

    // PKCS#11 v3.0 values that Pkcs11Interop 5.3 (a v2.40 binding) has no names for.
    private const CKK KeyTypeEcEdwards = (CKK)0x40;
    private const CKM MechanismEdDsa = (CKM)0x1057;

    private readonly Pkcs11InteropFactories _factories = new();
    private readonly string _modulePath;
    private readonly IPkcs11Library _library;
    private readonly ISlot _slot;
    private readonly string _pin;
    private readonly string _tokenLabel;
    private readonly ConcurrentBag<ISession> _idle = [];
    private readonly SemaphoreSlim _available;
    private readonly ISession _loginSession;
    private bool _disposed;

    static Pkcs11KeyProvider() => Pkcs11NativeResolver.Register();

    /// <summary>Opens the token and logs in.</summary>
    /// <param name="options">Module, token and PIN.</param>
    /// <exception cref="HsmException">Module missing, token absent, PIN wrong or locked.</exception>
    public Pkcs11KeyProvider(Pkcs11Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _modulePath = options.ModulePath;
        _pin = options.UserPin;
        _tokenLabel = options.TokenLabel;
        _available = new SemaphoreSlim(Math.Max(1, options.MaxSessions));
        if (!File.Exists(options.ModulePath))
        {
            throw new HsmException(HsmFailure.ModuleNotFound, "PKCS#11 module not found", options.ModulePath);
        }

        _library = Acquire(_factories, options.ModulePath);
        try
        {
            _slot = _library.GetSlotList(SlotsType.WithTokenPresent)
                .FirstOrDefault(s => s.GetTokenInfo().Label.Trim() == options.TokenLabel)
                ?? throw new HsmException(HsmFailure.TokenNotFound, $"no token labelled '{options.TokenLabel}'", options.ModulePath);
            _loginSession = _slot.OpenSession(SessionType.ReadOnly);
            try
            {
                _loginSession.Login(CKU.CKU_USER, options.UserPin);
            }
            catch (Pkcs11Exception exception) when (exception.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                // Another provider in this process logged in to the same token: the login is shared.
            }
        }
        catch (Pkcs11Exception exception)
        {
            Release(options.ModulePath);
            throw Translate(exception, $"token '{options.TokenLabel}'");
        }
        catch
        {
            Release(options.ModulePath);
            throw;
        }
    }

    /// <summary>Finds a private key by label and/or id and binds it to <paramref name="algorithm"/>.</summary>
    /// <param name="algorithm">An RSA, ECDSA or Ed25519 algorithm whose key type and size match the token key.</param>
    /// <param name="label">The key's CKA_LABEL, or null.</param>
    /// <param name="id">The key's CKA_ID, or null.</param>
    /// <returns>A key that signs inside the token and is never exportable.</returns>
    public Key GetKey(SignatureAlgorithm algorithm, string? label = null, byte[]? id = null)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (label is null && id is null)
        {
            throw new ArgumentException("give a label, an id or both");
        }

        if (algorithm is not (RsaSignatureAlgorithm or EcdsaSignatureAlgorithm or Ed25519SignatureAlgorithm))
        {
            throw new UnsupportedAlgorithmException(algorithm.Name, "PKCS#11 key provider (RSA, ECDSA and Ed25519 keys only)");
        }

        var where = Where(label, id);
        var session = Rent();
        try
        {
            var privateKey = Find(session, CKO.CKO_PRIVATE_KEY, label, id)
                ?? throw new HsmException(HsmFailure.KeyNotFound, "the token holds no such private key", where);
            var publicKey = Find(session, CKO.CKO_PUBLIC_KEY, label, id)
                ?? throw new HsmException(HsmFailure.KeyNotFound, "the token holds no public key beside the private key", where);
            var attributes = session.GetAttributeValue(privateKey, [CKA.CKA_KEY_TYPE, CKA.CKA_ALWAYS_AUTHENTICATE]);
            var keyType = (CKK)attributes[0].GetValueAsUlong();
            var alwaysAuthenticate = !attributes[1].CannotBeRead && attributes[1].GetValueAsBool();
            var spki = PublicKeyInfo(session, publicKey, keyType, algorithm, where);
            var material = new Pkcs11KeyMaterial(this, privateKey, spki, alwaysAuthenticate);
            _ = algorithm.ImportPublicKeyMaterial(spki); // checks key size / curve against the algorithm
            return new Key(algorithm, material, KeyExportPolicies.None);
        }
        catch (KeyFormatException exception)
        {
            throw new HsmException(HsmFailure.KeyMismatch, exception.Message, where, exception);
        }
        catch (Pkcs11Exception exception)
        {
            throw Translate(exception, where);
        }
        finally
        {
            Return(session);
        }
    }

    /// <summary>Finds a generic secret key (HMAC-SHA256) by label and/or id.</summary>
    /// <param name="label">The key's CKA_LABEL, or null.</param>
    /// <param name="id">The key's CKA_ID, or null.</param>
    /// <returns>The key; it computes HMAC-SHA256 inside the token.</returns>
    /// <exception cref="HsmException">No such key (KeyNotFound), or a key of another type (KeyMismatch).</exception>
    public Pkcs11SecretKey GetSecretKey(string? label = null, byte[]? id = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var where = Where(label, id);
        var session = Rent();
        try
        {
            var key = Find(session, CKO.CKO_SECRET_KEY, label, id)
                ?? throw new HsmException(HsmFailure.KeyNotFound, "the token holds no such secret key", where);
            var keyType = (CKK)session.GetAttributeValue(key, [CKA.CKA_KEY_TYPE])[0].GetValueAsUlong();
            if (keyType is not (CKK.CKK_GENERIC_SECRET or CKK.CKK_SHA256_HMAC))
            {
                throw new HsmException(HsmFailure.KeyMismatch, $"the token key is {keyType}, not a generic secret (HMAC) key", where);
            }

            return new Pkcs11SecretKey(this, key, where);
        }
        catch (Pkcs11Exception exception)
        {
            throw Translate(exception, where);
        }
        finally
        {
            Return(session);
        }
    }

    /// <summary>
    /// Generates a 256-bit generic secret key in the token (CKM_GENERIC_SECRET_KEY_GEN): a token object, private,
    /// sensitive and not extractable, usable only to compute MACs (CKA_SIGN).
    /// </summary>
    /// <param name="label">CKA_LABEL of the new key.</param>
    /// <param name="id">CKA_ID of the new key.</param>
    /// <returns>The key.</returns>
    /// <exception cref="HsmException">A key with this label already exists, or the token refused.</exception>
    public Pkcs11SecretKey GenerateSecretKey(string label, byte[] id)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentNullException.ThrowIfNull(id);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var where = Where(label, id);
        try
        {
            using var session = _slot.OpenSession(SessionType.ReadWrite);
            if (Find(session, CKO.CKO_SECRET_KEY, label, null) is not null)
            {
                throw new HsmException(HsmFailure.DeviceError, "the token already holds a secret key with this label; refusing to add a second", where);
            }

            var a = _factories.ObjectAttributeFactory;
            using var mechanism = _factories.MechanismFactory.Create(CKM.CKM_GENERIC_SECRET_KEY_GEN);
            var key = session.GenerateKey(mechanism, [
                a.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
                a.Create(CKA.CKA_KEY_TYPE, CKK.CKK_GENERIC_SECRET),
                a.Create(CKA.CKA_VALUE_LEN, 32UL),
                a.Create(CKA.CKA_TOKEN, true),
                a.Create(CKA.CKA_PRIVATE, true),
                a.Create(CKA.CKA_SENSITIVE, true),
                a.Create(CKA.CKA_EXTRACTABLE, false),
                a.Create(CKA.CKA_SIGN, true),
                a.Create(CKA.CKA_VERIFY, true),
                a.Create(CKA.CKA_ENCRYPT, false),
                a.Create(CKA.CKA_DECRYPT, false),
                a.Create(CKA.CKA_WRAP, false),
                a.Create(CKA.CKA_UNWRAP, false),
                a.Create(CKA.CKA_DERIVE, false),
                a.Create(CKA.CKA_LABEL, label),
                a.Create(CKA.CKA_ID, id),
            ]);
            return new Pkcs11SecretKey(this, key, where);
        }
        catch (Pkcs11Exception exception)
        {
            throw Translate(exception, where);
        }
    }

    /// <summary>Closes the sessions and, when no other provider uses it, finalises the module.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }

        try
        {
            _loginSession.Logout();
        }
        catch (Pkcs11Exception)
        {
            // already logged out (token removed, or another provider logged out)
        }

        _loginSession.Dispose();
        _available.Dispose();
        Release(_modulePath);
    }

    /// <summary>
    /// Whether <paramref name="key"/> is a key of a PKCS#11 token marked CKA_ALWAYS_AUTHENTICATE, so that each
    /// signature needs its own context-specific login (PKCS#11 v2.40 §4.9 and §5.2), as the Belgian eID card's
    /// non-repudiation key does.
    /// </summary>
    /// <param name="key">A key from <see cref="GetKey"/> (any other key gives false).</param>
    /// <returns>True when every signature needs a PIN.</returns>
    public static bool RequiresPinPerSignature(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Material is Pkcs11KeyMaterial { AlwaysAuthenticate: true };
    }

    /// <summary>
    /// Signs with a CKA_ALWAYS_AUTHENTICATE key of this provider, giving <paramref name="contextSpecificPin"/> to the
    /// context-specific login of this one signature (C_SignInit, C_Login with CKU_CONTEXT_SPECIFIC, C_Sign: PKCS#11
    /// v2.40 §5.2) instead of the configured user PIN, so that a client can collect one PIN per signature. The UTF-8
    /// copy of the PIN is zeroed after the call. A key without that attribute signs without using the PIN.
    /// </summary>
    /// <param name="key">A key from this provider's <see cref="GetKey"/>.</param>
    /// <param name="data">The data to sign (hashed by the token or here, as for <see cref="SignatureAlgorithm.Sign(Key, ReadOnlySpan{byte})"/>).</param>
    /// <param name="contextSpecificPin">The PIN for this signature.</param>
    /// <returns>The signature value, in the algorithm's encoding.</returns>
    /// <exception cref="HsmException">PIN refused (<see cref="HsmFailure.PinIncorrect"/>) or locked
    /// (<see cref="HsmFailure.PinLocked"/>), or another token error.</exception>
    public byte[] SignWithPin(Key key, ReadOnlySpan<byte> data, ReadOnlySpan<char> contextSpecificPin)
    {
        ArgumentNullException.ThrowIfNull(key);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (key.Material is not Pkcs11KeyMaterial material || !ReferenceEquals(material.Provider, this) || key.Algorithm is not SignatureAlgorithm algorithm)
        {
            throw new ArgumentException("the key is not a signing key of this PKCS#11 provider", nameof(key));
        }

        var pin = new byte[Encoding.UTF8.GetByteCount(contextSpecificPin)];
        try
        {
            Encoding.UTF8.GetBytes(contextSpecificPin, pin);
            return SignRaw(algorithm, material.Handle, material.AlwaysAuthenticate, pin, data);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pin);
        }
    }

    internal int Sign(SignatureAlgorithm algorithm, IObjectHandle key, bool alwaysAuthenticate, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        var raw = SignRaw(algorithm, key, alwaysAuthenticate, null, data);
        raw.CopyTo(signature);
        return raw.Length;
    }

    private byte[] SignRaw(SignatureAlgorithm algorithm, IObjectHandle key, bool alwaysAuthenticate, byte[]? contextSpecificPin, ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var (mechanism, input) = algorithm switch
        {
            RsaSignatureAlgorithm { UsesPss: false } => (_factories.MechanismFactory.Create(CKM.CKM_SHA256_RSA_PKCS), data.ToArray()),
            RsaSignatureAlgorithm { UsesPss: true } => (
                _factories.MechanismFactory.Create(
                    CKM.CKM_SHA256_RSA_PKCS_PSS,
                    _factories.MechanismParamsFactory.CreateCkRsaPkcsPssParams(ConvertUtils.UInt64FromCKM(CKM.CKM_SHA256), ConvertUtils.UInt64FromCKG(CKG.CKG_MGF1_SHA256), 32)),
                data.ToArray()),
            EcdsaSignatureAlgorithm ec => (_factories.MechanismFactory.Create(CKM.CKM_ECDSA), Hash(ec, data)),
            Ed25519SignatureAlgorithm => (_factories.MechanismFactory.Create(MechanismEdDsa), data.ToArray()),
            _ => throw new UnsupportedAlgorithmException(algorithm.Name, "PKCS#11 key provider"),
        };

        using (mechanism)
        {
            var session = Rent();
            try
            {
                var raw = !alwaysAuthenticate ? session.Sign(mechanism, key, input)
                    : contextSpecificPin is null ? session.Sign(mechanism, key, _pin, input)
                    : session.Sign(mechanism, key, contextSpecificPin, input);
                return algorithm is EcdsaSignatureAlgorithm ? RawToDer(raw) : raw;
            }
            catch (Pkcs11Exception exception)
            {
                throw Translate(exception, $"token '{_tokenLabel}'");
            }
            finally
            {
                Return(session);
            }
        }
    }

    internal void Mac(IObjectHandle key, ReadOnlySpan<byte> data, Span<byte> mac, string where)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var mechanism = _factories.MechanismFactory.Create(CKM.CKM_SHA256_HMAC);
        var session = Rent();
        try
        {
            var raw = session.Sign(mechanism, key, data.ToArray());
            raw.CopyTo(mac);
            CryptographicOperations.ZeroMemory(raw);
        }
        catch (Pkcs11Exception exception)
        {
            throw Translate(exception, where);
        }
        finally
        {
            Return(session);
        }
    }

    private string Where(string? label, byte[]? id) =>
        $"token '{_tokenLabel}', key {(label is null ? string.Empty : $"label '{label}'")}{(id is null ? string.Empty : $" id {Convert.ToHexString(id)}")}".TrimEnd();

    private static IPkcs11Library Acquire(Pkcs11InteropFactories factories, string path)
    {
        lock (ModulesLock)
        {
            if (Modules.TryGetValue(path, out var entry))
            {
                Modules[path] = (entry.Library, entry.References + 1);
                return entry.Library;
            }

            try
            {
                var library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, path, AppType.MultiThreaded);
                Modules[path] = (library, 1);
                return library;
            }
            catch (Exception exception) when (exception is UnmanagedException or Pkcs11Exception or DllNotFoundException or BadImageFormatException)
            {
                throw new HsmException(HsmFailure.ModuleNotFound, "the PKCS#11 module cannot be loaded", path, exception);
            }
        }
    }

    private static void Release(string path)
    {
        lock (ModulesLock)
        {
            if (!Modules.TryGetValue(path, out var entry))
            {
                return;
            }

            if (entry.References > 1)
            {
                Modules[path] = (entry.Library, entry.References - 1);
            }
            else
            {
                Modules.TryRemove(path, out _);
                entry.Library.Dispose();
            }
        }
    }

    private static HsmException Translate(Pkcs11Exception exception, string where) => exception.RV switch
    {
        CKR.CKR_PIN_INCORRECT => new HsmException(HsmFailure.PinIncorrect, "the PIN was refused", where, exception),
        CKR.CKR_PIN_LOCKED => new HsmException(HsmFailure.PinLocked, "the PIN is locked", where, exception),
        CKR.CKR_PIN_LEN_RANGE => new HsmException(HsmFailure.PinIncorrect, "the PIN has the wrong length", where, exception),
        CKR.CKR_MECHANISM_INVALID or CKR.CKR_KEY_TYPE_INCONSISTENT or CKR.CKR_KEY_FUNCTION_NOT_PERMITTED =>
            new HsmException(HsmFailure.KeyMismatch, $"the token refused the operation ({exception.RV})", where, exception),
        _ => new HsmException(HsmFailure.DeviceError, $"PKCS#11 error {exception.RV}", where, exception),
    };

    private static byte[] Hash(EcdsaSignatureAlgorithm algorithm, ReadOnlySpan<byte> data) =>
        algorithm.Hash == HashAlgorithmName.SHA256 ? SHA256.HashData(data)
        : algorithm.Hash == HashAlgorithmName.SHA384 ? SHA384.HashData(data)
        : SHA512.HashData(data);

    /// <summary>PKCS#11 ECDSA signatures are r || s (PKCS#11 v2.40 §2.3.1); X.509/CMS want DER (RFC 3279 §2.2.3).</summary>
    private static byte[] RawToDer(byte[] raw)
    {
        var half = raw.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(raw.AsSpan(0, half).TrimStart((byte)0));
            writer.WriteIntegerUnsigned(raw.AsSpan(half).TrimStart((byte)0));
        }

        return writer.Encode();
    }

    private static byte[] PublicKeyInfo(ISession session, IObjectHandle publicKey, CKK keyType, SignatureAlgorithm algorithm, string where)
    {
        switch (keyType)
        {
            case CKK.CKK_RSA when algorithm is RsaSignatureAlgorithm:
            {
                var values = session.GetAttributeValue(publicKey, [CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT]);
                using var rsa = RSA.Create(new RSAParameters { Modulus = values[0].GetValueAsByteArray(), Exponent = values[1].GetValueAsByteArray() });
                return rsa.ExportSubjectPublicKeyInfo();
            }

            case CKK.CKK_EC when algorithm is EcdsaSignatureAlgorithm ec:
            {
                var values = session.GetAttributeValue(publicKey, [CKA.CKA_EC_PARAMS, CKA.CKA_EC_POINT]);
                var curveOid = new AsnReader(values[0].GetValueAsByteArray(), AsnEncodingRules.DER).ReadObjectIdentifier();
                if (curveOid != ec.CurveOid)
                {
                    throw new HsmException(HsmFailure.KeyMismatch, $"the token key is on curve {curveOid}, not {ec.CurveName}", where);
                }

                // CKA_EC_POINT is the DER OCTET STRING of the point (PKCS#11 v2.40 §2.3.3); some tokens give it raw.
                var pointAttribute = values[1].GetValueAsByteArray();
                var point = pointAttribute.Length == ec.PublicKeySize ? pointAttribute : new AsnReader(pointAttribute, AsnEncodingRules.DER).ReadOctetString();
                using var ecdsa = ec.DecodePoint(point);
                return ecdsa.ExportSubjectPublicKeyInfo();
            }

            case KeyTypeEcEdwards when algorithm is Ed25519SignatureAlgorithm:
            {
                // CKA_EC_POINT of an Edwards key: the 32-byte public key, DER OCTET STRING-wrapped or raw (v3.0 §2.3.5).
                var pointAttribute = session.GetAttributeValue(publicKey, [CKA.CKA_EC_POINT])[0].GetValueAsByteArray();
                var point = pointAttribute.Length == 32 ? pointAttribute : new AsnReader(pointAttribute, AsnEncodingRules.DER).ReadOctetString();
                if (point.Length != 32)
                {
                    throw new HsmException(HsmFailure.KeyMismatch, $"the token's Edwards key has a {point.Length}-byte point, not an Ed25519 key", where);
                }

                return KeyEncoding.WriteSubjectPublicKeyInfo(algorithm.KeyAlgorithmOid, point);
            }

            default:
                throw new HsmException(HsmFailure.KeyMismatch, $"the token key is {keyType}, which does not fit {algorithm.Name}", where);
        }
    }

    private IObjectHandle? Find(ISession session, CKO objectClass, string? label, byte[]? id)
    {
        var template = new List<IObjectAttribute> { _factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, objectClass) };
        if (label is not null)
        {
            template.Add(_factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, Encoding.UTF8.GetBytes(label)));
        }

        if (id is not null)
        {
            template.Add(_factories.ObjectAttributeFactory.Create(CKA.CKA_ID, id));
        }

        return session.FindAllObjects(template).FirstOrDefault();
    }

    private ISession Rent()
    {
        _available.Wait();
        if (_idle.TryTake(out var session))
        {
            return session;
        }

        try
        {
            return _slot.OpenSession(SessionType.ReadOnly);
        }
        catch
        {
            _available.Release();
            throw;
        }
    }

    private void Return(ISession session)
    {
        if (_disposed)
        {
            session.Dispose();
        }
        else
        {
            _idle.Add(session);
        }

        _available.Release();
    }
}
