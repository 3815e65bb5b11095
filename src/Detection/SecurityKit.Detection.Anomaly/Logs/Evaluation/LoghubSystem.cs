namespace SecurityKit.Detection.Anomaly.Logs.Evaluation;

/// <summary>
/// One of the Loghub 2k development samples: its name and the header format of its raw <c>X_2k.log</c> (the formats
/// the Loghub/logparser benchmark publishes for these files; they describe the files' headers, they are not tuning).
/// </summary>
/// <param name="Name">The system's name, as in the file names.</param>
/// <param name="Format">The header format of the raw log.</param>
public sealed record LoghubSystem(string Name, string Format)
{
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
