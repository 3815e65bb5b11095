using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace SecurityKit.Detection.Anomaly.Logs.Detectors;

/// <summary>
/// PCA anomaly detection on event-count vectors as in Xu et al. (SOSP 2009) and loglizer's <c>PCA</c> (He et al.,
/// ISSRE 2016): counts are TF-IDF weighted (idf = log(N / df) over the training windows) and centred on the training
/// mean; the principal subspace keeps the fewest components that explain <see cref="VarianceKept"/> of the variance;
/// a window's score is its squared prediction error SPE = ‖(I − PPᵀ) y‖², flagged above the Q-statistic threshold of
/// Jackson and Mudholkar (1979) at the chosen confidence:
/// <code>
/// φᵢ = Σ_{j&gt;k} λⱼ^i (i = 1, 2, 3),  h₀ = 1 − 2φ₁φ₃ / (3φ₂²)
/// Q_α = φ₁ [ c_α √(2φ₂h₀²) / φ₁ + 1 + φ₂h₀(h₀ − 1) / φ₁² ]^(1/h₀)
/// </code>
/// with c_α the standard normal quantile of the confidence level. No labels are used. Why by hand: ML.NET's
/// RandomizedPca gives a rank-k reconstruction score but neither the residual eigenvalues nor this threshold; the
/// eigen-decomposition itself is MathNet.Numerics'.
/// </summary>
public sealed class PcaSpeDetector
{
    private readonly double[] _idf;
    private readonly double[] _mean;
    private readonly Matrix<double> _residualProjection;

    private PcaSpeDetector(double[] idf, double[] mean, Matrix<double> residualProjection, int components, double threshold)
    {
        _idf = idf;
        _mean = mean;
        _residualProjection = residualProjection;
        Components = components;
        Threshold = threshold;
    }

    /// <summary>Share of the variance the principal subspace keeps (loglizer's default, 0.95).</summary>
    public const double VarianceKept = 0.95;

    /// <summary>Number of principal components kept.</summary>
    public int Components { get; }

    /// <summary>The Q-statistic threshold on the SPE.</summary>
    public double Threshold { get; }

    /// <summary>Fits the detector on training windows' count vectors.</summary>
    /// <param name="counts">Rows of event counts (see <see cref="EventCountMatrix"/>).</param>
    /// <param name="confidence">Confidence level of the threshold (0.999 gives c_α ≈ 3.09; loglizer uses c_α = 3.2905, i.e. 0.9995).</param>
    /// <returns>The detector.</returns>
    public static PcaSpeDetector Fit(IReadOnlyList<double[]> counts, double confidence = 0.9995)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count < 2)
        {
            throw new ArgumentException("PCA needs at least two training windows", nameof(counts));
        }

        var n = counts.Count;
        var d = counts[0].Length;
        var idf = new double[d];
        for (var j = 0; j < d; j++)
        {
            var df = 0;
            for (var i = 0; i < n; i++)
            {
                df += counts[i][j] > 0 ? 1 : 0;
            }

            // loglizer: log(N / (df + 1e-8)); a template absent from training gets the largest weight.
            idf[j] = Math.Log(n / (df + 1e-8));
        }

        var weighted = Matrix<double>.Build.Dense(n, d, (i, j) => counts[i][j] * idf[j]);
        var mean = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] = weighted.Column(j).Average();
        }

        var centred = Matrix<double>.Build.Dense(n, d, (i, j) => weighted[i, j] - mean[j]);
        var covariance = centred.TransposeThisAndMultiply(centred) / n;
        var evd = covariance.Evd(Symmetricity.Symmetric);
        // Eigenvalues in descending order with their vectors.
        var order = Enumerable.Range(0, d).OrderByDescending(j => evd.EigenValues[j].Real).ToArray();
        var eigenvalues = order.Select(j => Math.Max(0, evd.EigenValues[j].Real)).ToArray();
        var total = eigenvalues.Sum();
        var components = 0;
        double explained = 0;
        while (components < d && (total == 0 || explained / total < VarianceKept))
        {
            explained += eigenvalues[components];
            components++;
        }

        var p = Matrix<double>.Build.Dense(d, components, (i, c) => evd.EigenVectors[i, order[c]]);
        var residualProjection = Matrix<double>.Build.DenseIdentity(d) - (p * p.Transpose());
        return new PcaSpeDetector(idf, mean, residualProjection, components, QThreshold(eigenvalues.Skip(components).ToArray(), confidence));
    }

    /// <summary>The Jackson–Mudholkar Q-statistic threshold for residual eigenvalues at a confidence level.</summary>
    /// <param name="residualEigenvalues">Eigenvalues of the covariance outside the principal subspace.</param>
    /// <param name="confidence">Confidence level, e.g. 0.9995.</param>
    /// <returns>The threshold (0 when the residual subspace has no variance).</returns>
    public static double QThreshold(IReadOnlyList<double> residualEigenvalues, double confidence)
    {
        ArgumentNullException.ThrowIfNull(residualEigenvalues);
        double phi1 = 0, phi2 = 0, phi3 = 0;
        foreach (var l in residualEigenvalues)
        {
            phi1 += l;
            phi2 += l * l;
            phi3 += l * l * l;
        }

        if (phi1 <= 0 || phi2 <= 0)
        {
            return 0;
        }

        var h0 = 1 - (2 * phi1 * phi3 / (3 * phi2 * phi2));
        var cAlpha = Normal.InvCDF(0, 1, confidence);
        var inner = (cAlpha * Math.Sqrt(2 * phi2 * h0 * h0) / phi1) + 1 + (phi2 * h0 * (h0 - 1) / (phi1 * phi1));
        return phi1 * Math.Pow(inner, 1 / h0);
    }

    /// <summary>The squared prediction error of one window's count vector.</summary>
    /// <param name="counts">Event counts in the training column order.</param>
    /// <returns>SPE = ‖(I − PPᵀ)(w ∘ counts − mean)‖².</returns>
    public double Spe(IReadOnlyList<double> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var y = Vector<double>.Build.Dense(_idf.Length, j => (counts[j] * _idf[j]) - _mean[j]);
        var residual = _residualProjection * y;
        return residual.DotProduct(residual);
    }

    /// <summary>Whether the window's SPE exceeds the Q-statistic threshold.</summary>
    /// <param name="counts">Event counts.</param>
    /// <returns>True when anomalous.</returns>
    /// <remarks>A relative tolerance of 1e-9 keeps rounding noise from flagging windows when the residual variance is nil.</remarks>
    public bool IsAnomalous(IReadOnlyList<double> counts) => Spe(counts) > Threshold + (1e-9 * (1 + Threshold));
}
