using System.Security.Cryptography;
using System.Text;
using SecurityKit.Pseudonymization.Identifiers;
using SecurityKit.Pseudonymization.Pseudonymizers;

namespace SecurityKit.Detection.Pii.Operators;

/// <summary>
/// Detects and replaces personal data in one pass: placeholders (recorded in the conversation's
/// <see cref="PlaceholderMap"/>), redaction, masking or a keyed hash, as the <see cref="PiiPolicy"/> says.
/// </summary>
public sealed class PiiAnonymizer
{
    private readonly PiiDetector detector;
    private readonly byte[] hashKey;
    private readonly IReadOnlyDictionary<PiiEntityType, IdentifierPseudonymizer> pseudonymizers;

    /// <summary>Creates an anonymizer.</summary>
    /// <param name="detector">The detector.</param>
    /// <param name="hashKey">Key of the <see cref="PiiOperator.Hash"/> operator (HMAC-SHA256); at least 16 bytes. A random key when null.</param>
    /// <param name="pseudonymizers">Pseudonymisers of the <see cref="PiiOperator.Pseudonym"/> operator, per type (national number, enterprise number, IBAN).</param>
    public PiiAnonymizer(PiiDetector detector, byte[]? hashKey = null, IReadOnlyDictionary<PiiEntityType, IdentifierPseudonymizer>? pseudonymizers = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        if (hashKey is { Length: < 16 })
        {
            throw new SecurityKitException("the hash operator's key must be at least 16 bytes", "hash key");
        }

        this.detector = detector;
        this.hashKey = hashKey ?? RandomNumberGenerator.GetBytes(32);
        this.pseudonymizers = pseudonymizers ?? new Dictionary<PiiEntityType, IdentifierPseudonymizer>();
    }

    /// <summary>Replaces the entities of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="policy">Operators and blocked types.</param>
    /// <param name="map">The conversation's placeholders; new ones are added.</param>
    /// <returns>The safe text and counts per type.</returns>
    /// <exception cref="PiiBlockedException">The text holds a type the policy blocks.</exception>
    public AnonymizedText Anonymize(string text, PiiPolicy policy, PlaceholderMap map)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(map);
        var entities = detector.Detect(text);
        var counts = new Dictionary<PiiEntityType, int>();
        var blocked = new Dictionary<PiiEntityType, int>();
        foreach (var e in entities)
        {
            if (policy.Blocked.Contains(e.Type))
            {
                blocked[e.Type] = blocked.GetValueOrDefault(e.Type) + 1;
            }
        }

        if (blocked.Count > 0)
        {
            throw new PiiBlockedException(blocked);
        }

        if (entities.Count == 0)
        {
            return new AnonymizedText(text, counts);
        }

        var sb = new StringBuilder(text.Length + 16);
        var at = 0;
        foreach (var e in entities)
        {
            if (policy.Allowed.Contains(e.Type))
            {
                continue;
            }

            sb.Append(text, at, e.Start - at);
            var original = text[e.Start..e.End];
            switch (policy.OperatorFor(e.Type))
            {
                case PiiOperator.Placeholder:
                    sb.Append('<').Append(map.GetOrAdd(e.Type, original)).Append('>');
                    break;
                case PiiOperator.Redact:
                    sb.Append('[').Append(e.Type.ToName()).Append(']');
                    break;
                case PiiOperator.Mask:
                    foreach (var c in original)
                    {
                        sb.Append(char.IsLetterOrDigit(c) ? '*' : c);
                    }

                    break;
                case PiiOperator.Pseudonym when TryPseudonymize(e.Type, original, out var pseudonym):
                    map.AddPseudonym(pseudonym, original);
                    sb.Append(pseudonym);
                    break;
                case PiiOperator.Pseudonym:
                    sb.Append('<').Append(map.GetOrAdd(e.Type, original)).Append('>');
                    break;
                case PiiOperator.Hash:
                    sb.Append('<').Append(e.Type.ToName()).Append(':').Append(Hash(e.Type, original)).Append('>');
                    break;
            }

            counts[e.Type] = counts.GetValueOrDefault(e.Type) + 1;
            at = e.End;
        }

        sb.Append(text, at, text.Length - at);
        return new AnonymizedText(sb.ToString(), counts);
    }

    private bool TryPseudonymize(PiiEntityType type, string original, out string pseudonym)
    {
        pseudonym = string.Empty;
        if (!pseudonymizers.TryGetValue(type, out var pseudonymizer))
        {
            return false;
        }

        try
        {
            pseudonym = pseudonymizer.Pseudonymize(original);
            return true;
        }
        catch (IdentifierException)
        {
            // Detected but refused by the pseudonymiser's stricter rules: fall back to a placeholder.
            return false;
        }
    }

    private string Hash(PiiEntityType type, string original)
    {
        // The type is part of the MAC input so that equal strings of different types do not link.
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(hashKey, Encoding.UTF8.GetBytes($"{type.ToName()}\u001f{original}"), mac);
        return Convert.ToHexStringLower(mac[..8]);
    }
}
