using System.CommandLine;

namespace SecurityKit.Cli.Commands.Signing;

/// <summary>
/// The password of an encrypted PDF for <c>sign pades</c> and <c>validate</c>: <c>--pdf-password</c>, or else the
/// environment variable <c>SECURITYKIT_PDF_PASSWORD</c> (preferred: a command line is visible to other users of the
/// machine). The value is never printed.
/// </summary>
internal static class PdfPasswordOption
{
    /// <summary>The environment variable read when the option is absent.</summary>
    public const string EnvironmentVariable = "SECURITYKIT_PDF_PASSWORD";

    public static Option<string> Create() => new("--pdf-password")
    {
        Description = $"User or owner password of an encrypted PDF (or set {EnvironmentVariable}).",
    };

    public static string? Resolve(ParseResult result, Option<string> option) =>
        result.GetValue(option) ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
}
