using System.Net;
using System.Net.Sockets;

namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>
/// IPv4 dotted quads (each part 0–255) and IPv6 addresses (RFC 4291 §2.2 text forms, checked by
/// <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/>).
/// </summary>
public sealed class IpAddressRecognizer : IPiiRecognizer
{
    /// <inheritdoc />
    public string Name => "ip-address";

    /// <inheritdoc />
    public void Recognize(ReadOnlySpan<char> text, IList<PiiEntity> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsAsciiHexDigit(c) && c != ':')
            {
                continue;
            }

            if (i > 0 && (TextScan.IsWordChar(text[i - 1]) || text[i - 1] is '.' or ':'))
            {
                continue;
            }

            var end = i;
            var colons = 0;
            var dots = 0;
            while (end < text.Length && end - i < 45 && (char.IsAsciiHexDigit(text[end]) || text[end] is ':' or '.'))
            {
                colons += text[end] == ':' ? 1 : 0;
                dots += text[end] == '.' ? 1 : 0;
                end++;
            }

            while (end > i && text[end - 1] is '.' or ':' && !(end - i >= 2 && text[end - 2] == ':' && text[end - 1] == ':'))
            {
                colons -= text[end - 1] == ':' ? 1 : 0;
                dots -= text[end - 1] == '.' ? 1 : 0;
                end--;
            }

            if (end < text.Length && TextScan.IsWordChar(text[end]))
            {
                i = end;
                continue;
            }

            var candidate = text[i..end];
            if (colons == 0 && dots == 3 && IsIPv4(candidate))
            {
                results.Add(new PiiEntity(i, end, PiiEntityType.IpAddress, 0.9));
                i = end;
            }
            else if (colons >= 2 && HexGroups(candidate) >= 2 && IPAddress.TryParse(candidate, out var address)
                && address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                results.Add(new PiiEntity(i, end, PiiEntityType.IpAddress, 0.9));
                i = end;
            }
            else
            {
                i = Math.Max(i, end - 1);
            }
        }
    }

    private static bool IsIPv4(ReadOnlySpan<char> candidate)
    {
        var parts = 0;
        foreach (var range in candidate.Split('.'))
        {
            var part = candidate[range];
            if (part.Length is 0 or > 3 || !int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value > 255)
            {
                return false;
            }

            parts++;
        }

        return parts == 4;
    }

    private static int HexGroups(ReadOnlySpan<char> candidate)
    {
        var groups = 0;
        foreach (var range in candidate.Split(':'))
        {
            groups += candidate[range].Length > 0 ? 1 : 0;
        }

        return groups;
    }
}
