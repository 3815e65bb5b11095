namespace SecurityKit.Crypto;

/// <summary>Why a PKCS#11 operation failed.</summary>
public enum HsmFailure
{
    /// <summary>The PKCS#11 module (shared library) does not exist or cannot be loaded.</summary>
    ModuleNotFound,

    /// <summary>No token with the configured label is present.</summary>
    TokenNotFound,

    /// <summary>The token holds no private key with the label or id asked for.</summary>
    KeyNotFound,

    /// <summary>The PIN was refused (CKR_PIN_INCORRECT).</summary>
    PinIncorrect,

    /// <summary>The PIN is locked after too many failures (CKR_PIN_LOCKED).</summary>
    PinLocked,

    /// <summary>The key's type or size does not fit the algorithm, or the token lacks the mechanism.</summary>
    KeyMismatch,

    /// <summary>Another PKCS#11 error (the CKR code is in the message).</summary>
    DeviceError,
}

/// <summary>A PKCS#11 token or module could not do what was asked. Never carries the PIN.</summary>
public sealed class HsmException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="failure">The kind of failure.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="location">Where (module path, token label, key label).</param>
    /// <param name="innerException">The cause.</param>
    public HsmException(HsmFailure failure, string message, string location, Exception? innerException = null)
        : base(message, location, innerException)
    {
        Failure = failure;
    }

    /// <summary>The kind of failure.</summary>
    public HsmFailure Failure { get; }
}
