namespace SecurityKit.Detection.Anomaly.Logs.Templates;

/// <summary>Words that belong to a neighbouring value: byte and time units and AM/PM after a number, month and weekday names in dates.</summary>
internal static class ValueWords
{
    // Byte units, time units (SI symbols and English words, singular and plural: a generator that writes "1 second" and
    // "2 seconds" still writes one message) and the 12-hour clock's AM/PM: a word that only qualifies the number
    // before it is part of that value.
    private static readonly HashSet<string> ByteUnits = new(
        ["B", "KB", "MB", "GB", "TB", "PB", "kB", "KiB", "MiB", "GiB", "TiB", "K", "M", "G",
         "ns", "us", "µs", "ms", "s", "sec", "secs", "second", "seconds", "millisecond", "milliseconds", "microsecond",
         "microseconds", "nanosecond", "nanoseconds", "min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour",
         "hours", "d", "day", "days", "AM", "PM", "am", "pm"],
        StringComparer.Ordinal);

    // English abbreviations as written by syslog (RFC 3164 §4.1.2), C's asctime() and Java's Date.toString().
    private static readonly HashSet<string> CalendarNames = new(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
         "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Units = ByteUnits.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Calendar = CalendarNames.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsUnit(ReadOnlySpan<char> token) => Units.Contains(token.TrimEnd(",;:)]."));

    public static bool IsCalendarName(ReadOnlySpan<char> token) => Calendar.Contains(token.TrimEnd(",;:)]."));
}
