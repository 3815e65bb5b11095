using SecurityKit.Pseudonymization.Identifiers;

namespace SecurityKit.Pseudonymization.Pseudonymizers;

/// <summary>
/// A keyed, deterministic, reversible pseudonymiser for one kind of identifier in one domain: the same identifier
/// always gives the same pseudonym, the key holder can turn a pseudonym back. Span methods do not allocate and report
/// invalid input as an <see cref="IdentifierError"/>; string methods throw <see cref="IdentifierException"/>.
/// </summary>
public abstract class IdentifierPseudonymizer : IDisposable
{
    /// <summary>The identifier kind, e.g. <c>national number</c>, used in error messages.</summary>
    public abstract string IdentifierKind { get; }

    /// <summary>The longest canonical pseudonym, in characters.</summary>
    public abstract int MaxLength { get; }

    /// <summary>Pseudonymises an identifier written in any usual form; writes the canonical pseudonym.</summary>
    /// <param name="text">The identifier.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> characters.</param>
    /// <param name="written">Characters written.</param>
    /// <returns>The validation error, or a default value on success.</returns>
    public abstract IdentifierError Pseudonymize(ReadOnlySpan<char> text, Span<char> destination, out int written);

    /// <summary>Pseudonymises an identifier written in UTF-8; writes the canonical pseudonym in UTF-8.</summary>
    /// <param name="utf8">The identifier.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <param name="written">Bytes written.</param>
    /// <returns>The validation error, or a default value on success.</returns>
    public abstract IdentifierError Pseudonymize(ReadOnlySpan<byte> utf8, Span<byte> destination, out int written);

    /// <summary>Turns a pseudonym back into the canonical identifier.</summary>
    /// <param name="pseudonym">The pseudonym.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> characters.</param>
    /// <param name="written">Characters written.</param>
    /// <returns>The error (e.g. <see cref="IdentifierRule.NotAPseudonym"/>), or a default value on success.</returns>
    public abstract IdentifierError Reverse(ReadOnlySpan<char> pseudonym, Span<char> destination, out int written);

    /// <summary>Turns a UTF-8 pseudonym back into the canonical identifier in UTF-8.</summary>
    /// <param name="utf8">The pseudonym.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <param name="written">Bytes written.</param>
    /// <returns>The error, or a default value on success.</returns>
    public abstract IdentifierError Reverse(ReadOnlySpan<byte> utf8, Span<byte> destination, out int written);

    /// <summary>Pseudonymises an identifier.</summary>
    /// <param name="text">The identifier in any usual written form.</param>
    /// <returns>The canonical pseudonym.</returns>
    /// <exception cref="IdentifierException">The identifier is not valid.</exception>
    public string Pseudonymize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<char> buffer = stackalloc char[MaxLength];
        var error = Pseudonymize(text.AsSpan(), buffer, out var written);
        return error.Rule == IdentifierRule.None ? new string(buffer[..written]) : throw new IdentifierException(IdentifierKind, error);
    }

    /// <summary>Turns a pseudonym back.</summary>
    /// <param name="pseudonym">The pseudonym.</param>
    /// <returns>The canonical identifier.</returns>
    /// <exception cref="IdentifierException">The text is not a pseudonym of this pseudonymiser.</exception>
    public string Reverse(string pseudonym)
    {
        ArgumentNullException.ThrowIfNull(pseudonym);
        Span<char> buffer = stackalloc char[MaxLength];
        var error = Reverse(pseudonym.AsSpan(), buffer, out var written);
        return error.Rule == IdentifierRule.None ? new string(buffer[..written]) : throw new IdentifierException($"{IdentifierKind} pseudonym", error);
    }

    /// <summary>Zeroes the keys.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Zeroes the keys.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);
}
