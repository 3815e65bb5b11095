namespace SecurityKit.Signing.Pades;

/// <summary>
/// The /P value of a DocMDP transform (ISO 32000-1 §12.8.2.2 table 254): which changes a certified document allows
/// after the certification signature.
/// </summary>
public enum DocMdpLevel
{
    /// <summary>P=1: no changes at all (not even another signature; a document timestamp or DSS is accepted, EN 319 142-1 §5.4).</summary>
    NoChanges = 1,

    /// <summary>P=2: filling in forms, instantiating page templates and signing.</summary>
    FormFillingAndSigning = 2,

    /// <summary>P=3: as P=2, plus creating, deleting and modifying annotations.</summary>
    FormFillingSigningAndAnnotations = 3,
}
