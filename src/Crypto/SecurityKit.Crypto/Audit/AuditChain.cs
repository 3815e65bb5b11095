using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SecurityKit.Audit;

/// <summary>
/// The hash chain of the audit log: how an entry's hash is computed and how a whole log is checked.
/// </summary>
/// <remarks>
/// <para>Canonical encoding (version 1), hashed with SHA-256 (FIPS 180-4):</para>
/// <code>
/// field       := length:uint32 big-endian || UTF-8 bytes      (a null field is length 0xFFFFFFFF, no bytes)
/// encoding    := field("securitykit-audit-v1") || field(sequence as decimal) || field(recordedAt)
///                || field(actor) || field(action) || field(outcome) || field(resource) || field(purpose)
///                || field(detail) || field(previousHash)
/// hash        := lower-case hex(SHA-256(encoding))
/// </code>
/// <para>Length prefixes make the encoding injective (no two different entries share an encoding, whatever their
/// text), which a separator-joined string would not be. Each entry carries the previous entry's hash, the first one
/// <see cref="GenesisHash"/>; altering, inserting, reordering or removing an entry therefore breaks the chain at that
/// entry. Removing entries from the end leaves a shorter valid chain: keep the head hash elsewhere (a ticket, a
/// second system) and pass it as the expected head to detect that too.</para>
/// </remarks>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private const string EncodingVersion = "securitykit-audit-v1";

    /// <summary>The text form of an entry's time: UTC, microsecond precision (what PostgreSQL and SQLite keep exactly).</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The text form of an outcome in an entry.</summary>
    public static string FormatOutcome(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Succeeded => "succeeded",
        AuditOutcome.Denied => "denied",
        AuditOutcome.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown audit outcome"),
    };

    /// <summary>Makes the entry that follows <paramref name="previous"/> (null for the first entry of a log).</summary>
    public static AuditEntry Append(AuditEntry? previous, AuditEvent auditEvent, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var sequence = previous is null ? 1 : previous.Sequence + 1;
        var previousHash = previous?.Hash ?? GenesisHash;
        var entry = new AuditEntry(
            sequence,
            FormatTime(recordedAt),
            auditEvent.Actor,
            auditEvent.Action,
            FormatOutcome(auditEvent.Outcome),
            auditEvent.Resource,
            auditEvent.Purpose,
            auditEvent.Detail,
            previousHash,
            string.Empty);
        return entry with { Hash = ComputeHash(entry) };
    }

    /// <summary>The hash an entry must carry, computed from its other fields (its own <c>Hash</c> is ignored).</summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream(256);
        WriteField(buffer, EncodingVersion);
        WriteField(buffer, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        WriteField(buffer, entry.RecordedAt);
        WriteField(buffer, entry.Actor);
        WriteField(buffer, entry.Action);
        WriteField(buffer, entry.Outcome);
        WriteField(buffer, entry.Resource);
        WriteField(buffer, entry.Purpose);
        WriteField(buffer, entry.Detail);
        WriteField(buffer, entry.PreviousHash);
        var digest = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Checks a whole log, read in sequence order.</summary>
    /// <param name="entries">The entries, ordered by sequence number.</param>
    /// <param name="expectedHead">A head hash recorded earlier outside the log; the log must still contain it.</param>
    public static AuditChainReport Verify(IEnumerable<AuditEntry> entries, string? expectedHead = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var verifier = new AuditChainVerifier(expectedHead);
        foreach (var entry in entries)
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return verifier.Complete();
    }

    /// <summary>Checks a whole log read as a stream (a database cursor), in sequence order.</summary>
    public static async Task<AuditChainReport> VerifyAsync(
        IAsyncEnumerable<AuditEntry> entries, string? expectedHead = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var verifier = new AuditChainVerifier(expectedHead);
        await foreach (var entry in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return verifier.Complete();
    }

    private static void WriteField(MemoryStream buffer, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
            buffer.Write(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}
