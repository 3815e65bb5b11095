namespace SecurityKit.Signing.Pades;

/// <summary>PAdES baseline levels (ETSI EN 319 142-1 §6).</summary>
public enum PadesLevel
{
    /// <summary>B-B: the CAdES-detached signature in a signature dictionary.</summary>
    BaselineB,

    /// <summary>B-T: B-B plus a signature timestamp from a trusted TSA.</summary>
    BaselineT,

    /// <summary>B-LT: B-T plus the validation data (certificates, OCSP responses, CRLs) in the document's DSS.</summary>
    BaselineLT,

    /// <summary>B-LTA: B-LT plus a document timestamp over everything, renewable later.</summary>
    BaselineLTA,
}
