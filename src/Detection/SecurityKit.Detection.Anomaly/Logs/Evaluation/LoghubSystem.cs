namespace SecurityKit.Detection.Anomaly.Logs.Evaluation;

/// <summary>
/// One Loghub-style 2k sample: its name and, when known, the header format of its raw <c>X_2k.log</c> (for the shared
/// development samples, the formats the Loghub/logparser benchmark publishes for these files; they describe the files'
/// headers, they are not tuning).
/// </summary>
/// <param name="Name">The system's name, as in the file names.</param>
/// <param name="Format">The header format of the raw log, or <see langword="null"/> when only the Content column is scored.</param>
public sealed record LoghubSystem(string Name, string? Format)
{
    /// <summary>Suffix of the structured file of a sample: <c>&lt;Name&gt;_2k.log_structured.csv</c>.</summary>
    public const string StructuredSuffix = "_2k.log_structured.csv";

    /// <summary>The eight systems of the shared development data.</summary>
    public static IReadOnlyList<LoghubSystem> Development { get; } =
    [
        new("HDFS", "<Date> <Time> <Pid> <Level> <Component>: <Content>"),
        new("Hadoop", @"<Date> <Time> <Level> \[<Process>\] <Component>: <Content>"),
        new("Spark", "<Date> <Time> <Level> <Component>: <Content>"),
        new("Zookeeper", @"<Date> <Time> - <Level>  \[<Node>:<Component>@<Id>\] - <Content>"),
        new("BGL", "<Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level> <Content>"),
        new("Linux", @"<Month> <Date> <Time> <Level> <Component>(\[<PID>\])?: <Content>"),
        new("Apache", @"\[<Time>\] \[<Level>\] <Content>"),
        new("OpenSSH", @"<Date> <Day> <Time> <Component> sshd\[<Pid>\]: <Content>"),
    ];
}
