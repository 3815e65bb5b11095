using System.Text.RegularExpressions;
using SecurityKit.Detection.Pii.Validation;

namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>A recogniser built from <see cref="CustomRecognizerOptions"/>.</summary>
public sealed class CustomRegexRecognizer : IPiiRecognizer
{
    private readonly Regex regex;
    private readonly PiiEntityType type;
    private readonly string validator;
    private readonly double score;
    private readonly string[] contextWords;
    private readonly double boost;

    /// <summary>Builds the recogniser; throws <see cref="SecurityKitException"/> when the options are invalid.</summary>
    /// <param name="options">The configured recogniser.</param>
    public CustomRegexRecognizer(CustomRecognizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = options.Name;
        var location = $"{PiiOptions.SectionName}:CustomRecognizers:{options.Name}";
        if (!PiiEntityTypeNames.TryParse(options.Type, out type))
        {
            throw new SecurityKitException($"unknown entity type '{options.Type}'", location);
        }

        validator = options.Validator.ToLowerInvariant();
        if (validator is not ("none" or "luhn" or "mod97" or "niss" or "kbo" or "iban"))
        {
            throw new SecurityKitException($"unknown validator '{options.Validator}'", location);
        }

        try
        {
            regex = new Regex(options.Pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new SecurityKitException($"pattern is not usable by the non-backtracking engine: {e.Message}", location);
        }

        score = options.Score;
        boost = options.ContextBoost;
        contextWords = [.. options.ContextWords];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public void Recognize(ReadOnlySpan<char> text, IList<PiiEntity> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (var match in regex.EnumerateMatches(text))
        {
            if (match.Length == 0 || !Validate(text.Slice(match.Index, match.Length)))
            {
                continue;
            }

            var s = score + (contextWords.Length > 0 && TextScan.HasWordBefore(text, match.Index, 40, contextWords) ? boost : 0);
            results.Add(new PiiEntity(match.Index, match.Index + match.Length, type, Math.Min(1.0, s)));
        }
    }

    private bool Validate(ReadOnlySpan<char> value)
    {
        if (validator == "none")
        {
            return true;
        }

        Span<char> compact = stackalloc char[Math.Min(value.Length, 64)];
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) && n < compact.Length)
            {
                compact[n++] = char.ToUpperInvariant(c);
            }
        }

        var digits = compact[..n];
        return validator switch
        {
            "luhn" => LuhnChecksum.IsValid(digits),
            "niss" => NationalNumberChecksum.IsValid(digits),
            "kbo" => EnterpriseNumberChecksum.IsValid(digits),
            "iban" => IbanChecksum.IsValid(digits),
            "mod97" => n is > 2 and <= 18 && Digits.AllDigits(digits)
                && Digits.Parse(digits[^2..]) == 97 - (Digits.Parse(digits[..^2]) % 97),
            _ => false,
        };
    }
}
