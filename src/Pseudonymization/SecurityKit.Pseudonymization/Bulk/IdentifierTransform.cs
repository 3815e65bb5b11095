using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using SecurityKit.Pseudonymization.Identifiers;
using SecurityKit.Pseudonymization.Pseudonymizers;

namespace SecurityKit.Pseudonymization.Bulk;

/// <summary>
/// What a bulk run does to each value: pseudonymise, reverse, or re-pseudonymise from an old key version to a new one
/// (key rotation). Re-pseudonymisation reverses into a stack buffer that is cleared right after, so cleartext
/// identifiers are never written out.
/// </summary>
public sealed class IdentifierTransform
{
    private readonly IdentifierPseudonymizer target;
    private readonly IdentifierPseudonymizer? source;
    private readonly bool reverse;

    /// <summary>Pseudonymises (or, with <paramref name="reverse"/>, turns pseudonyms back).</summary>
    /// <param name="pseudonymizer">The pseudonymiser.</param>
    /// <param name="reverse">Turn pseudonyms back.</param>
    public IdentifierTransform(IdentifierPseudonymizer pseudonymizer, bool reverse = false)
    {
        target = pseudonymizer ?? throw new ArgumentNullException(nameof(pseudonymizer));
        this.reverse = reverse;
    }

    /// <summary>Re-pseudonymises pseudonyms of <paramref name="from"/> as pseudonyms of <paramref name="to"/>.</summary>
    /// <param name="from">The pseudonymiser with the old key version.</param>
    /// <param name="to">The pseudonymiser with the new key version.</param>
    public IdentifierTransform(IdentifierPseudonymizer from, IdentifierPseudonymizer to)
    {
        source = from ?? throw new ArgumentNullException(nameof(from));
        target = to ?? throw new ArgumentNullException(nameof(to));
    }

    /// <summary>What the input values are, for messages.</summary>
    public string InputKind => reverse || source is not null ? $"{target.IdentifierKind} pseudonym" : target.IdentifierKind;

    /// <summary>The longest output value.</summary>
    public int MaxLength => target.MaxLength;

    /// <summary>Transforms one UTF-8 value.</summary>
    /// <param name="utf8">The value.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <param name="written">Bytes written.</param>
    /// <returns>The error, or a default value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IdentifierError Apply(ReadOnlySpan<byte> utf8, Span<byte> destination, out int written)
    {
        if (source is null)
        {
            return reverse ? target.Reverse(utf8, destination, out written) : target.Pseudonymize(utf8, destination, out written);
        }

        Span<byte> clear = stackalloc byte[source.MaxLength];
        try
        {
            var error = source.Reverse(utf8, clear, out var length);
            if (error.Rule != IdentifierRule.None)
            {
                written = 0;
                return error;
            }

            return target.Pseudonymize(clear[..length], destination, out written);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
    }

    /// <summary>Transforms one UTF-16 value.</summary>
    /// <param name="text">The value.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> characters.</param>
    /// <param name="written">Characters written.</param>
    /// <returns>The error, or a default value.</returns>
    public IdentifierError Apply(ReadOnlySpan<char> text, Span<char> destination, out int written)
    {
        if (source is null)
        {
            return reverse ? target.Reverse(text, destination, out written) : target.Pseudonymize(text, destination, out written);
        }

        Span<char> clear = stackalloc char[source.MaxLength];
        try
        {
            var error = source.Reverse(text, clear, out var length);
            if (error.Rule != IdentifierRule.None)
            {
                written = 0;
                return error;
            }

            return target.Pseudonymize(clear[..length], destination, out written);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(clear));
        }
    }
}
