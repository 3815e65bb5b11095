namespace SecurityKit.Signing.Batch;

/// <summary>A credential at a remote signing service that speaks the Cloud Signature Consortium API v2.</summary>
public sealed class CscBatchDeviceOptions
{
    /// <summary>The service's base URL, ending in <c>/csc/v2/</c>.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The credential (signing key) id at the service.</summary>
    public required string CredentialId { get; init; }

    /// <summary>The OAuth 2.0 access token for the service (sent as a bearer token), or null.</summary>
    public string? AccessToken { get; init; }

    /// <summary>The credential PIN for explicit authorisation, or null when the service authorises otherwise (OTP, app).</summary>
    public string? Pin { get; init; }

    /// <summary>
    /// Most hashes one authorisation may cover (the credential's <c>multisign</c> value from <c>credentials/info</c>).
    /// Larger sessions are authorised in chunks of this size.
    /// </summary>
    public int MaxSignaturesPerAuthorization { get; init; } = 1000;
}
