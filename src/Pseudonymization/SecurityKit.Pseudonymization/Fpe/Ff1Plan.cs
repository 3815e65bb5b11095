using System.Runtime.Intrinsics;

namespace SecurityKit.Pseudonymization.Fpe;

/// <summary>
/// What FF1 can compute once per (key, radix, tweak, length) (SP 800-38G §6.2 steps 1–5 and the tweak part of Q):
/// the halves' sizes, b and d, and — for the small case b ≤ 12 — the CBC-MAC chaining value after P and after the
/// full blocks of Q that hold only tweak bytes, already XORed with the tweak/padding bytes that share the last block
/// with [i] and NUM(B). A round then costs one AES call.
/// </summary>
internal readonly struct Ff1Plan
{
    public Ff1Plan(int length, int u, int v, int b, int d, UInt128 powU, UInt128 powV, bool small, Vector128<byte> chain)
    {
        Length = length;
        U = u;
        V = v;
        B = b;
        D = d;
        PowU = powU;
        PowV = powV;
        Small = small;
        Chain = chain;
    }

    /// <summary>n, the number of numerals.</summary>
    public int Length { get; }

    /// <summary>u = ⌊n/2⌋.</summary>
    public int U { get; }

    /// <summary>v = n − u.</summary>
    public int V { get; }

    /// <summary>b = ⌈⌈v·log2(radix)⌉/8⌉.</summary>
    public int B { get; }

    /// <summary>d = 4⌈b/4⌉ + 4.</summary>
    public int D { get; }

    /// <summary>radix^u (small case only).</summary>
    public UInt128 PowU { get; }

    /// <summary>radix^v (small case only).</summary>
    public UInt128 PowV { get; }

    /// <summary>Whether radix^v ≤ 2^96, so that halves and y fit in 128-bit integers and S is one block.</summary>
    public bool Small { get; }

    /// <summary>CBC state before Q's last block, XORed with that block's tweak/padding prefix.</summary>
    public Vector128<byte> Chain { get; }
}
