namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Platt scaling: P(fraud | score) = 1 / (1 + exp(A·score + B)), fitted by Newton's method on out-of-fold scores with
/// Platt's smoothed targets (Platt 1999; Lin, Lin and Weng 2007, "A note on Platt's probabilistic outputs"), so the
/// probability is not fitted on the scores the trees were trained on. Written here because ML.NET's calibrators are
/// fitted in-sample inside the trainer.
/// </summary>
/// <param name="A">Slope (negative when higher scores mean more fraud).</param>
/// <param name="B">Intercept.</param>
internal readonly record struct PlattCalibration(double A, double B)
{
    public double Probability(double score)
    {
        var f = (A * score) + B;
        return f >= 0 ? Math.Exp(-f) / (1 + Math.Exp(-f)) : 1 / (1 + Math.Exp(f));
    }

    public static PlattCalibration Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (negatives + 2.0);
        double a = 0, b = Math.Log((negatives + 1.0) / (positives + 1.0));
        const double Sigma = 1e-12;
        var fval = Objective(a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double h11 = Sigma, h22 = Sigma, h21 = 0, g1 = 0, g2 = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                var t = labels[i] ? high : low;
                var f = (scores[i] * a) + b;
                double p, q;
                if (f >= 0)
                {
                    p = Math.Exp(-f) / (1 + Math.Exp(-f));
                    q = 1 / (1 + Math.Exp(-f));
                }
                else
                {
                    p = 1 / (1 + Math.Exp(f));
                    q = Math.Exp(f) / (1 + Math.Exp(f));
                }

                var d2 = p * q;
                h11 += scores[i] * scores[i] * d2;
                h22 += d2;
                h21 += scores[i] * d2;
                var d1 = t - p;
                g1 += scores[i] * d1;
                g2 += d1;
            }

            if (Math.Abs(g1) < 1e-5 && Math.Abs(g2) < 1e-5)
            {
                break;
            }

            var det = (h11 * h22) - (h21 * h21);
            var da = -((h22 * g1) - (h21 * g2)) / det;
            var db = -((-h21 * g1) + (h11 * g2)) / det;
            var gd = (g1 * da) + (g2 * db);
            var step = 1.0;
            while (step >= 1e-10)
            {
                var newA = a + (step * da);
                var newB = b + (step * db);
                var newF = Objective(newA, newB);
                if (newF < fval + (1e-4 * step * gd))
                {
                    a = newA;
                    b = newB;
                    fval = newF;
                    break;
                }

                step /= 2;
            }

            if (step < 1e-10)
            {
                break;
            }
        }

        return new PlattCalibration(a, b);

        double Objective(double a0, double b0)
        {
            double sum = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                var t = labels[i] ? high : low;
                var f = (scores[i] * a0) + b0;
                sum += f >= 0 ? (t * f) + Math.Log(1 + Math.Exp(-f)) : ((t - 1) * f) + Math.Log(1 + Math.Exp(f));
            }

            return sum;
        }
    }
}
