using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SecurityKit.Pseudonymization.Identifiers;

namespace SecurityKit.Pseudonymization.Bulk;

/// <summary>
/// A batch of CSV rows on its way through the pipeline: the rows' raw text as Sep read it (quotes and all), where
/// the chosen cells are in it, and — once a worker has been through it — the output rows. Unchosen cells are copied
/// byte for byte, so their RFC 4180 quoting is kept exactly; only the chosen cells are unquoted, transformed and
/// re-quoted if the result needs it (it never does for pseudonyms and markers, unless the delimiter is a digit).
/// Batches are reused (a fixed pool), so memory stays constant whatever the file size.
/// </summary>
internal sealed class CsvBatch
{
    /// <summary>The longest cell value that can still be an identifier; longer values are invalid (rule Length).</summary>
    private const int MaxValueLength = 128;

    private readonly int[] columns;
    private readonly int capacity;
    private readonly int[] rowStarts;
    private readonly long[] rowNumbers;
    private readonly int[] cellStarts;
    private readonly int[] cellLengths;
    private char[] text = new char[1 << 18];
    private int textLength;
    private char[] output = new char[1 << 18];

    public CsvBatch(int capacity, int[] columns)
    {
        this.capacity = capacity;
        this.columns = columns;
        rowStarts = new int[capacity + 1];
        rowNumbers = new long[capacity];
        cellStarts = new int[capacity * columns.Length];
        cellLengths = new int[capacity * columns.Length];
    }

    /// <summary>The batch's place in the file (0, 1, 2, …), so the writer can keep rows in order.</summary>
    public long Sequence { get; set; }

    /// <summary>The chosen columns' indexes.</summary>
    public int[] Columns => columns;

    /// <summary>An unexpected failure of the worker, rethrown by the writer in order.</summary>
    public Exception? Error { get; set; }

    public int Count { get; private set; }

    public bool IsFull => Count == capacity;

    /// <summary>Set by the worker when <see cref="Output"/>, <see cref="Invalid"/> and <see cref="Failure"/> are ready.</summary>
    public ManualResetEventSlim Done { get; } = new(false);

    public ReadOnlySpan<char> Output => output.AsSpan(0, OutputLength);

    public int OutputLength { get; private set; }

    public int Invalid { get; private set; }

    /// <summary>The first invalid value under <see cref="InvalidIdentifierPolicy.Fail"/>: row number (1-based, header = row 1), column index in <c>columns</c>, rule.</summary>
    public (long Row, int Column, IdentifierError Error)? Failure { get; private set; }

    public void Reset()
    {
        Count = 0;
        textLength = 0;
        OutputLength = 0;
        Invalid = 0;
        Failure = null;
        Error = null;
        Done.Reset();
    }

    /// <summary>Copies a row's raw text; <paramref name="cellOffset"/>/<paramref name="cellLength"/> give each chosen cell relative to the row.</summary>
    public void Add(ReadOnlySpan<char> row, ReadOnlySpan<int> cellOffset, ReadOnlySpan<int> cellLength, long rowNumber)
    {
        if (textLength + row.Length > text.Length)
        {
            Array.Resize(ref text, Math.Max(text.Length * 2, textLength + row.Length));
        }

        row.CopyTo(text.AsSpan(textLength));
        var slot = Count * columns.Length;
        for (var k = 0; k < columns.Length; k++)
        {
            cellStarts[slot + k] = textLength + cellOffset[k];
            cellLengths[slot + k] = cellLength[k];
        }

        rowStarts[Count] = textLength;
        rowNumbers[Count] = rowNumber;
        textLength += row.Length;
        Count++;
        rowStarts[Count] = textLength;
    }

    /// <summary>Transforms the chosen cells of every row and renders the output rows (LF-terminated).</summary>
    public void Transform(IdentifierTransform transform, InvalidIdentifierPolicy policy, char delimiter)
    {
        // Each output row is at most its input plus, per chosen cell, the longest result quoted with every quote doubled.
        var extra = columns.Length * ((2 * Math.Max(transform.MaxLength, 40)) + 2);
        var needed = textLength + (Count * (extra + 1));
        if (output.Length < needed)
        {
            output = new char[Math.Max(needed, output.Length * 2)];
        }

        Span<char> value = stackalloc char[MaxValueLength];
        Span<char> result = stackalloc char[Math.Max(transform.MaxLength, 40)];
        var o = 0;
        for (var r = 0; r < Count; r++)
        {
            var rowStart = rowStarts[r];
            var copied = rowStart;
            var rowOutputStart = o;
            var skip = false;
            for (var k = 0; k < columns.Length; k++)
            {
                var slot = (r * columns.Length) + k;
                var cellStart = cellStarts[slot];
                var raw = text.AsSpan(cellStart, cellLengths[slot]);

                // Everything from the end of the previous chosen cell to the start of this one, as it was.
                text.AsSpan(copied, cellStart - copied).CopyTo(output.AsSpan(o));
                o += cellStart - copied;
                copied = cellStart + raw.Length;

                IdentifierError error;
                var written = 0;
                if (!Unquote(raw, value, out var unquoted))
                {
                    error = new IdentifierError(IdentifierRule.Length, 0);
                }
                else
                {
                    error = transform.Apply(value[..unquoted], result, out written);
                }

                scoped ReadOnlySpan<char> replacement;
                if (error.Rule == IdentifierRule.None)
                {
                    replacement = result[..written];
                }
                else
                {
                    Invalid++;
                    if (policy == InvalidIdentifierPolicy.Fail)
                    {
                        Failure = (rowNumbers[r], k, error);
                        OutputLength = rowOutputStart;
                        return;
                    }

                    skip |= policy == InvalidIdentifierPolicy.Skip;
                    replacement = InvalidMarker.For(error.Rule);
                }

                o += WriteCell(replacement, delimiter, output.AsSpan(o));
            }

            if (skip)
            {
                // Skip leaves the whole row out (a CSV row is a record; its other columns would be orphaned).
                o = rowOutputStart;
                continue;
            }

            var rowEnd = rowStarts[r + 1];
            text.AsSpan(copied, rowEnd - copied).CopyTo(output.AsSpan(o));
            o += rowEnd - copied;
            output[o++] = '\n';
        }

        OutputLength = o;
    }

    /// <summary>RFC 4180 §2 rules 5–7: a quoted field is unquoted and its doubled quotes halved.</summary>
    private static bool Unquote(ReadOnlySpan<char> raw, Span<char> value, out int length)
    {
        length = 0;
        if (raw.Length < 2 || raw[0] != '"' || raw[^1] != '"')
        {
            if (raw.Length > value.Length)
            {
                return false;
            }

            raw.CopyTo(value);
            length = raw.Length;
            return true;
        }

        var inner = raw[1..^1];
        for (var i = 0; i < inner.Length; i++)
        {
            if (length == value.Length)
            {
                return false;
            }

            value[length++] = inner[i];
            if (inner[i] == '"' && i + 1 < inner.Length && inner[i + 1] == '"')
            {
                i++;
            }
        }

        return true;
    }

    /// <summary>Writes a value as a field, quoted (RFC 4180 §2 rules 6–7) only if it holds the delimiter, a quote or a line end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteCell(ReadOnlySpan<char> value, char delimiter, Span<char> destination)
    {
        if (value.IndexOfAny(delimiter, '"', '\n') < 0 && !value.Contains('\r'))
        {
            value.CopyTo(destination);
            return value.Length;
        }

        var o = 0;
        destination[o++] = '"';
        foreach (var c in value)
        {
            destination[o++] = c;
            if (c == '"')
            {
                destination[o++] = '"';
            }
        }

        destination[o++] = '"';
        return o;
    }

    /// <summary>The offset of <paramref name="part"/> inside <paramref name="whole"/> (a slice of it), in chars.</summary>
    public static int OffsetOf(ReadOnlySpan<char> whole, ReadOnlySpan<char> part)
    {
        var offset = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(whole), ref MemoryMarshal.GetReference(part)) / sizeof(char);
        if (offset < 0 || offset + part.Length > whole.Length)
        {
            throw new InvalidOperationException("a cell is not inside its row");
        }

        return (int)offset;
    }
}
