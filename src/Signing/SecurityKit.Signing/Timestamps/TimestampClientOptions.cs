using SecurityKit.Signing.Algorithms;

namespace SecurityKit.Signing.Timestamps;

/// <summary>Settings of <see cref="HttpTimestampClient"/>.</summary>
public sealed class TimestampClientOptions
{
    /// <summary>The TSA's URL (RFC 3161 §3.4, HTTP POST of <c>application/timestamp-query</c>).</summary>
    public required Uri Url { get; init; }

    /// <summary>A TSA policy OID to request (reqPolicy); the token must then carry it.</summary>
    public string? Policy { get; init; }

    /// <summary>Ask the TSA to include its certificate (certReq), so that verifiers need nothing else.</summary>
    public bool RequestCertificate { get; init; } = true;

    /// <summary>The message imprint's digest algorithm.</summary>
    public DigestAlgorithm DigestAlgorithm { get; init; } = DigestAlgorithm.Sha256;

    /// <summary>How many times to try when the TSA cannot be reached or answers 5xx.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Wait before the second attempt; doubled before each further one.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time allowed for one request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
