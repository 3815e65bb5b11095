using F = SecurityKit.Detection.Anomaly.Employers.EmployerFeatureCatalog;

namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Computes <see cref="EmployerFeatureCatalog"/> for every employer: levels, trends and volatility over the declared
/// quarters, ratios to peers, unpaid-contribution history, churn, student work, and network features over the
/// person-link graph (directors shared with bankrupt employers, workers moving between linked employers, address
/// clusters). Features describe behaviour relative to the population in the same data folder, so they do not depend
/// on how a particular fraud scheme is planted.
/// </summary>
public static class EmployerFeatureBuilder
{
    /// <summary>Smallest peer group used for a peer median; smaller groups fall back to a broader one.</summary>
    public const int MinimumPeers = 30;

    private const int DirectorFanOutCap = 500;

    /// <summary>Computes the features of every employer of <paramref name="data"/>.</summary>
    /// <param name="data">The validated data.</param>
    /// <returns>The feature matrix, one row per employer in file order.</returns>
    public static EmployerFeatureMatrix Build(EmployerRiskData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var n = data.Employers.Count;
        var declarations = data.Declarations;
        var owners = new int[declarations.Count];
        var firstOrdinal = int.MaxValue;
        var lastOrdinal = int.MinValue;
        for (var i = 0; i < owners.Length; i++)
        {
            var d = declarations[i];
            owners[i] = d.Employer;
            firstOrdinal = Math.Min(firstOrdinal, d.Quarter.Ordinal);
            lastOrdinal = Math.Max(lastOrdinal, d.Quarter.Ordinal);
        }

        if (owners.Length == 0)
        {
            firstOrdinal = lastOrdinal = Quarter.Of(DateOnly.FromDateTime(DateTime.UtcNow)).Ordinal;
        }

        var declarationsByEmployer = RowGroups.Build(owners, n);
        var windowEnd = Quarter.FromOrdinal(lastOrdinal).End;
        var matrix = new EmployerFeatureMatrix(n, Quarter.FromOrdinal(firstOrdinal).Year);

        Parallel.For(0, n, e => DeclarationFeatures(data, e, declarationsByEmployer[e], firstOrdinal, lastOrdinal, windowEnd, matrix.MutableRow(e)));
        PeerRatios(data, matrix);
        NetworkFeatures(data, matrix, declarationsByEmployer, windowEnd);
        return matrix;
    }

    private static void DeclarationFeatures(EmployerRiskData data, int e, ReadOnlySpan<int> rows, int firstOrdinal, int lastOrdinal, DateOnly windowEnd, Span<float> f)
    {
        f.Fill(float.NaN);
        var employer = data.Employers[e];
        var sorted = new Declaration[rows.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = data.Declarations[rows[i]];
        }

        Array.Sort(sorted, static (a, b) => a.Quarter.Ordinal.CompareTo(b.Quarter.Ordinal)); // quarters are unique per employer
        var q = sorted.Length;

        f[F.CompanyAgeYears] = employer.CreatedOn is { } created ? (float)((windowEnd.DayNumber - created.DayNumber) / 365.25) : -1f;
        f[F.IsClosed] = employer.ClosedOn is null ? 0 : 1;
        f[F.ClosedByBankruptcy] = employer.IsBankrupt ? 1 : 0;
        f[F.LegalForm] = F.LegalFormCode(employer.LegalForm);
        f[F.NaceDivision] = employer.NaceCode.Length >= 2 ? ((employer.NaceCode[0] - '0') * 10) + (employer.NaceCode[1] - '0') : -1;

        // Quarters the employer should have declared: from creation (or the window's start) to closure (or its end).
        var from = employer.CreatedOn is { } c ? Math.Max(firstOrdinal, Quarter.Of(c).Ordinal) : (q > 0 ? sorted[0].Quarter.Ordinal : firstOrdinal);
        var to = employer.ClosedOn is { } cl ? Math.Min(lastOrdinal, Quarter.Of(cl).Ordinal) : lastOrdinal;
        var expected = Math.Max(1, to - from + 1);
        f[F.DeclarationGapShare] = Math.Clamp((float)(expected - q) / expected, 0, 1);
        if (q == 0)
        {
            return;
        }

        double sumWorkers = 0, sumFte = 0, sumWages = 0, sumDue = 0, sumPaid = 0, sumHires = 0, sumExits = 0, sumStudents = 0;
        double dueForRate = 0, wagesForRate = 0, wagesForFte = 0, fteForWages = 0;
        var arrears = 0;
        var dueQuarters = 0;
        var logWorkers = new double[q];
        var wagePerFte = new List<double>(q);
        var students = new double[q];
        for (var i = 0; i < q; i++)
        {
            var d = sorted[i];
            sumWorkers += d.Workers;
            logWorkers[i] = Math.Log(1 + d.Workers);
            students[i] = d.StudentDays;
            sumStudents += d.StudentDays;
            sumHires += d.Hires;
            sumExits += d.Exits;
            if (!double.IsNaN(d.Fte))
            {
                sumFte += d.Fte;
                if (!double.IsNaN(d.GrossWagesEur))
                {
                    wagesForFte += d.GrossWagesEur;
                    fteForWages += d.Fte;
                    if (d.Fte > 0)
                    {
                        wagePerFte.Add(d.GrossWagesEur / d.Fte);
                    }
                }
            }

            if (!double.IsNaN(d.GrossWagesEur))
            {
                sumWages += d.GrossWagesEur;
            }

            if (!double.IsNaN(d.ContributionsDueEur) && !double.IsNaN(d.ContributionsPaidEur) && d.ContributionsDueEur > 0)
            {
                sumDue += d.ContributionsDueEur;
                sumPaid += Math.Min(d.ContributionsPaidEur, d.ContributionsDueEur);
                dueQuarters++;
                if (d.ContributionsPaidEur < 0.95 * d.ContributionsDueEur)
                {
                    arrears++;
                }

                if (!double.IsNaN(d.GrossWagesEur) && d.GrossWagesEur > 0)
                {
                    dueForRate += d.ContributionsDueEur;
                    wagesForRate += d.GrossWagesEur;
                }
            }
        }

        var meanWorkers = sumWorkers / q;
        f[F.LogMeanWorkers] = (float)Math.Log(1 + meanWorkers);
        f[F.WorkersTrend] = (float)Slope(logWorkers);
        var workers = new double[q];
        for (var i = 0; i < q; i++)
        {
            workers[i] = sorted[i].Workers;
        }

        f[F.WorkersVolatility] = meanWorkers > 0 ? (float)(StandardDeviation(workers) / meanWorkers) : 0;
        var jump = 0.0;
        for (var i = 1; i < q; i++)
        {
            jump = Math.Max(jump, Math.Abs(logWorkers[i] - logWorkers[i - 1]));
        }

        f[F.MaxHeadcountJump] = (float)jump;
        f[F.FtePerWorker] = sumWorkers > 0 && sumFte > 0 ? (float)Math.Min(1.5, sumFte / sumWorkers) : float.NaN;
        f[F.WagesPerFte] = fteForWages > 0 ? (float)(wagesForFte / fteForWages) : float.NaN;
        f[F.WagesPerFteVolatility] = wagePerFte.Count > 1 ? (float)(StandardDeviation(wagePerFte) / Math.Max(1, wagePerFte.Average())) : 0;
        var years = Math.Max(0.25, q / 4.0);
        f[F.ChurnRate] = (float)((sumHires + sumExits) / (meanWorkers + 1) / years);
        f[F.HiresPerWorker] = (float)(sumHires / (meanWorkers + 1) / years);
        f[F.StudentDaysPerWorker] = (float)(sumStudents / (sumWorkers + q));
        f[F.StudentYearRound] = sumStudents > 0 ? (float)(students.Min() / ((sumStudents / q) + 1)) : 0;

        if (dueQuarters > 0)
        {
            f[F.UnpaidRatio] = (float)Math.Clamp(1 - (sumPaid / sumDue), 0, 1);
            f[F.UnpaidRatioLastYear] = UnpaidOf(sorted.AsSpan(Math.Max(0, q - 4)));
            var first = UnpaidOf(sorted.AsSpan(0, Math.Min(4, q)));
            f[F.UnpaidTrend] = float.IsNaN(first) || float.IsNaN(f[F.UnpaidRatioLastYear]) ? 0 : f[F.UnpaidRatioLastYear] - first;
            f[F.ArrearsQuarterShare] = (float)arrears / dueQuarters;
        }

        if (wagesForRate > 0)
        {
            f[F.ContributionRateVsPeers] = (float)(dueForRate / wagesForRate); // turned into a ratio to peers later
        }

        if (sumWorkers > 0 && sumWages > 0)
        {
            f[F.WagesPerWorkerVsPeers] = (float)(sumWages / sumWorkers); // turned into a ratio to peers later
        }
    }

    private static float UnpaidOf(ReadOnlySpan<Declaration> declarations)
    {
        double due = 0, paid = 0;
        foreach (var d in declarations)
        {
            if (!double.IsNaN(d.ContributionsDueEur) && !double.IsNaN(d.ContributionsPaidEur) && d.ContributionsDueEur > 0)
            {
                due += d.ContributionsDueEur;
                paid += Math.Min(d.ContributionsPaidEur, d.ContributionsDueEur);
            }
        }

        return due > 0 ? (float)Math.Clamp(1 - (paid / due), 0, 1) : float.NaN;
    }

    private static void PeerRatios(EmployerRiskData data, EmployerFeatureMatrix m)
    {
        var n = data.Employers.Count;

        // Peer groups, from narrow to broad: NACE × size class, NACE division × size class, NACE division, size
        // class, everyone. Each level numbers its groups densely so that medians are found by sorting, not hashing.
        const int SizeClasses = 5;
        var levels = new int[5][];
        for (var level = 0; level < levels.Length; level++)
        {
            levels[level] = new int[n];
        }

        for (var e = 0; e < n; e++)
        {
            var workers = Math.Exp(m[e, F.LogMeanWorkers]) - 1;
            var size = double.IsNaN(workers) ? 0 : workers < 5 ? 1 : workers < 20 ? 2 : workers < 100 ? 3 : 4;
            var nace = NaceNumber(data.Employers[e].NaceCode); // −1 when unknown, its own group at every level
            var division = Division(data.Employers[e].NaceCode);
            levels[0][e] = ((nace + 1) * SizeClasses) + size;
            levels[1][e] = ((division + 1) * SizeClasses) + size;
            levels[2][e] = division + 1;
            levels[3][e] = size;
            levels[4][e] = 0;
        }

        int[] groupCounts = [(100_000 + 1) * SizeClasses, (100 + 1) * SizeClasses, 100 + 1, SizeClasses, 1];

        void Ratio(int source, int target, float epsilon, bool replaceSource)
        {
            var values = new float[n];
            for (var e = 0; e < n; e++)
            {
                values[e] = m[e, source];
            }

            var defined = new List<int>(n);
            for (var e = 0; e < n; e++)
            {
                if (!float.IsNaN(values[e]))
                {
                    defined.Add(e);
                }
            }

            var sorted = defined.ToArray();
            var sortKeys = sorted.Select(e => values[e]).ToArray();
            Array.Sort(sortKeys, sorted);
            var medians = new float[levels.Length][];
            for (var level = 0; level < levels.Length; level++)
            {
                medians[level] = Medians(levels[level], groupCounts[level], values, sorted, minimum: level == levels.Length - 1 ? 1 : MinimumPeers);
            }

            for (var e = 0; e < n; e++)
            {
                var value = values[e];
                var row = m.MutableRow(e);
                if (float.IsNaN(value))
                {
                    row[target] = float.NaN;
                    continue;
                }

                var median = float.NaN;
                for (var level = 0; level < levels.Length && float.IsNaN(median); level++)
                {
                    median = medians[level][levels[level][e]];
                }

                row[target] = float.IsNaN(median) ? float.NaN : (value + epsilon) / (median + epsilon);
                if (replaceSource)
                {
                    row[source] = row[target];
                }
            }
        }

        Ratio(F.FtePerWorker, F.FtePerWorkerVsPeers, 0.01f, false);
        Ratio(F.WagesPerFte, F.WagesPerFteVsPeers, 1f, false);
        Ratio(F.WagesPerWorkerVsPeers, F.WagesPerWorkerVsPeers, 1f, true);
        Ratio(F.ContributionRateVsPeers, F.ContributionRateVsPeers, 0.001f, true);
        Ratio(F.ChurnRate, F.ChurnVsPeers, 0.1f, false);
        Ratio(F.StudentDaysPerWorker, F.StudentDaysVsPeers, 0.5f, false);
    }

    private static int NaceNumber(string nace) =>
        nace.Length == 5 && int.TryParse(nace, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : -1;

    private static int Division(string nace) =>
        nace.Length >= 2 && char.IsAsciiDigit(nace[0]) && char.IsAsciiDigit(nace[1]) ? ((nace[0] - '0') * 10) + (nace[1] - '0') : -1;

    /// <summary>
    /// The upper median (element count / 2 of the sorted values) of every group with at least
    /// <paramref name="minimum"/> defined values, NaN for the others. <paramref name="sorted"/> lists the employers
    /// with a defined value in ascending order of value, so each group's values arrive in order and the median is
    /// picked in one pass, without sorting per group.
    /// </summary>
    private static float[] Medians(int[] groups, int groupCount, float[] values, int[] sorted, int minimum)
    {
        var counts = new int[groupCount];
        foreach (var e in sorted)
        {
            counts[groups[e]]++;
        }

        var medians = new float[groupCount];
        Array.Fill(medians, float.NaN);
        var seen = new int[groupCount];
        foreach (var e in sorted)
        {
            var g = groups[e];
            if (counts[g] >= minimum && seen[g]++ == counts[g] / 2)
            {
                medians[g] = values[e];
            }
        }

        return medians;
    }

    private static void NetworkFeatures(EmployerRiskData data, EmployerFeatureMatrix m, RowGroups declarationsByEmployer, DateOnly windowEnd)
    {
        var n = data.Employers.Count;
        var links = data.PersonLinks;
        var employerOfLink = new int[links.Count];
        var personOfLink = new int[links.Count];
        for (var i = 0; i < links.Count; i++)
        {
            employerOfLink[i] = links[i].Employer;
            personOfLink[i] = links[i].Person;
        }

        var byEmployer = RowGroups.Build(employerOfLink, n);
        var byPerson = RowGroups.Build(personOfLink, data.PersonCount);
        var employers = data.Employers;
        var directorOf = DirectorOf(links, byPerson);

        var addressIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var addressOf = new int[n];
        for (var e = 0; e < n; e++)
        {
            var address = employers[e].AddressId;
            if (address.Length == 0)
            {
                addressOf[e] = -1;
                continue;
            }

            if (!addressIds.TryGetValue(address, out var id))
            {
                id = addressIds.Count;
                addressIds[address] = id;
            }

            addressOf[e] = id;
        }

        var withAddress = Enumerable.Range(0, n).Where(e => addressOf[e] >= 0).ToArray();
        var byAddress = RowGroups.Build(withAddress.Select(e => addressOf[e]).ToArray(), addressIds.Count);

        Parallel.For(0, n, () => new NetworkScratch(), (e, _, scratch) =>
        {
            var row = m.MutableRow(e);
            var own = employers[e];
            var linked = scratch.Linked;
            var bankrupt = scratch.Bankrupt;
            var directors = scratch.Directors;
            linked.Clear();
            bankrupt.Clear();
            directors.Clear();
            foreach (var i in byEmployer[e])
            {
                if (links[i].IsDirector && !directors.Contains(links[i].Person))
                {
                    directors.Add(links[i].Person);
                }
            }

            var directorsWithBankruptcy = 0;
            var firstBankruptcy = 0;
            var createdNearBankruptcy = false;
            foreach (var director in directors)
            {
                var hasBankruptcy = false;
                foreach (var other in directorOf[director])
                {
                    if (other == e)
                    {
                        continue;
                    }

                    linked.Add(other);
                    var o = employers[other];
                    if (o.IsBankrupt)
                    {
                        hasBankruptcy = true;
                        bankrupt.Add(other);
                        if (o.ClosedOn is { } closed)
                        {
                            firstBankruptcy = firstBankruptcy == 0 ? closed.Year : Math.Min(firstBankruptcy, closed.Year);
                            if (own.CreatedOn is { } created && Math.Abs(created.DayNumber - closed.DayNumber) <= 365)
                            {
                                createdNearBankruptcy = true;
                            }
                        }
                    }
                }

                directorsWithBankruptcy += hasBankruptcy ? 1 : 0;
            }

            row[F.DirectorCount] = directors.Count;
            row[F.DirectorsLinkedToBankruptcies] = directorsWithBankruptcy;
            row[F.LinkedBankruptcies] = bankrupt.Count;
            row[F.DirectorOtherEmployers] = linked.Count;
            row[F.CreatedNearDirectorBankruptcy] = createdNearBankruptcy ? 1 : 0;
            m.FirstBankruptcyYear[e] = firstBankruptcy;

            // The last declared quarter and its headcount.
            var lastQuarter = int.MinValue;
            double declaredAtEnd = 0;
            foreach (var i in declarationsByEmployer[e])
            {
                var d = data.Declarations[i];
                if (d.Quarter.Ordinal > lastQuarter)
                {
                    lastQuarter = d.Quarter.Ordinal;
                    declaredAtEnd = d.Workers;
                }
            }

            // Workers: where else they worked, whether they came over from an employer that was closing, how long they stayed.
            int workerLinks = 0, fromBankrupt = 0, sharedWithLinked = 0, fromClosing = 0, ended = 0, shortStints = 0, activeAtEnd = 0;
            var lastDeclared = lastQuarter == int.MinValue ? windowEnd : Quarter.FromOrdinal(lastQuarter).End;
            if (own.ClosedOn is { } closedOn && closedOn <= lastDeclared)
            {
                lastDeclared = closedOn.AddDays(-1); // links end on the closing day; count who was there just before
            }

            foreach (var i in byEmployer[e])
            {
                var link = links[i];
                if (link.IsDirector)
                {
                    continue;
                }

                workerLinks++;
                if (link.EndOn is { } end)
                {
                    ended++;
                    shortStints += end.DayNumber - link.StartOn.DayNumber < 366 ? 1 : 0;
                }

                if (link.StartOn <= lastDeclared && (link.EndOn is null || link.EndOn > lastDeclared))
                {
                    activeAtEnd++;
                }

                bool isFromBankrupt = false, isShared = false, isFromClosing = false;
                foreach (var j in byPerson[link.Person])
                {
                    var other = links[j];
                    if (other.Employer == e)
                    {
                        continue;
                    }

                    var o = employers[other.Employer];
                    isFromBankrupt |= o.IsBankrupt;
                    isShared |= linked.Contains(other.Employer);
                    if (other.EndOn is { } otherEnd && o.ClosedOn is { } otherClosed
                        && otherEnd.DayNumber <= link.StartOn.DayNumber + 31 && otherEnd.DayNumber >= link.StartOn.DayNumber - 120
                        && Math.Abs(otherClosed.DayNumber - otherEnd.DayNumber) <= 183)
                    {
                        isFromClosing = true;
                    }
                }

                fromBankrupt += isFromBankrupt ? 1 : 0;
                sharedWithLinked += isShared ? 1 : 0;
                fromClosing += isFromClosing ? 1 : 0;
            }

            row[F.WorkersFromBankruptEmployers] = workerLinks > 0 ? (float)fromBankrupt / workerLinks : 0;
            row[F.WorkersSharedWithDirectorLinked] = workerLinks > 0 ? (float)sharedWithLinked / workerLinks : 0;
            row[F.WorkersFromClosingEmployer] = workerLinks > 0 ? (float)fromClosing / workerLinks : 0;
            row[F.ShortStintShare] = ended > 0 ? (float)shortStints / workerLinks : 0;
            row[F.LinkedWorkersVsDeclared] = (float)((activeAtEnd + 1) / (declaredAtEnd + 1));

            var atAddress = addressOf[e] < 0 ? ReadOnlySpan<int>.Empty : byAddress[addressOf[e]];
            row[F.AddressEmployers] = (float)Math.Log(addressOf[e] < 0 ? 1 : atAddress.Length);
            var sharing = 0;
            if (addressOf[e] >= 0 && atAddress.Length <= 5_000)
            {
                foreach (var index in atAddress)
                {
                    sharing += withAddress[index] != e && linked.Contains(withAddress[index]) ? 1 : 0;
                }
            }

            row[F.AddressSharedDirectors] = sharing;
            return scratch;
        }, _ => { });
    }

    /// <summary>
    /// The distinct employers each person directs, in link order, capped so that one nominee director of thousands
    /// of shells stays cheap.
    /// </summary>
    private static int[][] DirectorOf(IReadOnlyList<PersonLink> links, RowGroups byPerson)
    {
        var directorOf = new int[byPerson.Count][];
        var buffer = new List<int>();
        for (var p = 0; p < directorOf.Length; p++)
        {
            buffer.Clear();
            foreach (var i in byPerson[p])
            {
                var link = links[i];
                if (link.IsDirector && buffer.Count < DirectorFanOutCap && !buffer.Contains(link.Employer))
                {
                    buffer.Add(link.Employer);
                }
            }

            directorOf[p] = buffer.Count == 0 ? [] : [.. buffer];
        }

        return directorOf;
    }

    /// <summary>Per-thread sets reused across employers.</summary>
    private sealed class NetworkScratch
    {
        public HashSet<int> Linked { get; } = [];

        public HashSet<int> Bankrupt { get; } = [];

        public List<int> Directors { get; } = [];
    }

    private static double Slope(double[] values)
    {
        // Least-squares slope per year of a quarterly series.
        var n = values.Length;
        if (n < 2)
        {
            return 0;
        }

        double meanX = (n - 1) / 2.0, meanY = values.Average(), sxy = 0, sxx = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (i - meanX) * (values[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }

        return sxy / sxx * 4;
    }

    private static double StandardDeviation(IEnumerable<double> values)
    {
        var list = values as IList<double> ?? values.ToList();
        if (list.Count < 2)
        {
            return 0;
        }

        var mean = list.Average();
        return Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
    }
}
