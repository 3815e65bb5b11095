using System.Globalization;

namespace SecurityKit.Detection.Anomaly.Logs.Scenario;

/// <summary>The kinds of misuse planted in a generated access log.</summary>
public enum PlantedCase
{
    /// <summary>An agent consults records with consecutive numbers.</summary>
    SequentialEnumeration,

    /// <summary>An agent consults many records at night or at the weekend.</summary>
    OffHoursBulk,

    /// <summary>An agent consults their own record or a colleague's.</summary>
    OwnOrColleagueRecord,

    /// <summary>A burst of failed logins, then a success from an address the agent never used.</summary>
    FailedLoginsThenNewAddress,
}

/// <summary>One planted case: which agent, which hour (UTC, truncated), what.</summary>
/// <param name="Agent">The agent id.</param>
/// <param name="Hour">The hour the case falls in.</param>
/// <param name="Kind">What was planted.</param>
public sealed record PlantedIncident(string Agent, DateTime Hour, PlantedCase Kind);

/// <summary>
/// Generates the access log of an application that consults citizens' records (in the manner of a national-register
/// consultation log): one line per login or consultation,
/// <c>2026-03-02T09:14:07Z agent=A017 action=consult record=R00123456 purpose=P03 ip=10.20.1.17 result=ok</c>.
/// Normal agents work on weekdays 08–18 h from their own workstation address, consult 3–12 records an hour drawn at
/// random from a large register, with purposes typical of their team, and now and then mistype a password once.
/// In the test period, <see cref="PlantedCase"/>s are planted and returned with the log. Record numbers stand for
/// dossier numbers before pseudonymisation; the directory says which record is each agent's own and who works in
/// which team. Deterministic for a given seed.
/// </summary>
public sealed class AccessLogGenerator(int seed = 7, int agents = 40, int teams = 5)
{
    /// <summary>Records in the register.</summary>
    public const int RegisterSize = 2_000_000;

    private readonly Random random = new(seed);

    /// <summary>The agents' own record numbers, by agent id.</summary>
    public Dictionary<string, int> OwnRecords { get; } = [];

    /// <summary>The agents' teams, by agent id.</summary>
    public Dictionary<string, int> Teams { get; } = [];

    /// <summary>Generates a clean baseline and a test period with planted cases.</summary>
    /// <param name="start">First day (UTC, a Monday is best).</param>
    /// <param name="baselineDays">Days of clean baseline.</param>
    /// <param name="testDays">Days of test period.</param>
    /// <returns>The baseline lines, the test lines and the planted incidents.</returns>
    public (List<string> Baseline, List<string> Test, List<PlantedIncident> Planted) Generate(DateTime start, int baselineDays = 14, int testDays = 5)
    {
        var ids = Enumerable.Range(1, agents).Select(i => "A" + i.ToString("D3", CultureInfo.InvariantCulture)).ToList();
        foreach (var id in ids)
        {
            OwnRecords[id] = random.Next(RegisterSize);
            Teams[id] = random.Next(teams);
        }

        var baseline = new List<(DateTime, string)>();
        var test = new List<(DateTime, string)>();
        var planted = new List<PlantedIncident>();
        for (var d = 0; d < baselineDays + testDays; d++)
        {
            var day = start.Date.AddDays(d);
            var target = d < baselineDays ? baseline : test;
            foreach (var agent in ids)
            {
                NormalDay(target, agent, day);
            }
        }

        // Plant each case twice in the test period, on different agents and days.
        var testStart = start.Date.AddDays(baselineDays);
        var victims = ids.OrderBy(_ => random.Next()).ToList();
        var v = 0;
        foreach (var kind in Enum.GetValues<PlantedCase>())
        {
            for (var k = 0; k < 2; k++)
            {
                var agent = victims[v++];
                var day = testStart.AddDays(random.Next(testDays));
                while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && kind != PlantedCase.OffHoursBulk)
                {
                    day = day.AddDays(1);
                }

                planted.Add(Plant(test, agent, day, kind, ids));
            }
        }

        return (Sorted(baseline), Sorted(test), planted);
    }

    private static List<string> Sorted(List<(DateTime Time, string Line)> lines) =>
        lines.OrderBy(l => l.Time).Select(l => l.Line).ToList();

    private void NormalDay(List<(DateTime, string)> lines, string agent, DateTime day)
    {
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || random.NextDouble() < 0.08)
        {
            return; // weekend or day off
        }

        var ip = Address(agent);
        var begin = day.AddHours(8).AddMinutes(random.Next(60));
        if (random.NextDouble() < 0.1)
        {
            lines.Add((begin.AddSeconds(-30), Line(begin.AddSeconds(-30), agent, "login", null, null, ip, "failed")));
        }

        lines.Add((begin, Line(begin, agent, "login", null, null, ip, "ok")));
        var team = Teams[agent];
        for (var t = begin.AddMinutes(random.Next(5, 20)); t.Hour < 18; t = t.AddMinutes(random.Next(4, 20)))
        {
            var purpose = "P" + ((team * 2) + random.Next(3)).ToString("D2", CultureInfo.InvariantCulture);
            lines.Add((t, Line(t, agent, "consult", random.Next(RegisterSize), purpose, ip, "ok")));
        }
    }

    private PlantedIncident Plant(List<(DateTime, string)> lines, string agent, DateTime day, PlantedCase kind, List<string> ids)
    {
        var ip = Address(agent);
        var purpose = "P" + (Teams[agent] * 2).ToString("D2", CultureInfo.InvariantCulture);
        DateTime at;
        switch (kind)
        {
            case PlantedCase.SequentialEnumeration:
                at = day.AddHours(11).AddMinutes(random.Next(30));
                var first = random.Next(RegisterSize - 100);
                for (var i = 0; i < 25; i++)
                {
                    var t = at.AddSeconds(i * 40);
                    lines.Add((t, Line(t, agent, "consult", first + i, purpose, ip, "ok")));
                }

                break;
            case PlantedCase.OffHoursBulk:
                at = day.AddHours(2).AddMinutes(random.Next(30));
                for (var i = 0; i < 40; i++)
                {
                    var t = at.AddSeconds(i * 30);
                    lines.Add((t, Line(t, agent, "consult", random.Next(RegisterSize), purpose, ip, "ok")));
                }

                break;
            case PlantedCase.OwnOrColleagueRecord:
                at = day.AddHours(14).AddMinutes(random.Next(40));
                var colleague = ids.FirstOrDefault(a => a != agent && Teams[a] == Teams[agent]) ?? agent;
                lines.Add((at, Line(at, agent, "consult", OwnRecords[agent], purpose, ip, "ok")));
                lines.Add((at.AddMinutes(3), Line(at.AddMinutes(3), agent, "consult", OwnRecords[colleague], purpose, ip, "ok")));
                break;
            default:
                at = day.AddHours(16).AddMinutes(random.Next(30));
                var foreign = $"203.0.113.{random.Next(1, 254)}";
                for (var i = 0; i < 8; i++)
                {
                    var t = at.AddSeconds(i * 5);
                    lines.Add((t, Line(t, agent, "login", null, null, foreign, "failed")));
                }

                lines.Add((at.AddSeconds(45), Line(at.AddSeconds(45), agent, "login", null, null, foreign, "ok")));
                break;
        }

        return new PlantedIncident(agent, new DateTime(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc), kind);
    }

    private static string Address(string agent)
    {
        var n = int.Parse(agent.AsSpan(1), CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"10.20.{n % 4}.{n}");
    }

    private static string Line(DateTime t, string agent, string action, int? record, string? purpose, string ip, string result)
    {
        var r = record is null ? string.Empty : " record=R" + record.Value.ToString("D8", CultureInfo.InvariantCulture);
        var p = purpose is null ? string.Empty : " purpose=" + purpose;
        return string.Create(CultureInfo.InvariantCulture, $"{t:yyyy-MM-ddTHH:mm:ssZ} agent={agent} action={action}{r}{p} ip={ip} result={result}");
    }
}
