namespace SecurityKit.Signing.Cades;

/// <summary>Where the signed content goes relative to the CMS (EN 319 122-1 §4.1).</summary>
public enum SignaturePackaging
{
    /// <summary>The content stays outside the CMS (<c>eContent</c> absent): a <c>.p7s</c> beside the document.</summary>
    Detached,

    /// <summary>The content is inside the CMS (<c>eContent</c> present): one <c>.p7m</c> file.</summary>
    Enveloping,
}
