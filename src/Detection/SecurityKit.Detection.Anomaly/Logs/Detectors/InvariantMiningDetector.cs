using MathNet.Numerics.LinearAlgebra;

namespace SecurityKit.Detection.Anomaly.Logs.Detectors;

/// <summary>
/// Invariant Mining (Lou et al., USENIX ATC 2010) as loglizer implements it (He et al., ISSRE 2016): linear relations
/// <c>Σ aⱼ·count(Eⱼ) = 0</c> with small integer coefficients over at most <see cref="MaxInvariantSize"/> event
/// types that hold in at least <see cref="Support"/> of the training windows (e.g. "every <c>open</c> has a
/// <c>close</c>": count(open) − count(close) = 0). A window that breaks any invariant is anomalous; its score is the
/// number of invariants it breaks. The size of the invariant space is estimated from the singular values of the
/// count matrix (those below <see cref="Epsilon"/>), and the search stops once that many invariants are found.
/// Why by hand: no .NET library mines program invariants; the small eigen-problems are MathNet.Numerics'.
/// </summary>
public sealed class InvariantMiningDetector
{
    /// <summary>Largest number of event types in one invariant (loglizer searches up to 3).</summary>
    public const int MaxInvariantSize = 3;

    /// <summary>Share of training windows an invariant must hold in (loglizer's <c>percentage</c>, 0.98).</summary>
    public const double Support = 0.98;

    /// <summary>Tolerance of |Σ aⱼ·countⱼ| and of "zero" singular values (loglizer's <c>epsilon</c>, 0.5).</summary>
    public const double Epsilon = 0.5;

    /// <summary>Largest integer coefficient tried when scaling a relation to integers.</summary>
    private const int MaxCoefficient = 10;

    private readonly List<(int[] Columns, int[] Coefficients)> _invariants;

    private InvariantMiningDetector(List<(int[] Columns, int[] Coefficients)> invariants) => _invariants = invariants;

    /// <summary>The invariants found, as (column indices, integer coefficients).</summary>
    public IReadOnlyList<(int[] Columns, int[] Coefficients)> Invariants => _invariants;

    /// <summary>Mines invariants from training windows' count vectors.</summary>
    /// <param name="counts">Rows of event counts.</param>
    /// <returns>The detector.</returns>
    public static InvariantMiningDetector Fit(IReadOnlyList<double[]> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var invariants = new List<(int[], int[])>();
        if (counts.Count == 0)
        {
            return new InvariantMiningDetector(invariants);
        }

        var d = counts[0].Length;
        // Only event types seen in training take part (a never-seen type has the trivial invariant count = 0,
        // which the unseen-template column of the matrix already expresses once).
        var active = Enumerable.Range(0, d).Where(j => counts.Any(r => r[j] > 0)).ToArray();
        if (active.Length == 0)
        {
            return new InvariantMiningDetector(invariants);
        }

        var matrix = Matrix<double>.Build.Dense(counts.Count, active.Length, (i, j) => counts[i][active[j]]);
        var singular = matrix.Svd(computeVectors: false).S;
        var wanted = active.Length - singular.Count(s => s > Epsilon);
        var covered = new HashSet<int>();
        for (var size = 1; size <= MaxInvariantSize && invariants.Count < wanted; size++)
        {
            foreach (var combination in Combinations(active.Length, size))
            {
                // Like loglizer, skip a combination whose columns already all appear in one invariant found.
                if (combination.All(covered.Contains))
                {
                    continue;
                }

                if (TryInvariant(counts, active, combination) is { } coefficients)
                {
                    invariants.Add((combination.Select(c => active[c]).ToArray(), coefficients));
                    foreach (var c in combination)
                    {
                        covered.Add(c);
                    }

                    if (invariants.Count >= wanted)
                    {
                        break;
                    }
                }
            }
        }

        return new InvariantMiningDetector(invariants);
    }

    /// <summary>How many invariants the window's counts break.</summary>
    /// <param name="counts">Event counts in the training column order.</param>
    /// <returns>The number of violated invariants.</returns>
    public int Violations(IReadOnlyList<double> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var violated = 0;
        foreach (var (columns, coefficients) in _invariants)
        {
            double sum = 0;
            for (var k = 0; k < columns.Length; k++)
            {
                sum += coefficients[k] * counts[columns[k]];
            }

            violated += Math.Abs(sum) > Epsilon ? 1 : 0;
        }

        return violated;
    }

    /// <summary>The relation with the smallest singular value over the columns, scaled to integers, if it holds.</summary>
    private static int[]? TryInvariant(IReadOnlyList<double[]> counts, int[] active, int[] combination)
    {
        var sub = Matrix<double>.Build.Dense(counts.Count, combination.Length, (i, k) => counts[i][active[combination[k]]]);
        var svd = sub.Svd(computeVectors: true);
        var v = svd.VT.Row(combination.Length - 1);
        var pivot = v.AbsoluteMinimum();
        if (pivot < 1e-6)
        {
            return null; // a zero coefficient: the relation lives on fewer columns, found at a smaller size
        }

        // Scale so that the smallest coefficient is ±1, then try small integer multiples until all are integers.
        var scaled = v / pivot;
        for (var m = 1; m <= MaxCoefficient; m++)
        {
            var candidate = scaled.Select(x => x * m).ToArray();
            if (candidate.All(x => Math.Abs(x - Math.Round(x)) < 0.05 && Math.Abs(Math.Round(x)) <= MaxCoefficient * MaxCoefficient))
            {
                var integers = candidate.Select(x => (int)Math.Round(x)).ToArray();
                var holds = 0;
                foreach (var row in counts)
                {
                    double sum = 0;
                    for (var k = 0; k < integers.Length; k++)
                    {
                        sum += integers[k] * row[active[combination[k]]];
                    }

                    holds += Math.Abs(sum) < Epsilon ? 1 : 0;
                }

                return holds >= Support * counts.Count ? integers : null;
            }
        }

        return null;
    }

    private static IEnumerable<int[]> Combinations(int n, int size)
    {
        var indices = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            yield return (int[])indices.Clone();
            var i = size - 1;
            while (i >= 0 && indices[i] == n - size + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            indices[i]++;
            for (var j = i + 1; j < size; j++)
            {
                indices[j] = indices[j - 1] + 1;
            }
        }
    }
}
