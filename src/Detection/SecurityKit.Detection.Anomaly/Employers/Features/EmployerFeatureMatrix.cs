namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Features of every employer of a data set, row-major (<see cref="EmployerFeatureCatalog.Count"/> values per
/// employer, NaN where a value is undefined), plus the facts the reasons quote that are not features themselves.
/// </summary>
public sealed class EmployerFeatureMatrix
{
    internal EmployerFeatureMatrix(int employers, int firstYear)
    {
        Employers = employers;
        Values = new float[employers * EmployerFeatureCatalog.Count];
        FirstBankruptcyYear = new int[employers];
        FirstYear = firstYear;
    }

    /// <summary>Number of employers (rows).</summary>
    public int Employers { get; }

    /// <summary>The values, row-major.</summary>
    internal float[] Values { get; }

    /// <summary>Per employer, the year of the earliest bankruptcy linked through a director (0 when none).</summary>
    internal int[] FirstBankruptcyYear { get; }

    /// <summary>Year of the first declared quarter in the data.</summary>
    internal int FirstYear { get; }

    /// <summary>One feature of one employer.</summary>
    /// <param name="employer">Employer index.</param>
    /// <param name="feature">Feature index (see <see cref="EmployerFeatureCatalog"/>).</param>
    /// <returns>The value, NaN when undefined.</returns>
    public float this[int employer, int feature] => Values[(employer * EmployerFeatureCatalog.Count) + feature];

    /// <summary>The features of one employer.</summary>
    /// <param name="employer">Employer index.</param>
    /// <returns>A view of the row.</returns>
    public ReadOnlySpan<float> Row(int employer) => Values.AsSpan(employer * EmployerFeatureCatalog.Count, EmployerFeatureCatalog.Count);

    internal Span<float> MutableRow(int employer) => Values.AsSpan(employer * EmployerFeatureCatalog.Count, EmployerFeatureCatalog.Count);
}
