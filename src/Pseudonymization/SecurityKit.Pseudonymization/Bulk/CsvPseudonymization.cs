using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using nietras.SeparatedValues;
using SecurityKit.Pseudonymization.Identifiers;

namespace SecurityKit.Pseudonymization.Bulk;

/// <summary>
/// Pseudonymises chosen columns of a CSV file (RFC 4180 quoting, any one-character delimiter), streaming with Sep:
/// constant memory whatever the file size. A pipeline keeps both cores busy: the calling thread parses rows with Sep
/// into batches, one worker per core transforms the chosen cells of a batch and renders its output rows, and a writer
/// writes batches in file order. A fixed pool of batches bounds memory and makes the reader wait when the others
/// fall behind. Output goes to a temporary file beside the target, moved into place only when the whole file is
/// done — an error never leaves a half-written output.
/// </summary>
public sealed class CsvPseudonymization
{
    private const int BatchRows = 8_192;

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
    /// <param name="policy">What to do with invalid values (<see cref="InvalidIdentifierPolicy.Skip"/> leaves the row out).</param>
    public CsvPseudonymization(IdentifierTransform transform, IReadOnlyList<string> columns, char delimiter = ',', bool hasHeader = true, InvalidIdentifierPolicy policy = InvalidIdentifierPolicy.Fail)
    {
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("at least one column is needed", nameof(columns));
        }

        if (delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException("the delimiter cannot be a quote or a line end", nameof(delimiter));
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

                    // Unescape = false: cells stay views of the raw row, so unchosen cells are copied exactly as
                    // they were; the column count is checked here to name the row.
                    using (var reader = Sep.New(delimiter).Reader(o => o with { HasHeader = false, Unescape = false, DisableColCountCheck = true }).FromFile(inputPath))
                    using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                    using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20))
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

    private BulkResult Run(SepReader reader, StreamWriter writer, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var workers = Math.Max(1, Environment.ProcessorCount);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var pool = new BlockingCollection<CsvBatch>();
        using var work = new BlockingCollection<CsvBatch>();
        using var ordered = new BlockingCollection<CsvBatch>();
        int[]? indexes = null;
        string[]? names = null;
        var colCount = -1;
        var rowEnumerator = reader.GetEnumerator();

        // The header (or the first row without one) fixes the columns before the pipeline starts.
        if (!rowEnumerator.MoveNext())
        {
            if (hasHeader)
            {
                throw new BulkInputException("the file is empty: no header row", "header", default);
            }

            writer.Flush();
            return default;
        }

        {
            var first = rowEnumerator.Current;
            colCount = first.ColCount;
            names = new string[colCount];
            for (var c = 0; c < colCount; c++)
            {
                names[c] = UnquoteName(first[c].Span);
            }

            indexes = ResolveColumns(names, colCount);
            if (hasHeader)
            {
                CheckQuotes(first.Span, first.RowIndex + 1);
                writer.Write(first.Span);
                writer.Write('\n');
            }
        }

        for (var i = 0; i < (2 * workers) + 2; i++)
        {
            pool.Add(new CsvBatch(BatchRows, indexes), CancellationToken.None);
        }

        var workerTasks = Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(
            () =>
            {
                foreach (var batch in work.GetConsumingEnumerable())
                {
                    try
                    {
                        batch.Transform(transform, policy, delimiter);
                    }
                    catch (Exception e)
                    {
                        batch.Error = e;
                    }
                    finally
                    {
                        batch.Done.Set();
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        var writerTask = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    return Write(ordered, pool, writer, names, progress, stop.Token);
                }
                catch
                {
                    stop.Cancel();
                    throw;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        Exception? readError = null;
        try
        {
            var batch = pool.Take(stop.Token);
            long sequence = 0;
            Span<int> offsets = stackalloc int[indexes.Length];
            Span<int> lengths = stackalloc int[indexes.Length];
            var pending = !hasHeader;
            while (pending || rowEnumerator.MoveNext())
            {
                pending = false;
                var row = rowEnumerator.Current;
                var rowNumber = row.RowIndex + 1;
                if (row.ColCount != colCount)
                {
                    throw new BulkInputException($"a row has {row.ColCount} columns instead of {colCount} (truncated or malformed CSV)", $"row {rowNumber}", new IdentifierError(IdentifierRule.Length, 0));
                }

                var text = row.Span;
                CheckQuotes(text, rowNumber);
                for (var k = 0; k < indexes.Length; k++)
                {
                    var cell = row[indexes[k]].Span;
                    offsets[k] = CsvBatch.OffsetOf(text, cell);
                    lengths[k] = cell.Length;
                }

                batch.Add(text, offsets, lengths, rowNumber);
                if (batch.IsFull)
                {
                    Submit(batch, sequence++, work, ordered);
                    batch = pool.Take(stop.Token);
                }
            }

            if (batch.Count > 0)
            {
                Submit(batch, sequence, work, ordered);
            }
        }
        catch (Exception e)
        {
            // Batches before the error are still written (an earlier invalid value must win over a later
            // malformed row); the output is thrown away anyway.
            readError = e;
        }
        finally
        {
            work.CompleteAdding();
            ordered.CompleteAdding();
        }

        try
        {
            Task.WaitAll([writerTask, .. workerTasks], CancellationToken.None);
        }
        catch (AggregateException)
        {
            // Looked at below, in order of precedence.
        }

        if (writerTask.IsFaulted && writerTask.Exception!.InnerException is { } writeError and not OperationCanceledException)
        {
            ExceptionDispatchInfo.Throw(writeError);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (readError is not null)
        {
            ExceptionDispatchInfo.Throw(readError);
        }

        return writerTask.Result;
    }

    private static void Submit(CsvBatch batch, long sequence, BlockingCollection<CsvBatch> work, BlockingCollection<CsvBatch> ordered)
    {
        batch.Sequence = sequence;
        ordered.Add(batch);
        work.Add(batch);
    }

    /// <summary>Writes batches in file order as their workers finish them; returns them to the pool.</summary>
    private BulkResult Write(BlockingCollection<CsvBatch> ordered, BlockingCollection<CsvBatch> pool, StreamWriter writer, string[] names, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        long rows = 0, invalid = 0;
        foreach (var batch in ordered.GetConsumingEnumerable(cancellationToken))
        {
            batch.Done.Wait(cancellationToken);
            if (batch.Error is { } error)
            {
                ExceptionDispatchInfo.Throw(error);
            }

            if (batch.Failure is { } failure)
            {
                var column = hasHeader ? names[batch.Columns[failure.Column]] : batch.Columns[failure.Column].ToString(CultureInfo.InvariantCulture);
                throw new BulkInputException(failure.Error.Describe(transform.InputKind), $"row {failure.Row}, column {column}", failure.Error);
            }

            writer.Write(batch.Output);
            rows += batch.Count;
            invalid += batch.Invalid;
            progress?.Report(rows);
            batch.Reset();
            pool.Add(batch, cancellationToken);
        }

        writer.Flush();
        return new BulkResult(rows, invalid);
    }

    /// <summary>RFC 4180 §2 rule 7: in a well-formed row quotes come in pairs; an odd count means an unclosed quote (a truncated file).</summary>
    private static void CheckQuotes(ReadOnlySpan<char> row, long rowNumber)
    {
        if ((row.Count('"') & 1) != 0)
        {
            throw new BulkInputException("a quoted field is not closed (truncated or malformed CSV)", $"row {rowNumber}", new IdentifierError(IdentifierRule.Character, 0));
        }
    }

    private static string UnquoteName(ReadOnlySpan<char> raw) =>
        raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : raw.ToString();

    private int[] ResolveColumns(string[] header, int colCount)
    {
        var indexes = new int[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            if (hasHeader)
            {
                indexes[i] = Array.IndexOf(header, columns[i]) is var index and >= 0
                    ? index
                    : throw new BulkInputException($"the header has no column '{columns[i]}'", "header", default);
            }
            else
            {
                indexes[i] = int.TryParse(columns[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    ? index
                    : throw new BulkInputException($"without a header, columns are 0-based indexes, not '{columns[i]}'", "columns", default);
                if (index >= colCount)
                {
                    throw new BulkInputException($"column index {index} is beyond the {colCount} columns of the file", "columns", default);
                }
            }
        }

        return indexes;
    }
}
