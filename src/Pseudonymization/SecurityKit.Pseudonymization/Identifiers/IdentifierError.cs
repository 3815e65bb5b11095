namespace SecurityKit.Pseudonymization.Identifiers;

/// <summary>Why an identifier was rejected: the rule and the 1-based character position in the input (0 when the rule is about the whole input).</summary>
/// <param name="Rule">The rule broken.</param>
/// <param name="Position">1-based position in the input, or 0.</param>
public readonly record struct IdentifierError(IdentifierRule Rule, int Position)
{
    /// <summary>A sentence describing the error for a given identifier kind, without the identifier itself.</summary>
    /// <param name="kind">e.g. <c>national number</c>.</param>
    /// <returns>The description.</returns>
    public string Describe(string kind)
    {
        var what = Rule switch
        {
            IdentifierRule.Empty => "is empty",
            IdentifierRule.Character => "has a character that is not allowed",
            IdentifierRule.Length => "has the wrong number of digits",
            IdentifierRule.Prefix => "has a prefix it cannot have",
            IdentifierRule.Month => "has a month field outside 00-12, 20-32, 40-52",
            IdentifierRule.Day => "has a day field above 31",
            IdentifierRule.Sequence => "has a sequence number outside 001-997",
            IdentifierRule.CheckDigits => "has wrong check digits",
            IdentifierRule.Country => "has a country code that is not two letters",
            IdentifierRule.CountryLength => "does not have its country's IBAN length",
            IdentifierRule.NationalCheck => "has a wrong national (BBAN) check",
            IdentifierRule.NotAPseudonym => "is not a pseudonym of this pseudonymiser",
            _ => "is valid",
        };
        return Position > 0 ? $"{kind} {what} (rule {Rule}, position {Position})" : $"{kind} {what} (rule {Rule})";
    }
}
