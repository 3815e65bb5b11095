using System.Globalization;
using F = SecurityKit.Detection.Anomaly.Employers.EmployerFeatureCatalog;

namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Turns the features that raise an employer's risk most into sentences an inspector can check against the files
/// ("wages per FTE 62 % below the sector median; 2 directors linked to 3 bankruptcies since 2022"). Candidates come
/// from the supervised model's feature contributions and from the one-sided deviations of the anomaly score; a
/// feature with a risk direction is only quoted when the employer actually lies on the risky side of the population.
/// </summary>
internal static class ReasonWriter
{
    public const int MaxReasons = 4;

    public static IReadOnlyList<string> Write(
        EmployerFeatureMatrix matrix,
        int employer,
        DeviationProfile profile,
        ReadOnlySpan<float> contributions,
        ReadOnlySpan<float> deviations,
        bool unusualnessFirst)
    {
        var row = matrix.Row(employer);
        Span<int> supervised = stackalloc int[F.Count];
        Span<int> anomaly = stackalloc int[F.Count];
        supervised = supervised[..Ranked(contributions, 0.0f, supervised)];
        anomaly = anomaly[..Ranked(deviations, 1.5f, anomaly)];
        var reasons = new List<string>(MaxReasons);
        var used = new List<string>(MaxReasons); // topics already quoted (a handful: a list beats a hash set)
        Span<int> context = stackalloc int[2 * F.Count];
        var contextCount = 0;
        for (var k = 0; k < supervised.Length + anomaly.Length && reasons.Count < MaxReasons; k++)
        {
            var feature = unusualnessFirst
                ? (k < anomaly.Length ? anomaly[k] : supervised[k - anomaly.Length])
                : (k < supervised.Length ? supervised[k] : anomaly[k - supervised.Length]);
            if (F.All[feature].RiskDirection == 0)
            {
                context[contextCount++] = feature; // size, sector, legal form: context, quoted after the signals
                continue;
            }

            if (deviations[feature] <= 1f)
            {
                continue; // not clearly on the risky side: the model may weigh it, but it is no reason to inspect
            }

            AddOnce(reasons, used, feature, row, profile, matrix.FirstBankruptcyYear[employer]);
        }

        foreach (var feature in context[..contextCount])
        {
            if (reasons.Count >= Math.Min(2, MaxReasons))
            {
                break;
            }

            AddOnce(reasons, used, feature, row, profile, matrix.FirstBankruptcyYear[employer]);
        }

        if (reasons.Count == 0)
        {
            reasons.Add("no single strong signal: profile close to its sector and size peers");
        }

        return reasons;
    }

    private static void AddOnce(List<string> reasons, List<string> used, int feature, ReadOnlySpan<float> row, DeviationProfile profile, int firstBankruptcyYear)
    {
        var topic = Topic(feature);
        if (used.Contains(topic))
        {
            return;
        }

        var text = Phrase(feature, row, profile, firstBankruptcyYear);
        if (text is not null)
        {
            used.Add(topic);
            reasons.Add(text);
        }
    }

    /// <summary>Writes the features whose weight exceeds <paramref name="threshold"/> into <paramref name="ranked"/>, heaviest first (ties in feature order), and returns their number.</summary>
    private static int Ranked(ReadOnlySpan<float> weights, float threshold, Span<int> ranked)
    {
        var count = 0;
        for (var j = 0; j < weights.Length; j++)
        {
            if (!(weights[j] > threshold))
            {
                continue;
            }

            // Insertion sort: at most 39 features, and stable like the ordering it replaces.
            var position = count;
            while (position > 0 && weights[ranked[position - 1]] < weights[j])
            {
                ranked[position] = ranked[position - 1];
                position--;
            }

            ranked[position] = j;
            count++;
        }

        return count;
    }

    /// <summary>Features that tell the same story share a topic, so a reason list does not repeat itself.</summary>
    private static string Topic(int feature) => feature switch
    {
        F.UnpaidRatio or F.UnpaidRatioLastYear or F.ArrearsQuarterShare or F.UnpaidTrend => "unpaid",
        F.WagesPerFte or F.WagesPerFteVsPeers => "wages_fte",
        F.FtePerWorker or F.FtePerWorkerVsPeers => "fte",
        F.ChurnRate or F.ChurnVsPeers or F.HiresPerWorker => "churn",
        F.StudentDaysPerWorker or F.StudentDaysVsPeers => "students",
        F.DirectorsLinkedToBankruptcies or F.LinkedBankruptcies => "director_bankruptcies",
        F.IsClosed or F.ClosedByBankruptcy => "closed",
        F.AddressEmployers or F.AddressSharedDirectors => "address",
        F.WorkersVolatility or F.MaxHeadcountJump => "headcount_swings",
        _ => F.All[feature].Name,
    };

    private static string Pct(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture);

    private static string Num(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string? BelowOrAbove(double ratio, string what, string peers)
    {
        if (Math.Abs(ratio - 1) < 0.15)
        {
            return null; // within 15 % of the peers: not worth an inspector's attention
        }

        return ratio < 1
            ? $"{what} {Pct(1 - ratio)} % below the {peers}"
            : $"{what} {Pct(ratio - 1)} % above the {peers}";
    }

    private static string? Phrase(int feature, ReadOnlySpan<float> row, DeviationProfile profile, int firstBankruptcyYear)
    {
        var v = row[feature];
        if (float.IsNaN(v))
        {
            return null;
        }

        var median = profile.Medians[feature];
        string Times(string what) => median > 0 ? $"{what} {Num(v / median)}× the usual level" : $"{what} {Num(v, "0.##")} (usually {Num(median, "0.##")})";
        return feature switch
        {
            F.LogMeanWorkers => $"{Num(Math.Exp(v) - 1, "0")} workers on average",
            F.WorkersTrend => Math.Abs(Math.Exp(v) - 1) < 0.2 ? null : $"headcount {(v >= 0 ? "grew" : "shrank")} {Pct(Math.Abs(Math.Exp(v) - 1))} % per year",
            F.WorkersVolatility => $"headcount varies strongly between quarters (variation coefficient {Num(v, "0.00")})",
            F.MaxHeadcountJump => $"headcount jumped {Num(Math.Exp(v), "0.0")}× in one quarter",
            F.FtePerWorker => $"{Num(v, "0.00")} FTE per worker",
            F.FtePerWorkerVsPeers => BelowOrAbove(v, "FTE per worker", "sector median (part-time declared)"),
            F.WagesPerFte => $"wages per FTE {Num(v, "0")} EUR per quarter",
            F.WagesPerFteVsPeers => BelowOrAbove(v, "wages per FTE", "sector median"),
            F.WagesPerWorkerVsPeers => BelowOrAbove(v, "wages per worker", "sector median"),
            F.WagesPerFteVolatility => $"wages per FTE unstable between quarters (variation coefficient {Num(v, "0.00")})",
            F.UnpaidRatio => $"{Pct(v)} % of contributions due left unpaid",
            F.UnpaidRatioLastYear => $"{Pct(v)} % of contributions due left unpaid in the last four quarters",
            F.UnpaidTrend => $"unpaid share of contributions up {Pct(v)} points over the period",
            F.ArrearsQuarterShare => $"payment arrears in {Pct(v)} % of declared quarters",
            F.ContributionRateVsPeers => BelowOrAbove(v, "contributions due per euro of wages", "sector median"),
            F.ChurnRate => $"{Num(v)} hires and exits per worker per year",
            F.ChurnVsPeers => $"staff turnover {Num(v)}× the sector median",
            F.HiresPerWorker => $"{Num(v)} hires per worker per year",
            F.StudentDaysPerWorker => Times("student days per worker"),
            F.StudentDaysVsPeers => $"student work {Num(v)}× the sector median",
            F.StudentYearRound => "student work all year round, not only in peak season",
            F.CompanyAgeYears => v < 0 ? "creation date unknown" : $"company only {Num(v)} years old",
            F.IsClosed => v > 0 ? "closed" : null,
            F.ClosedByBankruptcy => v > 0 ? "closed by bankruptcy" : null,
            F.DeclarationGapShare => $"no declaration for {Pct(v)} % of the quarters it was active",
            F.DirectorCount => $"{Num(v, "0")} directors",
            F.DirectorsLinkedToBankruptcies or F.LinkedBankruptcies =>
                $"{Num(row[F.DirectorsLinkedToBankruptcies], "0")} director{(row[F.DirectorsLinkedToBankruptcies] == 1 ? string.Empty : "s")} linked to {Num(row[F.LinkedBankruptcies], "0")} bankrupt{(row[F.LinkedBankruptcies] == 1 ? "cy" : "cies")}{(firstBankruptcyYear > 0 ? $" since {firstBankruptcyYear}" : string.Empty)}",
            F.DirectorOtherEmployers => $"directors also direct {Num(v, "0")} other employers",
            F.WorkersFromBankruptEmployers => $"{Pct(v)} % of workers also worked for a bankrupt employer",
            F.WorkersSharedWithDirectorLinked => $"{Pct(v)} % of workers also worked for employers with the same directors",
            F.WorkersFromClosingEmployer => $"{Pct(v)} % of workers came over from an employer that closed at that time",
            F.AddressEmployers => $"{Num(Math.Exp(v), "0")} employers registered at the same address" + (row[F.AddressSharedDirectors] > 0 ? $", {Num(row[F.AddressSharedDirectors], "0")} of them with the same directors" : string.Empty),
            F.AddressSharedDirectors => $"shares its address and directors with {Num(v, "0")} other employers",
            F.ShortStintShare => $"{Pct(v)} % of workers left within a year",
            F.CreatedNearDirectorBankruptcy => v > 0 ? "created within a year of the bankruptcy of a company with the same director" : null,
            F.LinkedWorkersVsDeclared => v is > 0.67f and < 1.5f ? null : $"declared headcount differs from the worker links in the register ({Num(v, "0.00")} links per declared worker)",
            F.LegalForm => null, // a proxy, not a reason an inspector can act on
            F.NaceDivision => $"sector (NACE division {Num(v, "00")}) with a higher fraud rate among inspections",
            _ => null,
        };
    }
}
