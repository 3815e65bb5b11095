using SecurityKit.Testing;

namespace SecurityKit.ReferenceApi.Tests.Infrastructure;

/// <summary>poppler's pdfsig over a PDF the API returned: the check of its signatures by a tool outside the code under test.</summary>
internal static class Pdfsig
{
    /// <summary>The text "Signature Validation: Signature is Valid." that pdfsig prints for each valid signature.</summary>
    public const string Valid = "Signature Validation: Signature is Valid.";

    /// <summary>pdfsig's report (standard output) on <paramref name="pdf"/>.</summary>
    public static async Task<string> ReportAsync(byte[] pdf)
    {
        var pdfsig = ExternalTool.Require("pdfsig", "poppler-utils");
        using var folder = new TemporaryDirectory("sk-api-pdfsig");
        var path = folder.File("signed.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        return (await ExternalTool.RunAsync(pdfsig, [path])).StandardOutput;
    }

    /// <summary>How many times <paramref name="what"/> stands in <paramref name="report"/>.</summary>
    public static int Count(string report, string what) =>
        (report.Length - report.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;
}
