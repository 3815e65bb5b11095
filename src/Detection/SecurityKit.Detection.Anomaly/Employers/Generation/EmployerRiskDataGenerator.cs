using System.Globalization;
using System.Text;

namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Writes a synthetic employer-risk data folder in the format of CONTRACTS.md ("Employer risk data"), with planted
/// fraud typologies (<see cref="FraudTypology"/>), honest look-alikes (<see cref="HonestLookalike"/>) and inspections
/// that are targeted the way real ones are (sector campaigns, payment arrears, tips), not a random sample. A fifth
/// file, <c>ground_truth.csv</c>, holds the planted truth for every employer; the scoring tools never read it.
/// The same options and seed give byte-identical files.
/// </summary>
public static class EmployerRiskDataGenerator
{
    /// <summary>File name of the planted truth (not part of the data contract; used by <c>risk eval</c>).</summary>
    public const string GroundTruthFile = "ground_truth.csv";

    private static readonly string[] BrusselsPostcodes = ["1000", "1030", "1050", "1060", "1070", "1080", "1210"];
    private static readonly string[] Postcodes =
    [
        "1000", "1030", "1040", "1050", "1060", "1070", "1080", "1140", "1180", "1200", "1210", "1300", "1348", "1400",
        "2000", "2018", "2060", "2100", "2140", "2300", "2800", "3000", "3500", "3600", "4000", "4020", "4100", "4800",
        "5000", "5100", "6000", "6200", "7000", "7500", "8000", "8400", "8500", "8800", "9000", "9100", "9300", "9700",
    ];

    /// <summary>Generates the data folder.</summary>
    /// <param name="options">Size, seed and window.</param>
    /// <param name="directory">The folder to write (created if needed; the five files are replaced).</param>
    /// <returns>Counts of what was written, for a summary.</returns>
    public static EmployerRiskGenerationSummary Generate(EmployerRiskGeneratorOptions options, string directory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(directory);
        if (options.Employers < 20 || options.Employers > 2_000_000)
        {
            throw new SecurityKitException("the number of employers must be between 20 and 2,000,000", "--employers");
        }

        if (options.Quarters < 4 || options.Quarters > 40)
        {
            throw new SecurityKitException("the number of quarters must be between 4 and 40", "--quarters");
        }

        var world = new SyntheticWorld(options);
        world.Build();
        Directory.CreateDirectory(directory);
        return world.Write(directory);
    }

    /// <summary>The simulation: employers, their quarterly series, persons and inspections.</summary>
    private sealed class SyntheticWorld
    {
        private readonly EmployerRiskGeneratorOptions _options;
        private readonly Random _random;
        private readonly PseudonymShapedIds _ids;
        private readonly int _firstOrdinal;
        private readonly int _quarters;
        private readonly DateOnly _windowStart;
        private readonly DateOnly _windowEnd;
        private readonly List<SyntheticEmployer> _employers = [];
        private readonly List<(int Employer, int Person, bool Director, DateOnly Start, DateOnly? End)> _links = [];
        private readonly List<(int Employer, DateOnly Date, bool Fraud, string Typology)> _inspections = [];
        private readonly List<int> _mobilePersons = [];
        private readonly List<int> _directorPool = [];
        private readonly Dictionary<int, List<int>> _leaversByEmployer = [];
        private int _persons;
        private long _addresses;

        public SyntheticWorld(EmployerRiskGeneratorOptions options)
        {
            _options = options;
            _random = new Random(options.Seed);
            _ids = new PseudonymShapedIds(options.Seed);
            _quarters = options.Quarters;
            _firstOrdinal = options.LastQuarter.Ordinal - _quarters + 1;
            _windowStart = Quarter.FromOrdinal(_firstOrdinal).Start;
            _windowEnd = options.LastQuarter.End;
        }

        public void Build()
        {
            for (var i = 0; i < _options.Employers; i++)
            {
                _employers.Add(NewHonestEmployer(i));
            }

            PlantTypologies();
            AddLookalikes();
            foreach (var employer in _employers)
            {
                SimulateHeadcount(employer);
            }

            AssignDirectors();

            // Workers are simulated in creation order so that a phoenix successor finds its predecessor's leavers.
            foreach (var employer in _employers.OrderBy(e => e.ClosedOn ?? DateOnly.MaxValue).ThenBy(e => e.Index))
            {
                SimulateWorkers(employer);
            }

            Inspect();
        }

        private SyntheticEmployer NewHonestEmployer(int index)
        {
            var sector = SectorProfile.Pick(_random);
            var ageYears = Exponential(11) + 0.2;
            var created = _windowEnd.AddDays(-(int)(ageYears * 365.25));
            var employer = new SyntheticEmployer
            {
                Index = index,
                Sector = sector,
                LegalForm = LegalFormFor(sector),
                CreatedOn = created,
                Postcode = Postcodes[_random.Next(Postcodes.Length)],
                AddressId = ++_addresses,
                BaseSize = Math.Min(3000, Math.Max(1, Math.Exp(sector.SizeMu + (1.1 * Gaussian())))),
                AnnualGrowth = 0.02 + (0.08 * Gaussian()),
                FtePerWorker = Math.Clamp(sector.FtePerWorker * (1 + (0.12 * Gaussian())), 0.2, 1.0),
                WageFactor = Math.Exp(0.16 * Gaussian()),
                Unpaid = new double[_quarters],
            };
            if (employer.LegalForm == "PP")
            {
                employer.BaseSize = Math.Min(employer.BaseSize, 1 + Exponential(2));
            }

            if (ageYears < 3)
            {
                // Young companies are small and many of them grow fast: an honest look-alike of fictitious employment.
                employer.BaseSize = Math.Max(1, employer.BaseSize * 0.4);
                if (_random.NextDouble() < 0.35)
                {
                    employer.AnnualGrowth = 0.3 + (0.5 * _random.NextDouble());
                    employer.ChurnFactor = 1.3;
                    employer.Lookalike = HonestLookalike.YoungGrowing;
                }
            }

            if (sector.Seasonality >= 0.25)
            {
                employer.Lookalike = employer.Lookalike == HonestLookalike.None ? HonestLookalike.Seasonal : employer.Lookalike;
            }

            var u = _random.NextDouble();
            if (u < 0.07)
            {
                // Honest late payers: arrears in some quarters, never for long.
                employer.Lookalike = HonestLookalike.LatePayer;
                for (var q = 0; q < _quarters; q++)
                {
                    employer.Unpaid[q] = _random.NextDouble() < 0.3 ? 0.05 + (0.3 * _random.NextDouble()) : 0;
                }
            }
            else if (u < 0.085 && created < _windowStart.AddYears(-1))
            {
                // An honest bankruptcy: arrears build up in the last year, then the court closes the company.
                var closeAt = _random.Next(3, _quarters);
                Close(employer, closeAt, "bankruptcy");
                employer.Lookalike = HonestLookalike.HonestBankruptcy;
                for (var q = Math.Max(0, closeAt - 4); q <= closeAt; q++)
                {
                    employer.Unpaid[q] = Math.Min(0.9, 0.15 * (q - closeAt + 5) * (0.5 + _random.NextDouble()));
                }
            }
            else if (u < 0.12)
            {
                Close(employer, _random.Next(0, _quarters), _random.NextDouble() < 0.7 ? "liquidation" : "merger");
            }

            return employer;
        }

        private string LegalFormFor(SectorProfile sector)
        {
            if (sector.NonProfit)
            {
                return _random.NextDouble() < 0.85 ? "ASBL" : "SRL";
            }

            var u = _random.NextDouble();
            return u switch
            {
                < 0.62 => "SRL",
                < 0.72 => "SA",
                < 0.90 => "PP",
                < 0.94 => "SC",
                < 0.97 => "SNC",
                _ => "ASBL",
            };
        }

        private void Close(SyntheticEmployer employer, int quarterOffset, string reason)
        {
            var quarter = Quarter.FromOrdinal(_firstOrdinal + quarterOffset);
            var day = quarter.Start.AddDays(_random.Next(0, 85));
            if (day <= employer.CreatedOn)
            {
                day = employer.CreatedOn.AddDays(30);
            }

            employer.ClosedOn = day;
            employer.ClosureReason = reason;
        }

        private void PlantTypologies()
        {
            var n = _employers.Count;
            var free = Enumerable.Range(0, n).OrderBy(_ => _random.Next()).ToList();
            var cursor = 0;
            SyntheticEmployer Next(Func<SyntheticEmployer, bool>? accept = null)
            {
                for (var tries = 0; tries < n && cursor < free.Count; tries++)
                {
                    var candidate = _employers[free[cursor++]];
                    if (candidate.Typology == FraudTypology.None && candidate.Lookalike is not HonestLookalike.HonestBankruptcy && (accept is null || accept(candidate)))
                    {
                        return candidate;
                    }
                }

                return _employers[free[(cursor++) % free.Count]];
            }

            var phoenixChains = Math.Max(1, (int)(n * 0.004));
            for (var c = 0; c < phoenixChains; c++)
            {
                PlantPhoenix(Next(e => e.Sector.LabourIntensive), Next, _random.NextDouble() < 0.25 ? 3 : 2);
            }

            for (var c = 0; c < Math.Max(1, (int)(n * 0.008)); c++)
            {
                PlantFictitiousEmployment(Next());
            }

            for (var c = 0; c < Math.Max(1, (int)(n * 0.010)); c++)
            {
                PlantUnderDeclaredWages(Next(e => e.Sector.LabourIntensive && e.LegalForm != "ASBL"));
            }

            var letterboxMembers = Math.Max(4, (int)(n * 0.006));
            while (letterboxMembers > 0)
            {
                var size = Math.Min(letterboxMembers, 4 + _random.Next(0, 12));
                PlantLetterboxCluster(Enumerable.Range(0, Math.Max(size, 2)).Select(_ => Next()).ToList());
                letterboxMembers -= size;
            }

            for (var c = 0; c < Math.Max(1, (int)(n * 0.006)); c++)
            {
                PlantShamStudentWork(Next(e => e.Sector.LabourIntensive || e.Sector.NaceCode == "47111"));
            }
        }

        private void PlantPhoenix(SyntheticEmployer first, Func<Func<SyntheticEmployer, bool>?, SyntheticEmployer> next, int chainLength)
        {
            var current = first;
            current.Typology = FraudTypology.Phoenix;
            current.LegalForm = "SRL";
            current.CreatedOn = Min(current.CreatedOn, _windowStart.AddYears(-2));
            current.BaseSize = Math.Max(current.BaseSize, 3 + Exponential(8));
            current.AnnualGrowth = -0.05;
            var closeAt = _random.Next(3, Math.Max(4, _quarters - (3 * (chainLength - 1))));
            for (var link = 1; link < chainLength + 1; link++)
            {
                var lastInChain = link == chainLength;
                if (lastInChain && closeAt >= _quarters)
                {
                    break;
                }

                if (!lastInChain || _random.NextDouble() < 0.3)
                {
                    Close(current, Math.Min(closeAt, _quarters - 1), "bankruptcy");
                }

                // Contributions are left unpaid in the quarters before the bankruptcy: the money goes elsewhere.
                var unpaidFrom = Math.Max(FirstOffsetOf(current), closeAt - 4);
                for (var q = Math.Max(0, unpaidFrom); q < Math.Min(_quarters, closeAt + 1); q++)
                {
                    current.Unpaid[q] = Math.Min(1, 0.35 + (0.15 * (q - unpaidFrom)) + (0.1 * _random.NextDouble()));
                }

                if (lastInChain || current.ClosedOn is null)
                {
                    break;
                }

                var successor = next(null);
                successor.Typology = FraudTypology.Phoenix;
                successor.Sector = current.Sector;
                successor.LegalForm = "SRL";
                successor.CreatedOn = current.ClosedOn.Value.AddDays(_random.Next(-60, 30));
                successor.ClosedOn = null;
                successor.ClosureReason = string.Empty;
                successor.Postcode = _random.NextDouble() < 0.7 ? current.Postcode : successor.Postcode;
                successor.BaseSize = current.BaseSize * (0.6 + (0.3 * _random.NextDouble()));
                successor.AnnualGrowth = 0;
                successor.WageFactor = current.WageFactor;
                successor.FtePerWorker = current.FtePerWorker;
                successor.HiresFrom.Add(current.Index);
                successor.TransferShare = 0.85;
                successor.Directors.Clear();
                successor.Unpaid = new double[_quarters];
                successor.Lookalike = HonestLookalike.None;
                SharedDirectorsOf(current, successor);
                current = successor;
                closeAt = Math.Min(_quarters + 2, Quarter.Of(successor.CreatedOn).Ordinal - _firstOrdinal + 4 + _random.Next(0, 4));
            }
        }

        private void PlantFictitiousEmployment(SyntheticEmployer employer)
        {
            employer.Typology = FraudTypology.FictitiousEmployment;
            employer.CreatedOn = _windowEnd.AddDays(-_random.Next(200, 1400));
            employer.ClosedOn = null;
            employer.ClosureReason = string.Empty;
            employer.LegalForm = _random.NextDouble() < 0.8 ? "SRL" : "PP";
            employer.BaseSize = 3 + _random.Next(0, 15);
            employer.AnnualGrowth = 0.1;
            employer.FtePerWorker = 0.85 + (0.15 * _random.NextDouble());
            employer.WageFactor = 6_100 / employer.Sector.WagesPerFteQuarter * (1 + (0.04 * Gaussian()));
            employer.PlannedStayQuarters = 2 + _random.Next(0, 3);
            employer.StudentFactor = 0;
            for (var q = 0; q < _quarters; q++)
            {
                employer.Unpaid[q] = Math.Clamp(0.3 + (0.6 * _random.NextDouble()), 0, 1);
            }
        }

        private void PlantUnderDeclaredWages(SyntheticEmployer employer)
        {
            employer.Typology = FraudTypology.UnderDeclaredWages;
            if (_random.NextDouble() < 0.5)
            {
                // Full-time work declared as part-time.
                employer.FtePerWorker = Math.Max(0.2, employer.FtePerWorker * (0.35 + (0.25 * _random.NextDouble())));
            }
            else
            {
                // Wages below the sector's scales (part paid in cash).
                employer.WageFactor *= 0.4 + (0.25 * _random.NextDouble());
            }

            employer.BaseSize = Math.Max(employer.BaseSize, 2);
        }

        private void PlantLetterboxCluster(List<SyntheticEmployer> members)
        {
            var address = ++_addresses;
            var postcode = BrusselsPostcodes[_random.Next(BrusselsPostcodes.Length)];
            var sectors = SectorProfile.All.Where(s => s.NaceCode is "41201" or "43320" or "49410" or "78200" or "81210").ToArray();
            var directors = Enumerable.Range(0, 1 + _random.Next(0, 2)).Select(_ => NewPerson()).ToList();
            foreach (var member in members)
            {
                member.Typology = FraudTypology.LetterboxCluster;
                member.Sector = sectors[_random.Next(sectors.Length)];
                member.LegalForm = "SRL";
                member.AddressId = address;
                member.Postcode = postcode;
                member.CreatedOn = _windowEnd.AddDays(-_random.Next(120, 1300));
                member.ClosedOn = null;
                member.ClosureReason = string.Empty;
                member.BaseSize = 1 + _random.Next(0, 6);
                member.AnnualGrowth = 0.05;
                member.WageFactor *= 0.7 + (0.2 * _random.NextDouble());
                member.Directors.Clear();
                member.Directors.AddRange(directors);
                member.HiresFrom.Clear();
                member.HiresFrom.AddRange(members.Where(m => m != member).Select(m => m.Index));
                member.TransferShare = 0.4;
                member.Lookalike = HonestLookalike.None;
                for (var q = 0; q < _quarters; q++)
                {
                    member.Unpaid[q] = _random.NextDouble() < 0.4 ? 0.2 + (0.5 * _random.NextDouble()) : 0;
                }
            }
        }

        private void PlantShamStudentWork(SyntheticEmployer employer)
        {
            employer.Typology = FraudTypology.ShamStudentWork;
            employer.BaseSize = 1 + _random.Next(0, 5);
            employer.StudentDaysFloor = (3 + _random.Next(0, 10)) * (20 + (25 * _random.NextDouble()));
        }

        private void AddLookalikes()
        {
            var n = _employers.Count;
            var honest = Enumerable.Range(0, n).Where(i => _employers[i].Typology == FraudTypology.None && _employers[i].ClosedOn is null).OrderBy(_ => _random.Next()).ToList();
            var cursor = 0;

            // Business centres: many unrelated employers domiciled at one address.
            for (var centre = 0; centre < Math.Max(1, n / 2500) && cursor < honest.Count; centre++)
            {
                var address = ++_addresses;
                var postcode = BrusselsPostcodes[_random.Next(BrusselsPostcodes.Length)];
                for (var k = 0; k < 8 + _random.Next(0, 25) && cursor < honest.Count; k++)
                {
                    var member = _employers[honest[cursor++]];
                    member.AddressId = address;
                    member.Postcode = postcode;
                    member.Lookalike = HonestLookalike.DomiciliationAddress;
                }
            }

            // Groups: a few companies with the same directors, at their own addresses, exchanging some staff.
            for (var group = 0; group < Math.Max(1, n / 400) && cursor + 6 < honest.Count; group++)
            {
                var members = Enumerable.Range(0, 2 + _random.Next(0, 4)).Select(_ => _employers[honest[cursor++]]).ToList();
                var directors = Enumerable.Range(0, 1 + _random.Next(0, 2)).Select(_ => NewPerson()).ToList();
                foreach (var member in members)
                {
                    member.Directors.AddRange(directors);
                    member.HiresFrom.AddRange(members.Where(m => m != member).Select(m => m.Index));
                    member.TransferShare = 0.1;
                    member.Lookalike = HonestLookalike.GroupWithSharedDirectors;
                }
            }

            // Legitimately part-time-heavy or student-heavy employers in the sectors where that is usual.
            for (var k = 0; k < n / 100 && cursor < honest.Count; k++)
            {
                var member = _employers[honest[cursor++]];
                if (member.Sector.NaceCode is "56101" or "47111" or "81210" or "55100" or "01130")
                {
                    member.FtePerWorker = Math.Max(0.3, member.FtePerWorker * 0.7);
                    member.StudentFactor = 2.5;
                    member.Lookalike = HonestLookalike.PartTimeOrStudentHeavy;
                }
            }
        }

        private void SharedDirectorsOf(SyntheticEmployer from, SyntheticEmployer to)
        {
            if (from.Directors.Count == 0)
            {
                from.Directors.AddRange(Enumerable.Range(0, 1 + _random.Next(0, 2)).Select(_ => NewPerson()));
            }

            // Usually the same directors; sometimes a straw man is put in front, with one of the old directors kept.
            to.Directors.AddRange(_random.NextDouble() < 0.7 ? from.Directors : [from.Directors[0], NewPerson()]);
        }

        private void AssignDirectors()
        {
            foreach (var employer in _employers)
            {
                if (employer.Directors.Count > 0)
                {
                    continue;
                }

                var count = employer.LegalForm switch
                {
                    "PP" => 1,
                    "ASBL" => 3,
                    "SA" => 2 + _random.Next(0, 3),
                    _ => 1 + _random.Next(0, 2),
                };
                for (var d = 0; d < count; d++)
                {
                    // Some honest directors run several companies (serial entrepreneurs, holdings), and some of
                    // those companies went bankrupt: a look-alike of phoenix directors.
                    var reuse = _directorPool.Count > 20 && employer.LegalForm != "PP" && _random.NextDouble() < 0.06;
                    var person = reuse ? _directorPool[_random.Next(_directorPool.Count)] : NewPerson();
                    if (!employer.Directors.Contains(person))
                    {
                        employer.Directors.Add(person);
                    }

                    _directorPool.Add(person);
                }
            }
        }

        private void SimulateHeadcount(SyntheticEmployer employer)
        {
            employer.FirstQuarter = Math.Max(0, Quarter.Of(employer.CreatedOn).Ordinal - _firstOrdinal);
            employer.LastQuarter = employer.ClosedOn is { } closed ? Quarter.Of(closed).Ordinal - _firstOrdinal : _quarters - 1;
            employer.Workers = new double[_quarters];
            var level = employer.BaseSize;
            var createdInWindow = employer.CreatedOn >= _windowStart;
            for (var q = 0; q < _quarters; q++)
            {
                if (!employer.IsActiveIn(q))
                {
                    employer.Workers[q] = double.NaN;
                    continue;
                }

                var quarterNumber = Quarter.FromOrdinal(_firstOrdinal + q).Number;
                var season = Math.Cos(2 * Math.PI * (quarterNumber - employer.Sector.PeakQuarter) / 4);
                var ramp = createdInWindow ? Math.Min(1, 0.35 + (0.25 * (q - employer.FirstQuarter))) : 1;
                level *= Math.Exp((employer.AnnualGrowth / 4) + (0.04 * Gaussian()));
                var target = level * ramp * (1 + (employer.Sector.Seasonality * season));
                employer.Workers[q] = Math.Max(employer.LegalForm == "PP" ? 0 : 1, Math.Round(target));
            }
        }

        private void SimulateWorkers(SyntheticEmployer employer)
        {
            employer.Hires = new double[_quarters];
            employer.Exits = new double[_quarters];
            var stays = new Dictionary<int, (int LinkIndex, int LeaveAt)>();
            const int MaxLinkedWorkers = 400;

            // Workers present before the window (or at creation) get links that started earlier.
            var initial = employer.FirstQuarter < _quarters ? employer.Workers[employer.FirstQuarter] : 0;
            var startOffset = employer.FirstQuarter;
            var initialCount = employer.CreatedOn < _windowStart ? (int)Math.Min(initial, MaxLinkedWorkers) : 0;
            for (var k = 0; k < initialCount; k++)
            {
                var start = Max(employer.CreatedOn, _windowStart.AddDays(-_random.Next(1, 3000)));
                Hire(employer, PickNewHire(employer), start, stays, startOffset);
            }

            for (var q = employer.FirstQuarter; q <= Math.Min(employer.LastQuarter, _quarters - 1); q++)
            {
                var quarter = Quarter.FromOrdinal(_firstOrdinal + q);
                var target = (int)Math.Min(employer.Workers[q], MaxLinkedWorkers);
                var exits = 0;
                var hires = 0;

                // Planned departures (fictitious employment), then ordinary churn.
                foreach (var person in employer.CurrentWorkers.ToList())
                {
                    var planned = employer.PlannedStayQuarters > 0 && stays[person].LeaveAt <= q;
                    var churn = employer.PlannedStayQuarters == 0 && _random.NextDouble() < employer.Sector.AnnualChurn * employer.ChurnFactor / 4;
                    if (planned || churn)
                    {
                        Leave(employer, person, RandomDay(quarter, employer), stays);
                        exits++;
                    }
                }

                while (employer.CurrentWorkers.Count > target)
                {
                    Leave(employer, employer.CurrentWorkers[_random.Next(employer.CurrentWorkers.Count)], RandomDay(quarter, employer), stays);
                    exits++;
                }

                while (employer.CurrentWorkers.Count < target)
                {
                    Hire(employer, PickNewHire(employer), RandomDay(quarter, employer), stays, q);
                    hires++;
                }

                // Above the linked cap, big employers' flows are scaled to their real size.
                var scale = employer.Workers[q] > MaxLinkedWorkers ? employer.Workers[q] / MaxLinkedWorkers : 1;
                employer.Hires[q] = Math.Round(hires * scale);
                employer.Exits[q] = Math.Round(exits * scale);
                if (target == 0 && employer.Workers[q] == 0)
                {
                    employer.Hires[q] = 0;
                }
            }

            if (employer.ClosedOn is { } closed)
            {
                foreach (var person in employer.CurrentWorkers.ToList())
                {
                    Leave(employer, person, closed, stays);
                }
            }

            foreach (var director in employer.Directors)
            {
                _links.Add((employer.Index, director, true, employer.CreatedOn, employer.ClosedOn));
            }
        }

        private int PickNewHire(SyntheticEmployer employer)
        {
            if (employer.HiresFrom.Count > 0 && _random.NextDouble() < employer.TransferShare)
            {
                foreach (var source in employer.HiresFrom.OrderBy(_ => _random.Next()))
                {
                    if (_leaversByEmployer.TryGetValue(source, out var leavers) && leavers.Count > 0)
                    {
                        var at = _random.Next(leavers.Count);
                        var person = leavers[at];
                        leavers[at] = leavers[^1];
                        leavers.RemoveAt(leavers.Count - 1);
                        return person;
                    }
                }
            }

            if (employer.PlannedStayQuarters == 0 && _mobilePersons.Count > 100 && _random.NextDouble() < 0.25)
            {
                var at = _random.Next(_mobilePersons.Count);
                var person = _mobilePersons[at];
                _mobilePersons[at] = _mobilePersons[^1];
                _mobilePersons.RemoveAt(_mobilePersons.Count - 1);
                return person;
            }

            return NewPerson();
        }

        private void Hire(SyntheticEmployer employer, int person, DateOnly start, Dictionary<int, (int LinkIndex, int LeaveAt)> stays, int quarterOffset)
        {
            if (stays.ContainsKey(person))
            {
                person = NewPerson();
            }

            _links.Add((employer.Index, person, false, start, null));
            stays[person] = (_links.Count - 1, quarterOffset + Math.Max(1, employer.PlannedStayQuarters));
            employer.CurrentWorkers.Add(person);
        }

        private void Leave(SyntheticEmployer employer, int person, DateOnly end, Dictionary<int, (int LinkIndex, int LeaveAt)> stays)
        {
            var (linkIndex, _) = stays[person];
            var link = _links[linkIndex];
            _links[linkIndex] = link with { End = Max(end, link.Start) };
            stays.Remove(person);
            employer.CurrentWorkers.Remove(person);
            if (!_leaversByEmployer.TryGetValue(employer.Index, out var leavers))
            {
                leavers = [];
                _leaversByEmployer[employer.Index] = leavers;
            }

            leavers.Add(person);
            if (_random.NextDouble() < 0.5)
            {
                _mobilePersons.Add(person);
            }
        }

        private DateOnly RandomDay(Quarter quarter, SyntheticEmployer employer)
        {
            var day = quarter.Start.AddDays(_random.Next(0, 89));
            day = Max(day, employer.CreatedOn);
            return employer.ClosedOn is { } closed && day > closed ? closed : day;
        }

        private void Inspect()
        {
            // Inspections are targeted: sector campaigns, employers in payment arrears, large employers, and tips
            // (which make fraudulent employers more likely to be visited). Efraimidis–Spirakis weighted sampling.
            var keys = new List<(double Key, SyntheticEmployer Employer)>();
            foreach (var employer in _employers)
            {
                var unpaid = employer.Unpaid.Where((_, q) => employer.IsActiveIn(q)).DefaultIfEmpty(0).Average();
                var weight = employer.Sector.InspectionFocus * (1 + (8 * unpaid)) * (1 + (0.15 * Math.Log(1 + employer.BaseSize)));
                weight *= employer.Typology switch
                {
                    FraudTypology.Phoenix => 3,
                    FraudTypology.FictitiousEmployment => 3,
                    FraudTypology.UnderDeclaredWages => 2,
                    FraudTypology.LetterboxCluster => 0.5,
                    FraudTypology.ShamStudentWork => 1.2,
                    _ => 1,
                };
                keys.Add((Math.Pow(_random.NextDouble(), 1 / weight), employer));
            }

            var count = (int)Math.Round(_employers.Count * _options.InspectedShare);
            foreach (var (_, employer) in keys.OrderByDescending(k => k.Key).Take(count))
            {
                var from = Max(employer.CreatedOn.AddDays(90), _windowStart);
                var to = employer.ClosedOn is { } closed ? Min(closed.AddDays(180), _windowEnd) : _windowEnd;
                if (to <= from)
                {
                    to = from.AddDays(1);
                }

                var date = from.AddDays(_random.Next(0, to.DayNumber - from.DayNumber));
                if (date > _windowEnd)
                {
                    continue;
                }

                var fraud = employer.Typology != FraudTypology.None
                    ? _random.NextDouble() < 0.85
                    : _random.NextDouble() < 0.01;
                var typology = fraud && employer.Typology != FraudTypology.None && _random.NextDouble() < 0.8 ? TypologyName(employer.Typology) : string.Empty;
                _inspections.Add((employer.Index, date, fraud, typology));
            }
        }

        public EmployerRiskGenerationSummary Write(string directory)
        {
            WriteAtomically(directory, EmployerRiskDataLoader.EmployersFile, (w, flush) =>
            {
                w.Append("employer_id,nace_code,legal_form,created_on,closed_on,closure_reason,postcode,address_id\n");
                foreach (var e in _employers)
                {
                    w.Append(CultureInfo.InvariantCulture, $"{_ids.Enterprise(e.Index)},{e.Sector.NaceCode},{e.LegalForm},{e.CreatedOn:yyyy-MM-dd},{e.ClosedOn:yyyy-MM-dd},{e.ClosureReason},{e.Postcode},ADR{e.AddressId:D7}\n");
                    flush();
                }
            });
            var declarations = 0L;
            WriteAtomically(directory, EmployerRiskDataLoader.DeclarationsFile, (w, flush) =>
            {
                w.Append("employer_id,quarter,workers,fte,gross_wages_eur,contributions_due_eur,contributions_paid_eur,hires,exits,student_days\n");
                foreach (var e in _employers)
                {
                    var id = _ids.Enterprise(e.Index);
                    for (var q = 0; q < _quarters; q++)
                    {
                        if (!e.IsActiveIn(q) || double.IsNaN(e.Workers[q]))
                        {
                            continue;
                        }

                        var quarter = Quarter.FromOrdinal(_firstOrdinal + q);
                        var workers = e.Workers[q];
                        var fte = Math.Round(workers * e.FtePerWorker * (1 + (0.03 * Gaussian())), 2);
                        fte = Math.Max(0, Math.Min(fte, workers));
                        var wages = Math.Round(fte * e.Sector.WagesPerFteQuarter * e.WageFactor * (1 + (0.02 * Gaussian())), 2);
                        var due = Math.Round(wages * 0.38 * (1 + (0.01 * Gaussian())), 2);
                        var paid = Math.Round(due * (1 - Math.Clamp(e.Unpaid[q], 0, 1)), 2);
                        var season = Math.Max(0, Math.Cos(2 * Math.PI * (quarter.Number - 3) / 4));
                        var studentMean = (workers * e.Sector.StudentDaysPerWorker * e.StudentFactor * (1 + (1.5 * season))) + e.StudentDaysFloor;
                        var students = Math.Max(0, Math.Round(studentMean * (1 + (0.25 * Gaussian()))));
                        w.Append(CultureInfo.InvariantCulture, $"{id},{quarter},{workers},{fte},{wages},{due},{paid},{e.Hires[q]},{e.Exits[q]},{students}\n");
                        flush();
                        declarations++;
                    }
                }
            });
            WriteAtomically(directory, EmployerRiskDataLoader.PersonLinksFile, (w, flush) =>
            {
                w.Append("employer_id,person_id,role,start_on,end_on\n");
                foreach (var (employer, person, director, start, end) in _links)
                {
                    w.Append(CultureInfo.InvariantCulture, $"{_ids.Enterprise(employer)},{_ids.Person(person)},{(director ? "director" : "worker")},{start:yyyy-MM-dd},{end:yyyy-MM-dd}\n");
                    flush();
                }
            });
            WriteAtomically(directory, EmployerRiskDataLoader.InspectionsFile, (w, flush) =>
            {
                w.Append("employer_id,inspected_on,outcome,typology\n");
                foreach (var (employer, date, fraud, typology) in _inspections.OrderBy(i => i.Date).ThenBy(i => i.Employer))
                {
                    w.Append(CultureInfo.InvariantCulture, $"{_ids.Enterprise(employer)},{date:yyyy-MM-dd},{(fraud ? "fraud" : "no_fraud")},{typology}\n");
                    flush();
                }
            });
            WriteAtomically(directory, GroundTruthFile, (w, flush) =>
            {
                w.Append("employer_id,fraud,typology,lookalike\n");
                foreach (var e in _employers)
                {
                    w.Append(CultureInfo.InvariantCulture, $"{_ids.Enterprise(e.Index)},{(e.Typology == FraudTypology.None ? 0 : 1)},{TypologyName(e.Typology)},{LookalikeName(e.Lookalike)}\n");
                    flush();
                }
            });

            return new EmployerRiskGenerationSummary(
                _employers.Count,
                declarations,
                _links.Count,
                _persons,
                _inspections.Count,
                _inspections.Count(i => i.Fraud),
                _employers.GroupBy(e => e.Typology).Where(g => g.Key != FraudTypology.None).ToDictionary(g => g.Key, g => g.Count()));
        }

        private static void WriteAtomically(string directory, string fileName, Action<StringBuilder, Action> write)
        {
            var path = Path.Combine(directory, fileName);
            var temporary = path + ".tmp";
            using (var stream = new StreamWriter(temporary, append: false, new UTF8Encoding(false), 1 << 20))
            {
                var buffer = new StringBuilder(1 << 20);
                void Flush()
                {
                    foreach (var chunk in buffer.GetChunks())
                    {
                        stream.Write(chunk.Span);
                    }

                    buffer.Clear();
                }

                write(buffer, () =>
                {
                    if (buffer.Length > (1 << 20))
                    {
                        Flush();
                    }
                });
                Flush();
            }

            File.Move(temporary, path, overwrite: true);
        }

        private int NewPerson() => _persons++;

        private double Gaussian()
        {
            // Box–Muller; System.Random has no normal deviate.
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        private double Exponential(double mean) => -mean * Math.Log(1.0 - _random.NextDouble());

        private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

        internal int FirstOffsetOf(SyntheticEmployer employer) => Math.Max(0, Quarter.Of(employer.CreatedOn).Ordinal - _firstOrdinal);
    }

    /// <summary>The file name used for a typology in inspections and ground truth.</summary>
    /// <param name="typology">The typology.</param>
    /// <returns>A lower-case name, empty for <see cref="FraudTypology.None"/>.</returns>
    public static string TypologyName(FraudTypology typology) => typology switch
    {
        FraudTypology.Phoenix => "phoenix",
        FraudTypology.FictitiousEmployment => "fictitious_employment",
        FraudTypology.UnderDeclaredWages => "under_declared_wages",
        FraudTypology.LetterboxCluster => "letterbox_cluster",
        FraudTypology.ShamStudentWork => "sham_student_work",
        _ => string.Empty,
    };

    private static string LookalikeName(HonestLookalike lookalike) => lookalike switch
    {
        HonestLookalike.Seasonal => "seasonal",
        HonestLookalike.YoungGrowing => "young_growing",
        HonestLookalike.LatePayer => "late_payer",
        HonestLookalike.HonestBankruptcy => "honest_bankruptcy",
        HonestLookalike.DomiciliationAddress => "domiciliation_address",
        HonestLookalike.GroupWithSharedDirectors => "group_shared_directors",
        HonestLookalike.PartTimeOrStudentHeavy => "part_time_or_student_heavy",
        _ => string.Empty,
    };
}
