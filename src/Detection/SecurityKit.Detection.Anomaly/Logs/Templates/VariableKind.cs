namespace SecurityKit.Detection.Anomaly.Logs.Templates;

/// <summary>What kind of value a variable token of a log line holds (used to name entities and to explain scores).</summary>
public enum VariableKind
{
    /// <summary>Not a variable: fixed text of the message.</summary>
    None,

    /// <summary>An integer or decimal number, possibly signed or with a unit-less suffix.</summary>
    Number,

    /// <summary>A hexadecimal value (<c>0x1f</c>, <c>deadbeef01</c>).</summary>
    Hex,

    /// <summary>An IPv4 or IPv6 address, possibly with a port.</summary>
    IpAddress,

    /// <summary>A URL (<c>scheme://…</c>).</summary>
    Url,

    /// <summary>A file-system path.</summary>
    Path,

    /// <summary>An RFC 4122 UUID.</summary>
    Uuid,

    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A Belgian national register number (11 digits, possibly written <c>yy.mm.dd-sss.cc</c>).</summary>
    NationalNumber,

    /// <summary>A date, a time or a timestamp.</summary>
    DateTime,

    /// <summary>A size with a unit (<c>12KB</c>, <c>3.5 MB</c>).</summary>
    Size,

    /// <summary>Any other token holding digits: an identifier such as <c>blk_-1608</c> or <c>attempt_14451_m_3</c>.</summary>
    Identifier,
}
