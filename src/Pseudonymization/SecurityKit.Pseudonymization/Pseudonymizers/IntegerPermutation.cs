using System.Runtime.CompilerServices;
using SecurityKit.Pseudonymization.Fpe;

namespace SecurityKit.Pseudonymization.Pseudonymizers;

/// <summary>
/// FF1 on the integers 0 .. radix²−1, written as two numerals of a radix chosen so that radix² just covers a domain
/// (radix ≥ 1000 so that radix² ≥ 1,000,000 as SP 800-38G §5.2 requires). Callers cycle-walk (re-apply until the
/// value falls back into their domain) to get a permutation of any domain of size ≤ radix² (Black and Rogaway,
/// "Ciphers with Arbitrary Finite Domains", 2002); with radix = ⌈√size⌉ the expected number of steps is close to 1.
/// The tweak-dependent part of FF1 is precomputed once.
/// </summary>
internal sealed class IntegerPermutation
{
    private readonly Ff1 ff1;
    private readonly Ff1Plan plan;
    private readonly ulong radix;

    public IntegerPermutation(Ff1 ff1, ReadOnlySpan<byte> tweak)
    {
        this.ff1 = ff1;
        radix = (ulong)ff1.Radix;
        plan = ff1.Plan(tweak, 2);
    }

    /// <summary>The radix that covers <paramref name="size"/> values with two numerals.</summary>
    public static int RadixFor(ulong size)
    {
        var radix = (ulong)Math.Ceiling(Math.Sqrt(size));
        while (radix * radix < size)
        {
            radix++;
        }

        return (int)Math.Clamp(radix, 1000UL, 65536UL);
    }

    /// <summary>The size of the permuted set, radix².</summary>
    public ulong Size => radix * radix;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Forward(ulong value)
    {
        UInt128 a = value / radix, b = value % radix;
        ff1.EncryptHalves(plan, ref a, ref b);
        return ((ulong)a * radix) + (ulong)b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Backward(ulong value)
    {
        UInt128 a = value / radix, b = value % radix;
        ff1.DecryptHalves(plan, ref a, ref b);
        return ((ulong)a * radix) + (ulong)b;
    }
}
