using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;
using SecurityKit.Crypto;
using CryptoAlgorithm = SecurityKit.Crypto.SignatureAlgorithm;
using SignatureAlgorithm = SecurityKit.Signing.Algorithms.SignatureAlgorithm;

namespace SecurityKit.Signing.Batch;

/// <summary>
/// A key in a PKCS#11 token (an HSM seal, a smart card) as a batch device, through SecurityKit.Crypto's
/// <see cref="Pkcs11KeyProvider"/>. A session opens the token and logs in once (C_Login), signs every request
/// inside the token and logs out: one activation per signatory session. A key marked CKA_ALWAYS_AUTHENTICATE (the
/// eID card's non-repudiation key) additionally gets a context-specific login before each signature, which the
/// provider does; declare such a key with <see cref="BatchActivation.PerSignature"/> so the portal knows.
/// </summary>
/// <remarks>
/// With a <see cref="PinPrompt"/>, the PINs come from the signatory: the session's user login asks once when
/// <see cref="Pkcs11Options.UserPin"/> is empty, and a CKA_ALWAYS_AUTHENTICATE key asks once per signature (the
/// key's attribute is read from the token, whatever <see cref="Activation"/> says). Without one, the configured user
/// PIN serves every login (an unattended HSM seal). PIN failures of one signature (<see cref="SignEachAsync"/>): the
/// document is failed with the reason and the session stops, the documents after it staying pending — a card counts
/// wrong PINs across signatures (the eID locks after three), so the device never goes on to the next document with
/// a PIN it knows to be wrong, nor asks again within the session after the token said the PIN is locked. A declined
/// prompt (empty PIN or cancelled) stops the session the same way without failing any document. Signatures made
/// before the stop are kept and assembled.
/// </remarks>
public sealed class Pkcs11BatchDevice : IPerSignatureBatchDevice
{
    private readonly Pkcs11Options options;
    private readonly CryptoAlgorithm keyAlgorithm;
    private readonly string keyLabel;

    /// <summary>Creates the device.</summary>
    /// <param name="options">Module, token and PIN.</param>
    /// <param name="keyAlgorithm">The token key's algorithm: an RSA PKCS#1 v1.5 or ECDSA P-256 algorithm of SecurityKit.Crypto.</param>
    /// <param name="keyLabel">The key's CKA_LABEL.</param>
    /// <param name="certificate">The key's certificate.</param>
    /// <param name="chain">Certificates towards a trust anchor.</param>
    /// <param name="activation">Whether the key demands a login per signature (CKA_ALWAYS_AUTHENTICATE).</param>
    /// <exception cref="SecurityKitException">The algorithm is not usable for PAdES/CAdES batch signatures.</exception>
    public Pkcs11BatchDevice(Pkcs11Options options, CryptoAlgorithm keyAlgorithm, string keyLabel, X509Certificate2 certificate, IEnumerable<X509Certificate2>? chain = null, BatchActivation activation = BatchActivation.PerSession)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keyAlgorithm);
        ArgumentNullException.ThrowIfNull(keyLabel);
        ArgumentNullException.ThrowIfNull(certificate);
        this.options = options;
        this.keyAlgorithm = keyAlgorithm;
        this.keyLabel = keyLabel;
        Certificate = certificate;
        CertificateChain = chain?.ToArray() ?? [];
        Activation = activation;

        // The provider signs RSA with CKM_SHA256_RSA_PKCS and ECDSA over a hash of the curve's size.
        Algorithm = keyAlgorithm switch
        {
            RsaSignatureAlgorithm { UsesPss: false } => SignatureAlgorithm.RsaPkcs1Sha256,
            EcdsaSignatureAlgorithm { CurveName: "P-256" } => SignatureAlgorithm.EcdsaSha256,
            _ => throw new SecurityKitException($"{keyAlgorithm.Name} is not usable for batch signatures (RSA PKCS#1 v1.5 or ECDSA P-256)", "key algorithm"),
        };
    }

    /// <summary>
    /// The device of a manifest signatory with a <see cref="BatchSignatory.Pkcs11"/> key: the certificate is read from
    /// its file, the key algorithm follows from it (RSA 2048/3072/4096 PKCS#1 v1.5 or ECDSA P-256), and an
    /// <see cref="BatchDeviceKind.EidCard"/> signatory is declared <see cref="BatchActivation.PerSignature"/>.
    /// </summary>
    /// <param name="signatory">The signatory.</param>
    /// <param name="pin">The user PIN, or null/empty to ask <paramref name="pinPrompt"/>.</param>
    /// <param name="pinPrompt">Asks the signatory for PINs, or null.</param>
    /// <returns>The device.</returns>
    /// <exception cref="SecurityKitException">No pkcs11 key, a missing or unreadable certificate, or an unusable key algorithm.</exception>
    public static Pkcs11BatchDevice Open(BatchSignatory signatory, string? pin, IBatchPinPrompt? pinPrompt)
    {
        ArgumentNullException.ThrowIfNull(signatory);
        var where = $"signatories.{signatory.Id}.pkcs11";
        var key = signatory.Pkcs11 ?? throw new SecurityKitException("the signatory has no PKCS#11 key (pkcs11)", where);
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificateFromFile(key.Certificate);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new SecurityKitException("the certificate file cannot be read (PEM or DER X.509)", where + ".certificate");
        }

        CryptoAlgorithm algorithm;
        using (var rsa = certificate.GetRSAPublicKey())
        using (var ec = certificate.GetECDsaPublicKey())
        {
            algorithm = (rsa?.KeySize, ec?.KeySize) switch
            {
                (2048, _) => CryptoAlgorithm.Rsa2048Pkcs1,
                (3072, _) => CryptoAlgorithm.Rsa3072Pkcs1,
                (4096, _) => CryptoAlgorithm.Rsa4096Pkcs1,
                (_, 256) => CryptoAlgorithm.EcdsaP256Sha256,
                _ => throw new SecurityKitException("the certificate's key is not RSA 2048/3072/4096 or ECDSA P-256", where + ".certificate"),
            };
        }

        var options = new Pkcs11Options { ModulePath = key.Module, TokenLabel = key.Token, UserPin = pin ?? string.Empty };
        return new Pkcs11BatchDevice(options, algorithm, key.Key, certificate, activation: signatory.Activation) { PinPrompt = pinPrompt };
    }

    /// <inheritdoc/>
    public X509Certificate2 Certificate { get; }

    /// <inheritdoc/>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <inheritdoc/>
    public SignatureAlgorithm Algorithm { get; }

    /// <inheritdoc/>
    public BatchActivation Activation { get; }

    /// <summary>Asks the signatory for PINs (per signature for a CKA_ALWAYS_AUTHENTICATE key; for the session login when
    /// no user PIN is configured), or null to use <see cref="Pkcs11Options.UserPin"/> for every login.</summary>
    public IBatchPinPrompt? PinPrompt { get; init; }

    /// <inheritdoc/>
    /// <remarks>All or nothing: the first signature that is refused or not attempted fails the whole call (use
    /// <see cref="SignEachAsync"/> to keep the signatures made).</remarks>
    public async Task<IReadOnlyList<byte[]>> SignAllAsync(IReadOnlyList<BatchSignatureRequest> requests, CancellationToken cancellationToken = default)
    {
        var outcomes = await SignEachAsync(requests, cancellationToken).ConfigureAwait(false);
        return outcomes.FirstOrDefault(o => o.Value is null) is { } stopped
            ? throw new SecurityKitException(stopped.Reason ?? "the signing device stopped", "PKCS#11 device")
            : outcomes.Select(o => o.Value!).ToList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BatchSignatureOutcome>> SignEachAsync(IReadOnlyList<BatchSignatureRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        var sessionOptions = options;
        if (string.IsNullOrEmpty(options.UserPin) && PinPrompt is not null)
        {
            var first = requests[0];
            var pin = await AskAsync(new BatchPinRequest(BatchPinKind.Session, first.BatchId, first.Signatory, null, 0, requests.Count), cancellationToken).ConfigureAwait(false);
            if (pin is null)
            {
                return Stop(requests.Count, 0, [], "the signatory declined the PIN entry");
            }

            sessionOptions = new Pkcs11Options { ModulePath = options.ModulePath, TokenLabel = options.TokenLabel, UserPin = pin, MaxSessions = options.MaxSessions };
        }

        // One provider = one C_Login (CKU_USER) for the whole session; disposing it logs out. A failure here (token
        // absent, login refused) fails the session as a whole: every document stays pending.
        using var provider = new Pkcs11KeyProvider(sessionOptions);
        using var key = provider.GetKey(keyAlgorithm, keyLabel);
        var perSignaturePin = PinPrompt is not null && Pkcs11KeyProvider.RequiresPinPerSignature(key);
        return await SignInTurnAsync(requests, async (i, ct) =>
        {
            if (!perSignaturePin)
            {
                return keyAlgorithm.Sign(key, requests[i].DataToSign.Span);
            }

            var request = requests[i];
            var pin = await PinPrompt!.GetPinAsync(new BatchPinRequest(BatchPinKind.Signature, request.BatchId, request.Signatory, request.Document, i, requests.Count), ct).ConfigureAwait(false);
            return pin.IsEmpty ? null : provider.SignWithPin(key, request.DataToSign.Span, pin.Span);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the signatures one after the other with <paramref name="signOne"/> (null = the signatory declined) and
    /// applies the stop rules of the class remarks. An error of the very first signature that is not about its PIN
    /// (the token is gone) is thrown, so that the session fails as a whole.
    /// </summary>
    internal static async Task<IReadOnlyList<BatchSignatureOutcome>> SignInTurnAsync(IReadOnlyList<BatchSignatureRequest> requests, Func<int, CancellationToken, ValueTask<byte[]?>> signOne, CancellationToken cancellationToken)
    {
        var outcomes = new List<BatchSignatureOutcome>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            byte[]? value;
            try
            {
                value = await signOne(i, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                value = null;
            }
            catch (HsmException e) when (e.Failure == HsmFailure.PinIncorrect)
            {
                outcomes.Add(BatchSignatureOutcome.Refused("the PIN was refused for this signature"));
                return Stop(requests.Count, i + 1, outcomes, "the session stopped after a refused PIN (the card counts wrong PINs; sign again to continue)");
            }
            catch (HsmException e) when (e.Failure == HsmFailure.PinLocked)
            {
                outcomes.Add(BatchSignatureOutcome.Refused("the PIN is locked"));
                return Stop(requests.Count, i + 1, outcomes, "the session stopped: the PIN is locked");
            }
            catch (SecurityKitException e) when (i > 0)
            {
                // The token failed mid-session (card pulled out): keep what is signed, fail this one, stop.
                outcomes.Add(BatchSignatureOutcome.Refused(e.Message));
                return Stop(requests.Count, i + 1, outcomes, "the session stopped after a device error");
            }

            if (value is null)
            {
                return Stop(requests.Count, i, outcomes, "the signatory declined the PIN entry");
            }

            outcomes.Add(BatchSignatureOutcome.Made(value));
        }

        return outcomes;
    }

    private static List<BatchSignatureOutcome> Stop(int count, int from, List<BatchSignatureOutcome> outcomes, string reason)
    {
        for (var i = from; i < count; i++)
        {
            outcomes.Add(BatchSignatureOutcome.NotAttempted(reason));
        }

        return outcomes;
    }

    private async Task<string?> AskAsync(BatchPinRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var pin = await PinPrompt!.GetPinAsync(request, cancellationToken).ConfigureAwait(false);
            return pin.IsEmpty ? null : pin.ToString();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
