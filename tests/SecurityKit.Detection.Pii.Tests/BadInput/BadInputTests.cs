using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Xunit;
using SecurityKit.Detection.Pii.Operators;

namespace SecurityKit.Detection.Pii.Tests.BadInput;

public sealed class BadInputTests
{
    [Fact]
    public void Text_over_the_limit_is_refused_with_a_typed_error_naming_the_limit()
    {
        var detector = new PiiDetector(new PiiOptions { MaxTextLength = 1000 });
        var error = Assert.Throws<PiiInputTooLargeException>(() => detector.Detect(new string('x', 1001)));
        Assert.Equal(1000, error.Limit);
        Assert.Contains("1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lone_surrogates_do_not_stop_detection_around_them()
    {
        var text = "\uD800Jan Peeters\uDC00 NISS 85073003328 \uDFFF";
        var types = PiiDetector.Default.Detect(text).Select(e => e.Type).ToList();
        Assert.Contains(PiiEntityType.NationalNumber, types);
    }

    [Property(MaxTest = 300)]
    public bool Entities_are_in_bounds_ordered_and_never_split_a_surrogate_pair(string? input)
    {
        var text = (input ?? string.Empty) + " 85073003328 \uD83D\uDE00 M. Dupont";
        var entities = PiiDetector.Default.Detect(text);
        var previousEnd = 0;
        foreach (var e in entities)
        {
            if (e.Start < previousEnd || e.End > text.Length || e.Start >= e.End
                || (e.Start > 0 && char.IsHighSurrogate(text[e.Start - 1]) && char.IsLowSurrogate(text[e.Start]))
                || (e.End < text.Length && char.IsHighSurrogate(text[e.End - 1]) && char.IsLowSurrogate(text[e.End])))
            {
                return false;
            }

            previousEnd = e.End;
        }

        return true;
    }

    [Fact]
    public void Text_full_of_digits_is_scanned_without_error_and_only_valid_identifiers_reported()
    {
        var random = new Random(5);
        var chars = new char[200_000];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(6) switch { 0 => ' ', 1 => '.', 2 => '-', _ => (char)('0' + random.Next(10)) };
        }

        var text = new string(chars);
        foreach (var e in PiiDetector.Default.Detect(text))
        {
            var digits = new string([.. text[e.Start..e.End].Where(char.IsAsciiDigit)]);
            if (e.Type == PiiEntityType.NationalNumber)
            {
                Assert.True(Validation.NationalNumberChecksum.IsValid(digits));
            }
        }
    }

    [Fact]
    public void Catastrophic_backtracking_pattern_in_a_custom_recogniser_runs_in_linear_time()
    {
        // (a+)+b against a long run of a's: exponential for a backtracking engine, which would hit the one-second
        // match timeout and throw RegexMatchTimeoutException; the non-backtracking engine answers "no match".
        var options = new PiiOptions();
        options.CustomRecognizers.Add(new CustomRecognizerOptions { Name = "evil", Type = "PERSON", Pattern = "(a+)+b", Score = 0.9 });
        var detector = new PiiDetector(options);
        var text = new string('a', 50_000) + "!";
        var entities = detector.Detect(text);
        Assert.DoesNotContain(entities, e => e.Type == PiiEntityType.Person);
    }

    [Fact]
    public void Custom_recogniser_with_a_back_reference_is_refused_at_configuration()
    {
        var options = new PiiOptions();
        options.CustomRecognizers.Add(new CustomRecognizerOptions { Name = "backref", Type = "PERSON", Pattern = @"(\w)\1" });
        var error = Assert.Throws<SecurityKitException>(() => new PiiDetector(options));
        Assert.Contains("non-backtracking", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_recogniser_finds_a_validated_match_with_context()
    {
        var options = new PiiOptions();
        var custom = new CustomRecognizerOptions { Name = "staff", Type = "NATIONAL_NUMBER", Pattern = @"EMP-[0-9]{12}", Validator = "none", Score = 0.4 };
        custom.ContextWords.Add("matricule");
        options.CustomRecognizers.Add(custom);
        var detector = new PiiDetector(options);
        Assert.Single(detector.Detect("matricule EMP-123456789012"));
        Assert.Empty(detector.Detect("produit EMP-123456789012"));
    }

    [Fact]
    public void Per_type_threshold_removes_low_scored_entities()
    {
        var options = new PiiOptions();
        options.Thresholds["PHONE"] = 0.95;
        Assert.DoesNotContain(new PiiDetector(options).Detect("bel 0475 12 34 56"), e => e.Type == PiiEntityType.Phone);
    }

    [Fact]
    public void Placeholder_restorer_regex_is_non_backtracking_under_adversarial_answers()
    {
        var answer = string.Concat(Enumerable.Repeat("<PERSON_", 20_000));
        var restored = PlaceholderRestorer.Restore(answer, null);
        Assert.Equal(answer, restored);
    }
}
