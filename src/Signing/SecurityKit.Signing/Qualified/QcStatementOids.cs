namespace SecurityKit.Signing.Qualified;

/// <summary>Object identifiers of ETSI EN 319 412-5 QC statements and ETSI EN 319 411-2 certificate policies.</summary>
public static class QcStatementOids
{
    /// <summary>The qcStatements certificate extension (RFC 3739 §3.2.6).</summary>
    public const string QcStatementsExtension = "1.3.6.1.5.5.7.1.3";

    /// <summary>esi4-qcStatement-1: the certificate is an EU qualified certificate (EN 319 412-5 §4.2.1).</summary>
    public const string QcCompliance = "0.4.0.1862.1.1";

    /// <summary>esi4-qcStatement-4: the private key lives in a QSCD (EN 319 412-5 §4.2.2).</summary>
    public const string QcSscd = "0.4.0.1862.1.4";

    /// <summary>esi4-qcStatement-5: PKI disclosure statements (EN 319 412-5 §4.3.4).</summary>
    public const string QcPds = "0.4.0.1862.1.5";

    /// <summary>esi4-qcStatement-6: the type of qualified certificate (EN 319 412-5 §4.2.3).</summary>
    public const string QcType = "0.4.0.1862.1.6";

    /// <summary>id-etsi-qct-esign: for electronic signatures.</summary>
    public const string QcTypeESign = "0.4.0.1862.1.6.1";

    /// <summary>id-etsi-qct-eseal: for electronic seals.</summary>
    public const string QcTypeESeal = "0.4.0.1862.1.6.2";

    /// <summary>id-etsi-qct-web: for website authentication.</summary>
    public const string QcTypeWeb = "0.4.0.1862.1.6.3";

    /// <summary>id-qcs-pkixQCSyntax-v2 (RFC 3739 §3.2.6.1) carrying an EN 319 412-1 semantics identifier.</summary>
    public const string PkixQcSyntaxV2 = "1.3.6.1.5.5.7.11.2";

    /// <summary>id-etsi-qcs-semanticsId-Natural (EN 319 412-1 §5.1.3).</summary>
    public const string SemanticsNatural = "0.4.0.194121.1.1";

    /// <summary>id-etsi-qcs-semanticsId-Legal (EN 319 412-1 §5.1.4).</summary>
    public const string SemanticsLegal = "0.4.0.194121.1.2";

    /// <summary>QCP-n-qscd: qualified certificate for natural persons with the key in a QSCD (EN 319 411-2 §5.3).</summary>
    public const string PolicyQcpNaturalQscd = "0.4.0.194112.1.2";

    /// <summary>QCP-l-qscd: qualified certificate for legal persons with the key in a QSCD (EN 319 411-2 §5.3).</summary>
    public const string PolicyQcpLegalQscd = "0.4.0.194112.1.3";
}
