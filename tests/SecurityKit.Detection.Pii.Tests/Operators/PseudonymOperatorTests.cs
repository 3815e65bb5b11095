using SecurityKit.Detection.Pii.Operators;
using SecurityKit.Pseudonymization.Pseudonymizers;

namespace SecurityKit.Detection.Pii.Tests.Operators;

public sealed class PseudonymOperatorTests
{
    [Fact]
    public void National_number_becomes_a_format_preserving_pseudonym_that_the_answer_restores()
    {
        using var niss = new NationalNumberPseudonymizer(new byte[32], "tests");
        var anonymizer = new PiiAnonymizer(PiiDetector.Default, pseudonymizers: new Dictionary<PiiEntityType, SecurityKit.Pseudonymization.Pseudonymizers.IdentifierPseudonymizer> { [PiiEntityType.NationalNumber] = niss });
        var map = new PlaceholderMap();
        var policy = new PiiPolicy { DefaultOperator = PiiOperator.Pseudonym };

        var safe = anonymizer.Anonymize("NISS 85073003328 de Dhr. Jan Peeters", policy, map).Text;

        Assert.DoesNotContain("85073003328", safe, StringComparison.Ordinal);
        Assert.Contains("<PERSON_1>", safe, StringComparison.Ordinal); // no pseudonymiser for persons: placeholder
        var pseudonym = Assert.Single(map.Pseudonyms).Key;
        Assert.Equal(11, pseudonym.Count(char.IsAsciiDigit));
        Assert.Equal("Het nummer 85073003328 hoort bij Jan Peeters.", PlaceholderRestorer.Restore($"Het nummer {pseudonym} hoort bij <PERSON_1>.", map));
    }

    [Fact]
    public void Pseudonyms_survive_the_vault_serialisation_and_split_stream_chunks()
    {
        var map = new PlaceholderMap();
        map.AddPseudonym("91020512345", "85073003328");
        var back = PlaceholderMap.FromBytes(map.ToBytes());
        var restorer = new StreamingRestorer(back);
        var output = restorer.Push("nummer 9102") + restorer.Push("0512345 klopt") + restorer.Complete();
        Assert.Equal("nummer 85073003328 klopt", output);
    }
}
