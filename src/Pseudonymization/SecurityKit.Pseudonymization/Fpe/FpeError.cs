namespace SecurityKit.Pseudonymization.Fpe;

/// <summary>Which rule of NIST SP 800-38G an FF1 or FF3-1 input broke.</summary>
public enum FpeError
{
    /// <summary>The AES key is not 128, 192 or 256 bits long.</summary>
    KeyLength,

    /// <summary>The radix is outside the range this implementation supports (2..2^16; 2..36 for strings).</summary>
    Radix,

    /// <summary>The numeral string is shorter than minlen: radix^minlen must be at least 1,000,000 (§5.2) and minlen at least 2.</summary>
    TooShort,

    /// <summary>The numeral string is longer than maxlen (FF3-1: 2·⌊log_radix(2^96)⌋, §5.2; FF1: the implementation limit).</summary>
    TooLong,

    /// <summary>A character is not a numeral of the radix (0-9 then a-z).</summary>
    Numeral,

    /// <summary>The tweak has the wrong length (FF1: at most maxTlen bytes; FF3-1: exactly 56 bits).</summary>
    TweakLength,
}
