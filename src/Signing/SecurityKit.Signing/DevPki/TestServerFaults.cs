namespace SecurityKit.Signing.DevPki;

/// <summary>Faults a <see cref="TestPkiServer"/> can be told to show, so tests can exercise the bad-input paths.</summary>
public sealed class TestServerFaults
{
    /// <summary>The TSA answers bytes that are not a timestamp response.</summary>
    public bool TimestampGarbage { get; set; }

    /// <summary>The TSA answers HTTP 503.</summary>
    public bool TimestampUnavailable { get; set; }

    /// <summary>The OCSP responder answers HTTP 503.</summary>
    public bool OcspUnavailable { get; set; }

    /// <summary>The CRLs answer HTTP 503.</summary>
    public bool CrlUnavailable { get; set; }
}
