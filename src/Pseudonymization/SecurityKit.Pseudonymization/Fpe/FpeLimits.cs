namespace SecurityKit.Pseudonymization.Fpe;

/// <summary>Domain-size limits shared by FF1 and FF3-1 (SP 800-38G Rev. 1 §5.2).</summary>
internal static class FpeLimits
{
    /// <summary>The smallest domain allowed: radix^minlen ≥ 1,000,000.</summary>
    public const int MinDomainSize = 1_000_000;

    /// <summary>minlen: the smallest n ≥ 2 with radix^n ≥ 1,000,000.</summary>
    public static int MinLength(int radix)
    {
        long size = 1;
        var n = 0;
        while (size < MinDomainSize)
        {
            size *= radix;
            n++;
        }

        return Math.Max(n, 2);
    }
}
