namespace SecurityKit.Detection.Pii;

/// <summary>
/// One piece of personal data found in a text: <see cref="Start"/> and <see cref="End"/> are UTF-16 code-unit
/// offsets (C# string indices), <see cref="End"/> exclusive.
/// </summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Type">What kind of data it is.</param>
/// <param name="Score">Confidence in [0, 1].</param>
public readonly record struct PiiEntity(int Start, int End, PiiEntityType Type, double Score)
{
    /// <summary>Number of UTF-16 code units covered.</summary>
    public int Length => End - Start;

    /// <summary>Whether this entity shares at least one character with <paramref name="other"/>.</summary>
    /// <param name="other">Another entity of the same text.</param>
    /// <returns><see langword="true"/> when the spans intersect.</returns>
    public bool Overlaps(PiiEntity other) => Start < other.End && other.Start < End;
}
