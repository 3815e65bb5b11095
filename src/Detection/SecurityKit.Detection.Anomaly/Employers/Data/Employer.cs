namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>One row of <c>employers.csv</c>: an employer's register data (CONTRACTS.md, "Employer risk data").</summary>
/// <param name="EmployerId">KBO/BCE enterprise number, 10 digits.</param>
/// <param name="NaceCode">NACE-BEL activity code, 5 digits (empty when unknown).</param>
/// <param name="LegalForm"><c>SRL</c>, <c>SA</c>, <c>SC</c>, <c>SNC</c>, <c>ASBL</c>, <c>PP</c> (natural person), or another form as given.</param>
/// <param name="CreatedOn">Date of creation, when known.</param>
/// <param name="ClosedOn">Date of closure, or <see langword="null"/> while active.</param>
/// <param name="ClosureReason">Empty, <c>bankruptcy</c>, <c>liquidation</c> or <c>merger</c>.</param>
/// <param name="Postcode">Belgian postcode of the registered address, 4 digits (empty when unknown).</param>
/// <param name="AddressId">Opaque id of the registered address (empty when unknown).</param>
public sealed record Employer(
    string EmployerId,
    string NaceCode,
    string LegalForm,
    DateOnly? CreatedOn,
    DateOnly? ClosedOn,
    string ClosureReason,
    string Postcode,
    string AddressId)
{
    /// <summary>Whether the employer was closed by a bankruptcy.</summary>
    public bool IsBankrupt => string.Equals(ClosureReason, "bankruptcy", StringComparison.OrdinalIgnoreCase);
}
