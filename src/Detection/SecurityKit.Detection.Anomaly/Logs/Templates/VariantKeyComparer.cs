namespace SecurityKit.Detection.Anomaly.Logs.Templates;

/// <summary>Compares token sequences by content, also against a span (no allocation on lookup).</summary>
internal sealed class VariantKeyComparer : IEqualityComparer<int[]>, IAlternateEqualityComparer<ReadOnlySpan<int>, int[]>
{
    public static VariantKeyComparer Instance { get; } = new();

    public bool Equals(int[]? x, int[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(int[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<int> alternate, int[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<int> alternate) => Hash(alternate);

    public int[] Create(ReadOnlySpan<int> alternate) => alternate.ToArray();

    private static int Hash(ReadOnlySpan<int> tokens)
    {
        var h = new HashCode();
        h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(tokens));
        return h.ToHashCode();
    }
}
