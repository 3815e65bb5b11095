namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Row indices grouped by a key (employer or person), in compressed form: one array of offsets and one of rows, in
/// row order within each group. Millions of small per-group arrays would cost an allocation each and keep the
/// garbage collector busy; two flat arrays cost two.
/// </summary>
internal sealed class RowGroups
{
    private readonly int[] _offsets;
    private readonly int[] _rows;

    private RowGroups(int[] offsets, int[] rows)
    {
        _offsets = offsets;
        _rows = rows;
    }

    /// <summary>Number of groups.</summary>
    public int Count => _offsets.Length - 1;

    /// <summary>The rows of group <paramref name="group"/>, in ascending order.</summary>
    public ReadOnlySpan<int> this[int group] => _rows.AsSpan(_offsets[group], _offsets[group + 1] - _offsets[group]);

    /// <summary>Groups rows 0..<paramref name="keys"/>.Length − 1 by their key (a counting sort, stable).</summary>
    public static RowGroups Build(ReadOnlySpan<int> keys, int groups)
    {
        var offsets = new int[groups + 1];
        foreach (var key in keys)
        {
            offsets[key + 1]++;
        }

        for (var g = 0; g < groups; g++)
        {
            offsets[g + 1] += offsets[g];
        }

        var next = offsets[..^1];
        var rows = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            rows[next[keys[i]]++] = i;
        }

        return new RowGroups(offsets, rows);
    }
}
