using F = SecurityKit.Detection.Anomaly.Employers.EmployerFeatureCatalog;

namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Robust centre and spread of every feature in the training population, and the one-sided deviation of an employer
/// from it: z = direction · (x − median) / scale, clipped to [0, 6], where scale is 1.4826·MAD (or the mean absolute
/// deviation when most values are equal). Only deviations in the risky direction count, so an employer paying higher
/// wages than its peers is not "unusual" in the sense that matters to an inspector.
/// </summary>
internal sealed class DeviationProfile
{
    public const float MaxDeviation = 6;

    public DeviationProfile(float[] medians, float[] scales)
    {
        Medians = medians;
        Scales = scales;
    }

    public float[] Medians { get; }

    public float[] Scales { get; }

    public static DeviationProfile Fit(EmployerFeatureMatrix matrix)
    {
        var medians = new float[F.Count];
        var scales = new float[F.Count];
        var column = new List<float>(matrix.Employers);
        for (var j = 0; j < F.Count; j++)
        {
            column.Clear();
            for (var e = 0; e < matrix.Employers; e++)
            {
                var v = matrix[e, j];
                if (!float.IsNaN(v))
                {
                    column.Add(v);
                }
            }

            if (column.Count == 0)
            {
                scales[j] = 1;
                continue;
            }

            column.Sort();
            var median = column[column.Count / 2];
            var deviations = column.Select(v => Math.Abs(v - median)).OrderBy(v => v).ToList();
            var mad = deviations[deviations.Count / 2];
            var meanAbs = deviations.Average();
            medians[j] = median;
            scales[j] = mad > 0 ? 1.4826f * mad : meanAbs > 0 ? 1.2533f * meanAbs : 1;
        }

        return new DeviationProfile(medians, scales);
    }

    /// <summary>Writes the one-sided deviations of <paramref name="row"/> into <paramref name="deviations"/>.</summary>
    public void Deviations(ReadOnlySpan<float> row, Span<float> deviations)
    {
        for (var j = 0; j < F.Count; j++)
        {
            var direction = F.All[j].RiskDirection;
            var v = row[j];
            deviations[j] = direction == 0 || float.IsNaN(v)
                ? 0
                : Math.Clamp(direction * (v - Medians[j]) / Scales[j], 0, MaxDeviation);
        }
    }
}
