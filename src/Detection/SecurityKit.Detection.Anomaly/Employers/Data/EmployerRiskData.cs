namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// The four files of an employer-risk data folder, validated and indexed: employers, quarterly declarations, person
/// links and past inspections. Rows refer to employers by their index in <see cref="Employers"/>.
/// </summary>
public sealed class EmployerRiskData
{
    /// <summary>Creates the data set from already validated rows.</summary>
    /// <param name="employers">Employers, in file order.</param>
    /// <param name="declarations">Declarations referring to employers by index.</param>
    /// <param name="personLinks">Person links referring to employers by index.</param>
    /// <param name="personCount">Number of distinct persons.</param>
    /// <param name="inspections">Inspections referring to employers by index.</param>
    /// <param name="warnings">Notes about rows that were accepted but skipped.</param>
    public EmployerRiskData(
        IReadOnlyList<Employer> employers,
        IReadOnlyList<Declaration> declarations,
        IReadOnlyList<PersonLink> personLinks,
        int personCount,
        IReadOnlyList<Inspection> inspections,
        IReadOnlyList<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(employers);
        ArgumentNullException.ThrowIfNull(declarations);
        ArgumentNullException.ThrowIfNull(personLinks);
        ArgumentNullException.ThrowIfNull(inspections);
        Employers = employers;
        Declarations = declarations;
        PersonLinks = personLinks;
        PersonCount = personCount;
        Inspections = inspections;
        Warnings = warnings ?? [];
    }

    /// <summary>Employers in file order.</summary>
    public IReadOnlyList<Employer> Employers { get; }

    /// <summary>Quarterly declarations.</summary>
    public IReadOnlyList<Declaration> Declarations { get; }

    /// <summary>Links between persons and employers.</summary>
    public IReadOnlyList<PersonLink> PersonLinks { get; }

    /// <summary>Number of distinct persons in <see cref="PersonLinks"/>.</summary>
    public int PersonCount { get; }

    /// <summary>Past inspections.</summary>
    public IReadOnlyList<Inspection> Inspections { get; }

    /// <summary>Notes about accepted rows that were skipped (for example links to employers not in the register).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// The inspection label per employer: +1 when an inspection found fraud, 0 when inspections found none, −1 when
    /// never inspected. Only inspections on or before <paramref name="until"/> count when it is given.
    /// </summary>
    /// <param name="until">Latest inspection date to take into account, or <see langword="null"/> for all.</param>
    /// <returns>One label per employer.</returns>
    public sbyte[] InspectionLabels(DateOnly? until = null)
    {
        var labels = new sbyte[Employers.Count];
        Array.Fill(labels, (sbyte)-1);
        foreach (var inspection in Inspections)
        {
            if (until is { } limit && inspection.InspectedOn > limit)
            {
                continue;
            }

            labels[inspection.Employer] = inspection.Fraud ? (sbyte)1 : Math.Max(labels[inspection.Employer], (sbyte)0);
        }

        return labels;
    }
}
