using System.Text;

namespace SecurityKit.Cli.Commands.Logs;

/// <summary>Buffered standard streams for the log commands (Console.Out flushes on every write, far too slow for logs).</summary>
internal static class LogsConsole
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Standard input as UTF-8; invalid bytes become U+FFFD instead of failing.</summary>
    public static TextReader OpenInput() => new StreamReader(Console.OpenStandardInput(), Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    /// <summary>Standard output as UTF-8 without a byte-order mark, with a large buffer.</summary>
    public static StreamWriter OpenOutput() => new(Console.OpenStandardOutput(), Utf8, bufferSize: 1 << 16) { NewLine = "\n" };
}
