namespace SecurityKit.Signing.Pdf;

/// <summary>How a PDF's strings or streams are encrypted (ISO 32000-1 §7.6.5 table 25 /CFM, ISO 32000-2 AESV3).</summary>
internal enum PdfCipher
{
    /// <summary>Not encrypted (/Identity or /None).</summary>
    Identity,

    /// <summary>RC4 with the per-object key (/V2, and /V 1–3).</summary>
    Rc4,

    /// <summary>AES-128-CBC with the per-object key (/AESV2).</summary>
    AesV2,

    /// <summary>AES-256-CBC with the file key (/AESV3).</summary>
    AesV3,
}
