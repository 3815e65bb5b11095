namespace SecurityKit.Signing.Cades;

/// <summary>The baseline levels of ETSI EN 319 122-1 §6 (CAdES) and EN 319 142-1 §6 (PAdES).</summary>
public enum SignatureLevel
{
    /// <summary>B-B: signed attributes with the signing certificate (basic signature).</summary>
    BaselineB,

    /// <summary>B-T: B-B plus a trusted time (signature-time-stamp).</summary>
    BaselineT,

    /// <summary>B-LT: B-T plus every certificate and revocation value needed to validate it later.</summary>
    BaselineLT,

    /// <summary>B-LTA: B-LT plus an archive time-stamp that protects the validation material.</summary>
    BaselineLTA,
}
