namespace SecurityKit.Detection.Anomaly.Logs.Templates;

/// <summary>Words that belong to a neighbouring value: byte units after a number, month and weekday names in dates.</summary>
internal static class ValueWords
{
    private static readonly HashSet<string> ByteUnits = new(
        ["B", "KB", "MB", "GB", "TB", "PB", "kB", "KiB", "MiB", "GiB", "TiB", "K", "M", "G"],
        StringComparer.Ordinal);

    // English abbreviations as written by syslog (RFC 3164 §4.1.2), C's asctime() and Java's Date.toString().
    private static readonly HashSet<string> CalendarNames = new(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
         "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Units = ByteUnits.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Calendar = CalendarNames.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsByteUnit(ReadOnlySpan<char> token) => Units.Contains(token.TrimEnd(",;:)]."));

    public static bool IsCalendarName(ReadOnlySpan<char> token) => Calendar.Contains(token.TrimEnd(",;:)]."));
}
