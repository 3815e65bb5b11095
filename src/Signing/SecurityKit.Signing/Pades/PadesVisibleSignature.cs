namespace SecurityKit.Signing.Pades;

/// <summary>Where a visible signature's appearance goes: a one-based page number and a rectangle in PDF points.</summary>
/// <param name="Page">One-based page number.</param>
/// <param name="X">Lower-left x, in points from the page's left edge.</param>
/// <param name="Y">Lower-left y, in points from the page's bottom edge.</param>
/// <param name="Width">Width in points.</param>
/// <param name="Height">Height in points.</param>
/// <param name="FontFile">A TrueType font file to embed; DejaVu Sans (fonts-dejavu-core) when null.</param>
public sealed record PadesVisibleSignature(int Page, double X, double Y, double Width, double Height, string? FontFile = null);
