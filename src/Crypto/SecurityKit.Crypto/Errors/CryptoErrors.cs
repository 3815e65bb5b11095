namespace SecurityKit.Crypto;

// The typed errors of SecurityKit.Crypto. Each names what is wrong and where, never the key itself, so a host may
// show message and location as they are (see SecurityKitException).

/// <summary>A key was passed to an algorithm it was not created for (NSec's rule: one key, one algorithm).</summary>
public sealed class KeyAlgorithmMismatchException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="expected">The algorithm that was asked to use the key.</param>
    /// <param name="actual">The algorithm the key belongs to.</param>
    public KeyAlgorithmMismatchException(string expected, string actual)
        : base($"the key belongs to {actual}, not to {expected}", "key")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The algorithm that was asked to use the key.</summary>
    public string Expected { get; }

    /// <summary>The algorithm the key belongs to.</summary>
    public string Actual { get; }
}

/// <summary>A key blob (PKCS#8, SubjectPublicKeyInfo, PEM) is malformed or holds a key of another algorithm.</summary>
public sealed class KeyFormatException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="location">Where (a format, a field, a byte offset).</param>
    /// <param name="innerException">The cause, if any.</param>
    public KeyFormatException(string message, string location, Exception? innerException = null)
        : base(message, location, innerException)
    {
    }
}

/// <summary>An encrypted private key or PFX could not be decrypted with the password given.</summary>
public sealed class WrongPasswordException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="location">What was being decrypted (a file, a format).</param>
    /// <param name="innerException">The cause, if any.</param>
    public WrongPasswordException(string location, Exception? innerException = null)
        : base("wrong password, or the encrypted key is damaged", location, innerException)
    {
    }
}

/// <summary>An algorithm name or OID that SecurityKit does not implement.</summary>
public sealed class UnsupportedAlgorithmException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="algorithm">The name or OID asked for.</param>
    /// <param name="location">Where it was asked for (a configuration key, a key blob).</param>
    public UnsupportedAlgorithmException(string algorithm, string location)
        : base($"unsupported algorithm '{algorithm}'", location)
    {
        Algorithm = algorithm;
    }

    /// <summary>The name or OID asked for.</summary>
    public string Algorithm { get; }
}

/// <summary>A private key was asked for in plain form but was not created or imported as exportable.</summary>
public sealed class KeyNotExportableException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="algorithm">The key's algorithm.</param>
    public KeyNotExportableException(string algorithm)
        : base($"the {algorithm} private key is not exportable (create it with an export policy)", "key")
    {
    }
}

/// <summary>A signature did not verify.</summary>
public sealed class SignatureVerificationException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="algorithm">The algorithm used to verify.</param>
    public SignatureVerificationException(string algorithm)
        : base($"the {algorithm} signature does not verify", "signature")
    {
    }
}

/// <summary>An envelope (encrypted file or record) is malformed, truncated, or was modified.</summary>
public sealed class EnvelopeFormatException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="location">Where (a byte offset, a chunk number).</param>
    /// <param name="innerException">The cause, if any.</param>
    public EnvelopeFormatException(string message, string location, Exception? innerException = null)
        : base(message, location, innerException)
    {
    }
}
