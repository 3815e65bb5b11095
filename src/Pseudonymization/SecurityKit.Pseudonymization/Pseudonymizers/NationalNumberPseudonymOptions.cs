namespace SecurityKit.Pseudonymization.Pseudonymizers;

/// <summary>Options of <see cref="NationalNumberPseudonymizer"/>.</summary>
public sealed record NationalNumberPseudonymOptions
{
    /// <summary>Disjoint (default) or valid pseudonyms.</summary>
    public NationalNumberPseudonymMode Mode { get; init; } = NationalNumberPseudonymMode.Disjoint;

    /// <summary>Keep the birth year (year of century and century) in the pseudonym, for statistics.</summary>
    public bool KeepBirthYear { get; init; }

    /// <summary>Keep the parity of the sequence number (odd = man, even = woman), for statistics.</summary>
    public bool KeepGenderParity { get; init; }

    /// <summary>A stable label of the construction, part of the domain key derivation.</summary>
    internal string Construction => $"national-number/v1/{Mode}/year={KeepBirthYear}/parity={KeepGenderParity}";
}
