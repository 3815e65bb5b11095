using System.Numerics;
using System.Security.Cryptography;
using SecurityKit.Pseudonymization.Fpe;
using SecurityKit.Pseudonymization.Identifiers;
using SecurityKit.Pseudonymization.Keys;

namespace SecurityKit.Pseudonymization.Pseudonymizers;

/// <summary>
/// Format-preserving pseudonyms for KBO/BCE enterprise numbers: the eight-digit body (0–19,999,999, first digit 0 or 1)
/// is permuted with FF1 and cycle walking, then the mod-97 check digits are recomputed, so a pseudonym is a valid
/// enterprise number (it may equal a real one: KBO numbers are dense). Input may be in VAT form; output is canonical.
/// </summary>
public sealed class EnterpriseNumberPseudonymizer : IdentifierPseudonymizer
{
    private const ulong Bodies = 20_000_000;
    private readonly Ff1 ff1;
    private readonly IntegerPermutation permutation;

    /// <summary>Creates the pseudonymiser of one domain.</summary>
    /// <param name="masterKey">The key-ring key (a per-domain key is derived).</param>
    /// <param name="domain">The domain.</param>
    public EnterpriseNumberPseudonymizer(ReadOnlySpan<byte> masterKey, string domain)
        : this(DomainKey.Derive(masterKey, "enterprise-number", "enterprise-number/v1", domain))
    {
    }

    /// <summary>Creates the pseudonymiser of one domain with a master key from any source (e.g. a PKCS#11 token).</summary>
    /// <param name="masterKey">The master key (a per-domain key is derived).</param>
    /// <param name="domain">The domain.</param>
    public EnterpriseNumberPseudonymizer(IDomainKeySource masterKey, string domain)
        : this(DomainKey.Derive(masterKey, "enterprise-number", "enterprise-number/v1", domain))
    {
    }

    private EnterpriseNumberPseudonymizer(byte[] key)
    {
        try
        {
            ff1 = new Ff1(key, IntegerPermutation.RadixFor(Bodies));
            permutation = new IntegerPermutation(ff1, []);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <inheritdoc/>
    public override string IdentifierKind => EnterpriseNumber.KindName;

    /// <inheritdoc/>
    public override int MaxLength => 10;

    /// <inheritdoc/>
    public override IdentifierError Pseudonymize(ReadOnlySpan<char> text, Span<char> destination, out int written) => Core(text, destination, out written, true);

    /// <inheritdoc/>
    public override IdentifierError Pseudonymize(ReadOnlySpan<byte> utf8, Span<byte> destination, out int written) => Core(utf8, destination, out written, true);

    /// <inheritdoc/>
    public override IdentifierError Reverse(ReadOnlySpan<char> pseudonym, Span<char> destination, out int written) => Core(pseudonym, destination, out written, false);

    /// <inheritdoc/>
    public override IdentifierError Reverse(ReadOnlySpan<byte> utf8, Span<byte> destination, out int written) => Core(utf8, destination, out written, false);

    private IdentifierError Core<T>(ReadOnlySpan<T> text, Span<T> destination, out int written, bool forward)
        where T : unmanaged, IBinaryInteger<T>
    {
        written = 0;
        var error = EnterpriseNumber.ValidateCore(text, out var number);
        if (error.Rule != IdentifierRule.None)
        {
            return error;
        }

        var body = number.Body;
        do
        {
            body = forward ? permutation.Forward(body) : permutation.Backward(body);
        }
        while (body >= Bodies);

        NationalRegisterNumber.WriteDigits(destination[..10], (body * 100) + EnterpriseNumber.CheckFor(body));
        written = 10;
        return default;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ff1.Dispose();
        }
    }
}
