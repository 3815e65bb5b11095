namespace SecurityKit.Detection.Anomaly.Logs.Parsing;

/// <summary>
/// Reads lines (LF, CRLF or CR) with a bound on line length, so that one enormous line (a binary file piped by
/// mistake, a runaway stack trace) cannot exhaust memory: characters past <see cref="MaxLineLength"/> are dropped
/// and the line is counted in <see cref="TruncatedLines"/>. NUL and other control characters except tab are
/// replaced by a space and counted in <see cref="ControlCharacters"/>.
/// </summary>
public sealed class BoundedLineReader
{
    private readonly TextReader reader;
    private readonly char[] buffer = new char[16384];
    private readonly char[] line;
    private int position;
    private int filled;
    private bool pendingCarriageReturn;

    /// <summary>Creates a reader.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="maxLineLength">The most characters kept of one line.</param>
    public BoundedLineReader(TextReader reader, int maxLineLength = 65536)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        this.reader = reader;
        MaxLineLength = maxLineLength;
        line = new char[maxLineLength];
    }

    /// <summary>The most characters kept of one line.</summary>
    public int MaxLineLength { get; }

    /// <summary>Lines cut at <see cref="MaxLineLength"/>.</summary>
    public long TruncatedLines { get; private set; }

    /// <summary>Control characters replaced by spaces.</summary>
    public long ControlCharacters { get; private set; }

    /// <summary>Lines read so far.</summary>
    public long LinesRead { get; private set; }

    /// <summary>Reads the next line.</summary>
    /// <param name="text">The line without its terminator; valid until the next call.</param>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    public bool TryReadLine(out ReadOnlySpan<char> text)
    {
        var length = 0;
        var any = false;
        var truncated = false;
        while (true)
        {
            if (position == filled)
            {
                filled = reader.Read(buffer, 0, buffer.Length);
                position = 0;
                if (filled == 0)
                {
                    if (!any)
                    {
                        text = default;
                        return false;
                    }

                    break;
                }
            }

            var c = buffer[position++];
            if (pendingCarriageReturn)
            {
                pendingCarriageReturn = false;
                if (c == '\n')
                {
                    continue;
                }
            }

            any = true;
            if (c == '\n')
            {
                break;
            }

            if (c == '\r')
            {
                pendingCarriageReturn = true;
                break;
            }

            if (c < ' ' && c != '\t' || c == '\u007f')
            {
                c = ' ';
                ControlCharacters++;
            }

            if (length < line.Length)
            {
                line[length++] = c;
            }
            else
            {
                truncated = true;
            }
        }

        if (truncated)
        {
            TruncatedLines++;
        }

        LinesRead++;
        text = line.AsSpan(0, length);
        return true;
    }
}
