using System.Globalization;
using nietras.SeparatedValues;
using SecurityKit.Pseudonymization.Identifiers;

namespace SecurityKit.Pseudonymization.Bulk;

/// <summary>
/// Pseudonymises chosen columns of a CSV file (RFC 4180 quoting, any one-character delimiter), streaming with Sep:
/// constant memory whatever the file size. Rows are read in batches; the values of a batch are transformed on all
/// cores and the rows written back in order. Output goes to a temporary file beside the target, moved into place
/// only when the whole file is done — an error never leaves a half-written output.
/// </summary>
public sealed class CsvPseudonymization
{
    private const int BatchRows = 16_384;

    private readonly IdentifierTransform transform;
    private readonly IReadOnlyList<string> columns;
    private readonly char delimiter;
    private readonly bool hasHeader;
    private readonly InvalidIdentifierPolicy policy;

    /// <summary>Creates the job.</summary>
    /// <param name="transform">What to do to each value.</param>
    /// <param name="columns">Column names (with a header) or 0-based indexes (without).</param>
    /// <param name="delimiter">The field delimiter.</param>
    /// <param name="hasHeader">Whether the first row is a header (it is copied as it is).</param>
    /// <param name="policy">What to do with invalid values.</param>
    public CsvPseudonymization(IdentifierTransform transform, IReadOnlyList<string> columns, char delimiter = ',', bool hasHeader = true, InvalidIdentifierPolicy policy = InvalidIdentifierPolicy.Fail)
    {
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("at least one column is needed", nameof(columns));
        }

        this.transform = transform;
        this.columns = columns;
        this.delimiter = delimiter;
        this.hasHeader = hasHeader;
        this.policy = policy;
    }

    /// <summary>Runs the job from one file to another.</summary>
    /// <param name="inputPath">The input CSV file.</param>
    /// <param name="outputPath">The output CSV file (replaced only on success).</param>
    /// <param name="progress">Receives the number of data rows done after each batch.</param>
    /// <param name="cancellationToken">Cancels the run (the output is then not written).</param>
    /// <returns>The counts.</returns>
    /// <exception cref="BulkInputException">An invalid value under <see cref="InvalidIdentifierPolicy.Fail"/>, or malformed CSV.</exception>
    public Task<BulkResult> RunAsync(string inputPath, string outputPath, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        var fullOutput = Path.GetFullPath(outputPath);
        var temp = Path.Combine(Path.GetDirectoryName(fullOutput)!, $".{Path.GetFileName(fullOutput)}.{Guid.NewGuid():N}.tmp");
        return Task.Run(
            () =>
            {
                try
                {
                    BulkResult result;
                    using (var reader = Sep.New(delimiter).Reader(o => o with { HasHeader = hasHeader, Unescape = true }).FromFile(inputPath))
                    using (var writer = reader.Spec.Writer(o => o with { WriteHeader = hasHeader, Escape = true }).ToFile(temp))
                    {
                        result = Run(reader, writer, progress, cancellationToken);
                    }

                    File.Move(temp, fullOutput, overwrite: true);
                    return result;
                }
                catch (Exception e) when (e is not SecurityKitException and not OperationCanceledException and not IOException and not UnauthorizedAccessException)
                {
                    // Sep reports malformed CSV (unbalanced quotes, a row with a different column count) as
                    // InvalidDataException or similar; the message may quote data, so it is not passed on.
                    throw new BulkInputException($"the CSV file is malformed ({e.GetType().Name})", inputPath, new IdentifierError(IdentifierRule.Character, 0));
                }
                finally
                {
                    if (File.Exists(temp))
                    {
                        File.Delete(temp);
                    }
                }
            },
            cancellationToken);
    }

    private BulkResult Run(SepReader reader, SepWriter writer, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var indexes = ResolveColumns(reader);
        var batch = new Batch(BatchRows, indexes, transform.MaxLength);
        long rows = 0, invalid = 0;
        var colCount = -1;
        foreach (var row in reader)
        {
            if (colCount < 0)
            {
                colCount = row.ColCount;
                if (indexes.Any(i => i >= colCount))
                {
                    throw new BulkInputException($"column index {indexes.Max()} is beyond the {colCount} columns of the file", "columns", default);
                }
            }

            if (row.ColCount != colCount)
            {
                throw new BulkInputException($"a row has {row.ColCount} columns instead of {colCount} (truncated or malformed CSV)", $"row {row.RowIndex + 1}", new IdentifierError(IdentifierRule.Length, 0));
            }

            batch.Add(row, row.RowIndex + 1);
            if (batch.Count == BatchRows)
            {
                invalid += Flush(batch, writer, reader.Header);
                rows += BatchRows;
                progress?.Report(rows);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        rows += batch.Count;
        invalid += Flush(batch, writer, reader.Header);
        progress?.Report(rows);
        return new BulkResult(rows, invalid);
    }

    private int[] ResolveColumns(SepReader reader)
    {
        var indexes = new int[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            if (hasHeader)
            {
                indexes[i] = reader.Header.TryIndexOf(columns[i], out var index)
                    ? index
                    : throw new BulkInputException($"the header has no column '{columns[i]}'", "header", default);
            }
            else
            {
                indexes[i] = int.TryParse(columns[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    ? index
                    : throw new BulkInputException($"without a header, columns are 0-based indexes, not '{columns[i]}'", "columns", default);
            }
        }

        return indexes;
    }

    private int Flush(Batch batch, SepWriter writer, SepReaderHeader header)
    {
        batch.Transform(transform, policy);
        if (batch.Failure is { } failure)
        {
            var column = hasHeader ? header.ColNames[batch.ColumnIndexes[failure.Column]] : batch.ColumnIndexes[failure.Column].ToString(CultureInfo.InvariantCulture);
            throw new BulkInputException(failure.Error.Describe(transform.InputKind), $"row {failure.Row}, column {column}", failure.Error);
        }

        batch.Write(writer, hasHeader ? header.ColNames : null);
        var invalid = batch.Invalid;
        batch.Clear();
        return invalid;
    }

    /// <summary>A batch of rows copied out of the reader: every cell as chars, plus a slot for each transformed value.</summary>
    private sealed class Batch
    {
        private readonly int capacity;
        private readonly int maxLength;
        private readonly List<char> cells = [];
        private readonly List<int> cellEnds = [];
        private readonly int[] rowStarts;
        private readonly long[] rowNumbers;
        private readonly char[] results;
        private readonly int[] resultLengths;
        private readonly bool[] skipped;
        private int colCount;

        public Batch(int capacity, int[] columnIndexes, int maxLength)
        {
            this.capacity = capacity;
            this.maxLength = Math.Max(maxLength, 40);
            ColumnIndexes = columnIndexes;
            rowStarts = new int[capacity + 1];
            rowNumbers = new long[capacity];
            results = new char[capacity * columnIndexes.Length * this.maxLength];
            resultLengths = new int[capacity * columnIndexes.Length];
            skipped = new bool[capacity];
        }

        public int[] ColumnIndexes { get; }

        public int Count { get; private set; }

        public int Invalid { get; private set; }

        public (long Row, int Column, IdentifierError Error)? Failure { get; private set; }

        public void Add(SepReader.Row row, long rowNumber)
        {
            colCount = row.ColCount;
            rowStarts[Count] = cellEnds.Count;
            rowNumbers[Count] = rowNumber;
            for (var c = 0; c < row.ColCount; c++)
            {
                foreach (var ch in row[c].Span)
                {
                    cells.Add(ch);
                }

                cellEnds.Add(cells.Count);
            }

            Count++;
            rowStarts[Count] = cellEnds.Count;
        }

        private ReadOnlySpan<char> Cell(int row, int col)
        {
            var index = rowStarts[row] + col;
            var start = index == 0 ? 0 : cellEnds[index - 1];
            return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(cells)[start..cellEnds[index]];
        }

        public void Transform(IdentifierTransform transform, InvalidIdentifierPolicy policy)
        {
            var width = ColumnIndexes.Length;
            var workers = Math.Max(1, Environment.ProcessorCount);
            var failures = new (long Row, int Column, IdentifierError Error)?[workers];
            var invalidCounts = new int[workers];
            Parallel.For(0, workers, worker =>
            {
                var from = Count * worker / workers;
                var to = Count * (worker + 1) / workers;
                for (var r = from; r < to; r++)
                {
                    skipped[r] = false;
                    for (var k = 0; k < width; k++)
                    {
                        var slot = (r * width) + k;
                        var destination = results.AsSpan(slot * maxLength, maxLength);
                        var error = transform.Apply(Cell(r, ColumnIndexes[k]), destination, out var written);
                        if (error.Rule == IdentifierRule.None)
                        {
                            resultLengths[slot] = written;
                            continue;
                        }

                        invalidCounts[worker]++;
                        if (policy == InvalidIdentifierPolicy.Fail)
                        {
                            failures[worker] ??= (rowNumbers[r], k, error);
                            return;
                        }

                        if (policy == InvalidIdentifierPolicy.Skip)
                        {
                            skipped[r] = true;
                        }

                        var marker = InvalidMarker.For(error.Rule);
                        marker.CopyTo(destination);
                        resultLengths[slot] = marker.Length;
                    }
                }
            });
            Failure = failures.FirstOrDefault(f => f is not null);
            Invalid = invalidCounts.Sum();
        }

        public void Write(SepWriter writer, IReadOnlyList<string>? names)
        {
            var width = ColumnIndexes.Length;
            for (var r = 0; r < Count; r++)
            {
                if (skipped[r])
                {
                    continue;
                }

                using var row = writer.NewRow();
                for (var c = 0; c < colCount; c++)
                {
                    var k = Array.IndexOf(ColumnIndexes, c);
                    var value = k < 0 ? Cell(r, c) : results.AsSpan(((r * width) + k) * maxLength, resultLengths[(r * width) + k]);
                    if (names is null)
                    {
                        row[c.ToString(CultureInfo.InvariantCulture)].Set(value);
                    }
                    else
                    {
                        row[names[c]].Set(value);
                    }
                }
            }
        }

        public void Clear()
        {
            cells.Clear();
            cellEnds.Clear();
            Count = 0;
            Invalid = 0;
            Failure = null;
        }
    }
}
