using System.Buffers;
using SecurityKit.Pseudonymization.Identifiers;

namespace SecurityKit.Pseudonymization.Bulk;

/// <summary>
/// Pseudonymises (or reverses) one identifier per line from a stream to a stream, as fast as the pseudonymiser goes:
/// large buffered reads, UTF-8 spans parsed in place, each chunk split at line ends over all cores, outputs written
/// in input order. Memory stays constant (a few chunk buffers) whatever the input size.
/// </summary>
public static class LinePseudonymization
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Runs the lines of <paramref name="input"/> through a transform into <paramref name="output"/>.</summary>
    /// <param name="transform">Pseudonymise, reverse or re-pseudonymise.</param>
    /// <param name="input">UTF-8 lines (LF or CRLF); a final line end is optional.</param>
    /// <param name="output">Receives one line (LF) per input line: the result, the marker, or an empty line for a skipped one.</param>
    /// <param name="policy">What to do with invalid lines.</param>
    /// <param name="progress">Receives the number of lines done after each chunk.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="BulkInputException">An invalid line under <see cref="InvalidIdentifierPolicy.Fail"/>.</exception>
    public static async Task<BulkResult> RunAsync(IdentifierTransform transform, Stream input, Stream output, InvalidIdentifierPolicy policy = InvalidIdentifierPolicy.Fail, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var workers = Math.Max(1, Environment.ProcessorCount);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize * 2);
        var segments = Enumerable.Range(0, workers).Select(_ => new Segment()).ToArray();
        long lines = 0, invalid = 0;
        var filled = 0;
        var atEnd = false;
        try
        {
            while (true)
            {
                // Fill the buffer; keep the tail after the last LF for the next round.
                while (filled < ChunkSize && !atEnd)
                {
                    var read = await input.ReadAsync(buffer.AsMemory(filled, buffer.Length - filled), cancellationToken).ConfigureAwait(false);
                    atEnd = read == 0;
                    filled += read;
                }

                var end = atEnd ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
                if (end == 0)
                {
                    if (atEnd)
                    {
                        break;
                    }

                    if (filled == buffer.Length)
                    {
                        throw new BulkInputException($"a line is longer than {buffer.Length} bytes", $"line {lines + 1}", new IdentifierError(IdentifierRule.Length, 0));
                    }

                    var more = await input.ReadAsync(buffer.AsMemory(filled, buffer.Length - filled), cancellationToken).ConfigureAwait(false);
                    atEnd = more == 0;
                    filled += more;
                    continue;
                }

                Split(buffer.AsSpan(0, end), segments);
                var firstLine = lines;
                Parallel.For(0, segments.Length, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, i =>
                    segments[i].Process(transform, buffer, policy));

                foreach (var segment in segments)
                {
                    if (segment.Failure is { } failure)
                    {
                        throw new BulkInputException(
                            failure.Error.Describe(transform.InputKind),
                            $"line {firstLine + failure.Line}",
                            failure.Error);
                    }

                    firstLine += segment.Lines;
                    lines += segment.Lines;
                    invalid += segment.Invalid;
                    await output.WriteAsync(segment.Output.WrittenMemory, cancellationToken).ConfigureAwait(false);
                }

                progress?.Report(lines);
                buffer.AsSpan(end, filled - end).CopyTo(buffer);
                filled -= end;
                if (atEnd && filled == 0)
                {
                    break;
                }
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new BulkResult(lines, invalid);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Cuts a run of whole lines into one piece per worker, each ending at a line end.</summary>
    private static void Split(ReadOnlySpan<byte> data, Segment[] segments)
    {
        var start = 0;
        for (var i = 0; i < segments.Length; i++)
        {
            var end = data.Length;
            if (i < segments.Length - 1)
            {
                var target = start + ((data.Length - start) / (segments.Length - i));
                var lf = target >= data.Length ? -1 : data[target..].IndexOf((byte)'\n');
                end = lf < 0 ? data.Length : target + lf + 1;
            }

            segments[i].Start = start;
            segments[i].Length = end - start;
            start = end;
        }
    }

    private sealed class Segment
    {
        public int Start { get; set; }

        public int Length { get; set; }

        public ArrayBufferWriter<byte> Output { get; } = new(ChunkSize);

        public long Lines { get; private set; }

        public long Invalid { get; private set; }

        public (long Line, IdentifierError Error)? Failure { get; private set; }

        public void Process(IdentifierTransform transform, byte[] buffer, InvalidIdentifierPolicy policy)
        {
            Output.ResetWrittenCount();
            Lines = 0;
            Invalid = 0;
            Failure = null;
            var data = buffer.AsSpan(Start, Length);
            var maxLength = transform.MaxLength + 1;
            while (!data.IsEmpty)
            {
                var lf = data.IndexOf((byte)'\n');
                var line = lf < 0 ? data : data[..lf];
                data = lf < 0 ? default : data[(lf + 1)..];
                if (!line.IsEmpty && line[^1] == '\r')
                {
                    line = line[..^1];
                }

                Lines++;
                var destination = Output.GetSpan(Math.Max(maxLength, 64));
                var error = transform.Apply(line, destination, out var written);
                if (error.Rule == IdentifierRule.None)
                {
                    destination[written] = (byte)'\n';
                    Output.Advance(written + 1);
                    continue;
                }

                Invalid++;
                switch (policy)
                {
                    case InvalidIdentifierPolicy.Fail:
                        Failure = (Lines, error);
                        return;
                    case InvalidIdentifierPolicy.Mark:
                        var marker = InvalidMarker.Utf8ByRule[(int)error.Rule];
                        marker.CopyTo(destination);
                        destination[marker.Length] = (byte)'\n';
                        Output.Advance(marker.Length + 1);
                        break;
                    default:
                        // Skip writes an empty line: output line N stays the transform of input line N, so files
                        // that are joined by line number stay aligned, and the original is never passed through.
                        destination[0] = (byte)'\n';
                        Output.Advance(1);
                        break;
                }
            }
        }
    }
}
