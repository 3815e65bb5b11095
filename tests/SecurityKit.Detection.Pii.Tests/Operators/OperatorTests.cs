using FsCheck;
using FsCheck.Xunit;
using SecurityKit.Detection.Pii.Operators;

namespace SecurityKit.Detection.Pii.Tests.Operators;

public sealed class OperatorTests
{
    private static readonly PiiAnonymizer Anonymizer = new(PiiDetector.Default, new byte[32]);

    [Fact]
    public void Same_person_written_three_ways_gets_one_placeholder()
    {
        var map = new PlaceholderMap();
        var result = Anonymizer.Anonymize("Dhr. Jan Peeters belde. Later schreef J. Peeters een mail; Peeters is boos.", PiiPolicy.Default, map);

        Assert.Equal("Dhr. <PERSON_1> belde. Later schreef <PERSON_1> een mail; <PERSON_1> is boos.", result.Text);
        Assert.True(map.TryGetOriginal("PERSON_1", out var original));
        Assert.Equal("Jan Peeters", original);
    }

    [Fact]
    public void Identifier_written_in_two_forms_gets_one_placeholder()
    {
        var map = new PlaceholderMap();
        var result = Anonymizer.Anonymize("NISS 85.07.30-033.28, soit 85073003328.", PiiPolicy.Default, map);
        Assert.Equal("NISS <NATIONAL_NUMBER_1>, soit <NATIONAL_NUMBER_1>.", result.Text);
    }

    [Fact]
    public void Redact_mask_and_hash_follow_the_policy()
    {
        var policy = new PiiPolicy
        {
            Operators = new Dictionary<PiiEntityType, PiiOperator>
            {
                [PiiEntityType.Email] = PiiOperator.Redact,
                [PiiEntityType.Iban] = PiiOperator.Mask,
                [PiiEntityType.NationalNumber] = PiiOperator.Hash,
            },
        };
        var result = Anonymizer.Anonymize("jan@example.be BE71 0961 2345 6769 85073003328", policy, new PlaceholderMap());
        Assert.StartsWith("[EMAIL] **** **** **** **** <NATIONAL_NUMBER:", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("85073003328", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Keyed_hash_is_stable_for_a_key_and_differs_between_keys()
    {
        var policy = new PiiPolicy { DefaultOperator = PiiOperator.Hash };
        var a = Anonymizer.Anonymize("85073003328", policy, new PlaceholderMap()).Text;
        var b = Anonymizer.Anonymize("85073003328", policy, new PlaceholderMap()).Text;
        var other = new PiiAnonymizer(PiiDetector.Default, Enumerable.Repeat((byte)7, 32).ToArray()).Anonymize("85073003328", policy, new PlaceholderMap()).Text;
        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
    }

    [Fact]
    public void Blocked_type_refuses_the_text_and_names_only_the_type()
    {
        var policy = new PiiPolicy { Blocked = new HashSet<PiiEntityType> { PiiEntityType.NationalNumber } };
        var error = Assert.Throws<PiiBlockedException>(() => Anonymizer.Anonymize("NISS 85073003328", policy, new PlaceholderMap()));
        Assert.DoesNotContain("85073003328", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Counts[PiiEntityType.NationalNumber]);
    }

    [Fact]
    public void Restorer_accepts_the_models_paraphrases_of_a_placeholder()
    {
        var map = new PlaceholderMap();
        map.GetOrAdd(PiiEntityType.Person, "Jan Peeters");
        Assert.Equal("Jan Peeters, Jan Peeters, Jan Peeters, Jan Peeters.", PlaceholderRestorer.Restore("<PERSON_1>, PERSON_1, <person_1>, [PERSON_1].", map));
    }

    [Fact]
    public void Expired_vault_entry_gives_a_clear_marker_never_other_data()
    {
        Assert.Equal("Bonjour [PERSON_1: unavailable].", PlaceholderRestorer.Restore("Bonjour <PERSON_1>.", null));
        var map = new PlaceholderMap();
        map.GetOrAdd(PiiEntityType.Person, "Jan Peeters");
        Assert.Equal("[PERSON_2: unavailable]", PlaceholderRestorer.Restore("<PERSON_2>", map));
    }

    [Fact]
    public void Placeholder_split_across_stream_chunks_is_restored_whole()
    {
        var map = new PlaceholderMap();
        map.GetOrAdd(PiiEntityType.Person, "Marie Dubois");
        var restorer = new StreamingRestorer(map);
        var chunks = new[] { "Bonjour <PE", "RSO", "N_1", "> et PERSON", "_1 !" };
        var output = string.Concat(chunks.Select(restorer.Push)) + restorer.Complete();
        Assert.Equal("Bonjour Marie Dubois et Marie Dubois !", output);
    }

    [Property(MaxTest = 200)]
    public bool Streaming_restore_equals_whole_restore_for_any_chunking(PositiveInt seed)
    {
        var map = new PlaceholderMap();
        map.GetOrAdd(PiiEntityType.Person, "Marie Dubois");
        map.GetOrAdd(PiiEntityType.Iban, "BE71 0961 2345 6769");
        const string answer = "Chère <PERSON_1>, le compte <IBAN_1> (IBAN_1) de person_1 est à jour. <PHONE_3> I<PERSON_1>";
        var random = new Random(seed.Get);
        var restorer = new StreamingRestorer(map);
        var output = new System.Text.StringBuilder();
        for (var i = 0; i < answer.Length;)
        {
            var n = random.Next(1, 8);
            output.Append(restorer.Push(answer.Substring(i, Math.Min(n, answer.Length - i))));
            i += n;
        }

        output.Append(restorer.Complete());
        return output.ToString() == PlaceholderRestorer.Restore(answer, map);
    }

    [Property(MaxTest = 100)]
    public bool Anonymized_text_never_contains_a_detected_original(NonNegativeInt a, NonNegativeInt b)
    {
        var niss = 85073003328L;
        var text = $"Patient Jan Peeters, NISS {niss}, IBAN BE71 0961 2345 6769, tel 0475 12 34 56, montant {a.Get} € le {b.Get % 28 + 1}/03.";
        var result = Anonymizer.Anonymize(text, PiiPolicy.Default, new PlaceholderMap()).Text;
        return !result.Contains("Peeters", StringComparison.Ordinal) && !result.Contains("85073003328", StringComparison.Ordinal)
            && !result.Contains("0961", StringComparison.Ordinal) && !result.Contains("0475", StringComparison.Ordinal);
    }
}
