namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Gives each distinct person id of <c>person_links.csv</c> a dense index. Pseudonyms are usually all digits (the
/// national-number shape): those are keyed by their value and length in a dictionary of plain numbers, which needs
/// no string per person and nothing for the garbage collector to trace — a string dictionary of 3.5 million ids
/// took most of the loading time of a 300,000-employer folder (measured). Any other id is keyed by its text.
/// </summary>
internal sealed class PersonIndex
{
    // Values below 10^17 < 2^57 leave bits 57 to 61 for the length, which keeps "0123" and "123" apart.
    private const int MaxNumericLength = 17;
    private const int LengthShift = 57;

    private readonly Dictionary<long, int> _numeric;
    private readonly Dictionary<string, int> _text = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _textLookup;

    public PersonIndex(int capacity)
    {
        _numeric = new Dictionary<long, int>(capacity);
        _textLookup = _text.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Number of distinct persons seen.</summary>
    public int Count { get; private set; }

    /// <summary>The index of <paramref name="id"/>, a new one when the id was not seen before.</summary>
    public int IndexOf(ReadOnlySpan<char> id)
    {
        if (TryNumericKey(id, out var key))
        {
            if (!_numeric.TryGetValue(key, out var index))
            {
                index = Count++;
                _numeric.Add(key, index);
            }

            return index;
        }

        if (!_textLookup.TryGetValue(id, out var byText))
        {
            byText = Count++;
            _textLookup[id] = byText;
        }

        return byText;
    }

    private static bool TryNumericKey(ReadOnlySpan<char> id, out long key)
    {
        key = 0;
        if (id.Length is 0 or > MaxNumericLength)
        {
            return false;
        }

        long value = 0;
        foreach (var c in id)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        key = value | ((long)id.Length << LengthShift);
        return true;
    }
}
