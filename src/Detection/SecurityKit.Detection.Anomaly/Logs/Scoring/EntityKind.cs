namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>What a log line's entity key is taken from.</summary>
public enum EntityKind
{
    /// <summary>No entity: every line belongs to one stream.</summary>
    None,

    /// <summary>A header field named in <see cref="LogScoringOptions.EntityField"/> (e.g. BGL's Node).</summary>
    Field,

    /// <summary>The first IPv4 address in the message.</summary>
    IpAddress,

    /// <summary>The word after <c>user</c> / <c>user=</c> / <c>for</c> in the message.</summary>
    User,

    /// <summary>The first HDFS-style block id (<c>blk_…</c>).</summary>
    Block,

    /// <summary>The value after <c>session</c>, <c>sid=</c> or <c>session_id=</c>.</summary>
    Session,

    /// <summary>The first of block, session, user and IP address found.</summary>
    Auto,
}
