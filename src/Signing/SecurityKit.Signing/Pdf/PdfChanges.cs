namespace SecurityKit.Signing.Pdf;

/// <summary>What changed after a signature: the changes its permissions allow, and those they do not.</summary>
internal sealed class PdfChanges
{
    public List<string> Allowed { get; } = [];

    public List<string> Disallowed { get; } = [];
}
