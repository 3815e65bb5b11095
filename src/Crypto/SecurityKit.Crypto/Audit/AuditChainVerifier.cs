using System.Security.Cryptography;
using System.Text;

namespace SecurityKit.Audit;

/// <summary>
/// Checks a log entry by entry, so that a log of any size is verified in constant memory. Stops at the first bad
/// entry and names it: later entries cannot be trusted once the chain is broken.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly string? expectedHead;
    private long count;
    private long lastSequence;
    private string lastHash = AuditChain.GenesisHash;
    private bool sawExpectedHead;
    private long? firstBad;
    private string? problem;

    /// <summary>Starts a check.</summary>
    /// <param name="expectedHead">A head hash kept outside the log (from an earlier check); the log must contain it.</param>
    public AuditChainVerifier(string? expectedHead = null)
    {
        if (expectedHead is not null && !IsHash(expectedHead))
        {
            throw new ArgumentException("the expected head must be 64 lower-case hexadecimal digits", nameof(expectedHead));
        }

        this.expectedHead = expectedHead;
        sawExpectedHead = expectedHead is null || expectedHead == AuditChain.GenesisHash;
    }

    /// <summary>Checks the next entry; false once the chain is broken (further entries are ignored).</summary>
    public bool Add(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (problem is not null)
        {
            return false;
        }

        count++;
        var expected = lastSequence + 1;
        if (entry.Sequence > expected)
        {
            return Fail(expected, entry.Sequence == expected + 1
                ? $"entry {expected} is missing (removed)"
                : $"entries {expected} to {entry.Sequence - 1} are missing (removed)");
        }

        if (entry.Sequence < expected)
        {
            return Fail(entry.Sequence, $"entry {entry.Sequence} appears again after entry {lastSequence} (duplicated or reordered)");
        }

        if (!string.Equals(entry.PreviousHash, lastHash, StringComparison.Ordinal))
        {
            return Fail(entry.Sequence, expected == 1
                ? "the first entry does not start the chain (earlier entries were removed or it was replaced)"
                : $"entry {entry.Sequence} does not link to entry {lastSequence} (one of them was replaced)");
        }

        if (!IsHash(entry.Hash) || !FixedTimeEquals(AuditChain.ComputeHash(entry), entry.Hash))
        {
            return Fail(entry.Sequence, $"entry {entry.Sequence} was altered (its content does not match its hash)");
        }

        lastSequence = entry.Sequence;
        lastHash = entry.Hash;
        if (!sawExpectedHead && string.Equals(entry.Hash, expectedHead, StringComparison.Ordinal))
        {
            sawExpectedHead = true;
        }

        return true;
    }

    /// <summary>The result once every entry was added.</summary>
    public AuditChainReport Complete()
    {
        if (problem is null && !sawExpectedHead)
        {
            firstBad = lastSequence + 1;
            problem = $"the log ends at entry {lastSequence} before the expected head (entries were removed from the end)";
        }

        return new AuditChainReport(problem is null, count, lastSequence, lastHash, firstBad, problem);
    }

    private bool Fail(long sequence, string reason)
    {
        firstBad = sequence;
        problem = reason;
        return false;
    }

    private static bool IsHash(string value) =>
        value.Length == 64 && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
