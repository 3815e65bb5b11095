using System.Globalization;
using nietras.SeparatedValues;

namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Reads one CSV file of an employer-risk data folder with Sep and turns every problem into a
/// <see cref="SecurityKitException"/> whose location names the file, the line and the column. Values are never
/// echoed in errors: they may be identifiers.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly SepReader _reader;
    private readonly int[] _columns;
    private readonly string[] _names;

    private CsvTable(string fileName, SepReader reader, int[] columns, string[] names)
    {
        FileName = fileName;
        _reader = reader;
        _columns = columns;
        _names = names;
    }

    public string FileName { get; }

    /// <summary>Size of the file in bytes, to size the lists that will hold its rows.</summary>
    public long Length { get; private init; }

    /// <summary>Opens <paramref name="fileName"/> in <paramref name="directory"/> and checks that every required column is in the header.</summary>
    public static CsvTable Open(string directory, string fileName, IReadOnlyList<string> columns)
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            throw new SecurityKitException("required file is missing", fileName);
        }

        SepReader reader;
        try
        {
            reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true, CultureInfo = CultureInfo.InvariantCulture })
                .FromFile(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or NotSupportedException)
        {
            throw new SecurityKitException("unreadable CSV header", $"{fileName}, line 1", ex);
        }

        if (reader.Header.IsEmpty)
        {
            reader.Dispose();
            throw new SecurityKitException("file is empty: a header row is required", $"{fileName}, line 1");
        }

        var indices = new int[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            if (!reader.Header.TryIndexOf(columns[i], out indices[i]))
            {
                reader.Dispose();
                throw new SecurityKitException("required column is missing from the header", $"{fileName}, line 1, column {columns[i]}");
            }
        }

        return new CsvTable(fileName, reader, indices, [.. columns]) { Length = new FileInfo(path).Length };
    }

    /// <summary>Calls <paramref name="handler"/> for every data row, with the header's column count checked for each.</summary>
    public void ForEachRow(RowHandler handler)
    {
        var headerCount = _reader.Header.ColNames.Count;
        using var enumerator = _reader.GetEnumerator();
        while (true)
        {
            try
            {
                if (!enumerator.MoveNext())
                {
                    return;
                }
            }
            catch (InvalidDataException ex)
            {
                throw new SecurityKitException("malformed CSV (unterminated quote?)", $"{FileName}", ex);
            }

            var row = enumerator.Current;
            var line = row.LineNumberFrom;
            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty)
            {
                continue; // a blank line, typically the last one
            }

            if (row.ColCount != headerCount)
            {
                throw new SecurityKitException($"row has {row.ColCount} columns, the header has {headerCount}", $"{FileName}, line {line}");
            }

            handler(new CsvRow(this, row, line));
        }
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>Receives one data row.</summary>
    internal delegate void RowHandler(CsvRow row);

    /// <summary>One data row: typed accessors by column position in the list given to <see cref="Open"/>.</summary>
    internal readonly ref struct CsvRow
    {
        private readonly CsvTable _table;
        private readonly SepReader.Row _row;

        public CsvRow(CsvTable table, SepReader.Row row, int line)
        {
            _table = table;
            _row = row;
            Line = line;
        }

        public int Line { get; }

        public ReadOnlySpan<char> Text(int column) => _row[_table._columns[column]].Span.Trim();

        public string Location(int column) => $"{_table.FileName}, line {Line}, column {_table._names[column]}";

        public SecurityKitException Error(int column, string message) => new(message, Location(column));

        public string Required(int column)
        {
            var text = Text(column);
            return text.IsEmpty ? throw Error(column, "value is required") : text.ToString();
        }

        public string Digits(int column, int length, bool required = true)
        {
            var text = Text(column);
            if (text.IsEmpty && !required)
            {
                return string.Empty;
            }

            if (text.Length != length || text.ContainsAnyExceptInRange('0', '9'))
            {
                throw Error(column, $"expected exactly {length} digits");
            }

            return text.ToString();
        }

        public double Number(int column, double ifEmpty)
        {
            var text = Text(column);
            if (text.IsEmpty)
            {
                return ifEmpty;
            }

            if (!InvariantText.TryParseNumber(text, out var value) || !double.IsFinite(value))
            {
                throw Error(column, "not a number ('.' decimal point, no thousands separator)");
            }

            if (value < 0)
            {
                throw Error(column, "must not be negative");
            }

            return value;
        }

        public DateOnly? Date(int column, bool required)
        {
            var text = Text(column);
            if (text.IsEmpty)
            {
                return required ? throw Error(column, "date is required") : null;
            }

            if (!InvariantText.TryParseIsoDate(text, out var date))
            {
                throw Error(column, "not an ISO date (yyyy-MM-dd)");
            }

            return date;
        }
    }
}
