using System.Security.Cryptography;

namespace SecurityKit.Cli.Infrastructure;

/// <summary>
/// Turns an exception into the one-line error of CONTRACTS.md: <c>error: &lt;what&gt; (&lt;where&gt;)</c>.
/// Messages of SecurityKit's own exceptions are written to be shown (no secrets, no full identifiers); for anything
/// else only the exception's kind and message are shown, never its stack trace.
/// </summary>
internal static class ErrorLine
{
    public static string For(Exception exception)
    {
        var (what, where) = exception switch
        {
            SecurityKitException sk => (sk.Message, sk.Location ?? "input"),
            FileNotFoundException fnf => ("file not found", fnf.FileName ?? "file system"),
            DirectoryNotFoundException dnf => (dnf.Message, "file system"),
            UnauthorizedAccessException ua => (ua.Message, "file system"),
            IOException io => (io.Message, "file system"),
            CryptographicException ce => ($"cryptographic operation failed: {ce.Message}", "crypto"),
            OperationCanceledException => ("cancelled", "process"),
            _ => ($"unexpected {exception.GetType().Name}: {exception.Message}", "securitykit"),
        };
        return $"error: {OneLine(what)} ({OneLine(where)})";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
