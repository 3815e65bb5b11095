using System.Globalization;

namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>A calendar quarter as written in declarations (<c>2024Q1</c>).</summary>
/// <param name="Year">The year, 1900 to 2100.</param>
/// <param name="Number">The quarter of the year, 1 to 4.</param>
public readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    /// <summary>The earliest year a declaration may carry.</summary>
    public const int MinYear = 1900;

    /// <summary>The latest year a declaration may carry.</summary>
    public const int MaxYear = 2100;

    /// <summary>Quarters counted from year 0, so that consecutive quarters differ by one.</summary>
    public int Ordinal => (Year * 4) + Number - 1;

    /// <summary>The first day of the quarter.</summary>
    public DateOnly Start => new(Year, ((Number - 1) * 3) + 1, 1);

    /// <summary>The last day of the quarter.</summary>
    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    /// <summary>The quarter with the given ordinal.</summary>
    /// <param name="ordinal">A value of <see cref="Ordinal"/>.</param>
    /// <returns>The quarter.</returns>
    public static Quarter FromOrdinal(int ordinal) => new(ordinal / 4, (ordinal % 4) + 1);

    /// <summary>The quarter that contains a date.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The quarter.</returns>
    public static Quarter Of(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    /// <summary>Parses <c>YYYYQn</c>; the year must be within <see cref="MinYear"/>..<see cref="MaxYear"/> and n within 1..4.</summary>
    /// <param name="text">The text.</param>
    /// <param name="quarter">The quarter when the text is valid.</param>
    /// <returns>Whether the text is a quarter in range.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out Quarter quarter)
    {
        quarter = default;
        if (text.Length != 6 || (text[4] != 'Q' && text[4] != 'q')
            || !int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || text[5] < '1' || text[5] > '4' || year < MinYear || year > MaxYear)
        {
            return false;
        }

        quarter = new Quarter(year, text[5] - '0');
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(Quarter other) => Ordinal.CompareTo(other.Ordinal);

    /// <summary>Orders quarters in time.</summary>
    public static bool operator <(Quarter left, Quarter right) => left.Ordinal < right.Ordinal;

    /// <summary>Orders quarters in time.</summary>
    public static bool operator >(Quarter left, Quarter right) => left.Ordinal > right.Ordinal;

    /// <summary>Orders quarters in time.</summary>
    public static bool operator <=(Quarter left, Quarter right) => left.Ordinal <= right.Ordinal;

    /// <summary>Orders quarters in time.</summary>
    public static bool operator >=(Quarter left, Quarter right) => left.Ordinal >= right.Ordinal;

    /// <summary>The quarter as <c>YYYYQn</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}Q{Number}");
}
