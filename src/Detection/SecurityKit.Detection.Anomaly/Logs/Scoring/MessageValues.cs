using SecurityKit.Detection.Anomaly.Logs.Templates;

namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>
/// Pulls the variable values and the entity key out of a message with the same token rules as the miner
/// (<see cref="VariableMasker"/>), so that what is a value for template mining is a value for scoring too.
/// </summary>
public static class MessageValues
{
    private static readonly System.Buffers.SearchValues<char> TokenEnd = System.Buffers.SearchValues.Create(" \t,;:)]");
    private static readonly System.Buffers.SearchValues<char> WordEnd = System.Buffers.SearchValues.Create(" \t,;)]");

    /// <summary>Most values kept per line.</summary>
    public const int MaxValues = 16;

    /// <summary>The values of a message: tokens the miner masks, stripped of surrounding punctuation.</summary>
    /// <param name="content">The message.</param>
    /// <returns>Up to <see cref="MaxValues"/> values.</returns>
    public static List<string> Extract(ReadOnlySpan<char> content)
    {
        var values = new List<string>();
        Span<char> scratch = stackalloc char[512];
        foreach (var range in content.SplitAny(' ', '\t'))
        {
            var token = content[range];
            if (token.IsEmpty || token.Length > 160)
            {
                continue;
            }

            var masked = VariableMasker.Mask(token, scratch);
            if (masked < 0 || (masked > 0 && scratch[..masked].Contains("<*>", StringComparison.Ordinal)))
            {
                var value = token.Trim("()[]{}<>,;:'\"");
                var eq = value.IndexOf('=');
                if (eq >= 0 && eq < value.Length - 1 && !char.IsAsciiDigit(value[0]))
                {
                    value = value[(eq + 1)..];
                }

                values.Add(value.ToString());
                if (values.Count == MaxValues)
                {
                    break;
                }
            }
        }

        return values;
    }

    /// <summary>The entity key of a message, or empty.</summary>
    /// <param name="content">The message.</param>
    /// <param name="kind">What to take.</param>
    /// <returns>The key.</returns>
    public static string Entity(ReadOnlySpan<char> content, EntityKind kind)
    {
        switch (kind)
        {
            case EntityKind.IpAddress:
                return FirstIp(content);
            case EntityKind.User:
                return After(content, ["user=", "user ", "for user ", "for "]);
            case EntityKind.Block:
                return FirstStartingWith(content, "blk_");
            case EntityKind.Session:
                return After(content, ["session_id=", "sid=", "session "]);
            case EntityKind.Auto:
                foreach (var k in new[] { EntityKind.Block, EntityKind.Session, EntityKind.User, EntityKind.IpAddress })
                {
                    var e = Entity(content, k);
                    if (e.Length > 0)
                    {
                        return e;
                    }
                }

                return string.Empty;
            default:
                return string.Empty;
        }
    }

    private static string FirstStartingWith(ReadOnlySpan<char> content, string prefix)
    {
        var i = content.IndexOf(prefix, StringComparison.Ordinal);
        if (i < 0)
        {
            return string.Empty;
        }

        var rest = content[i..];
        var end = rest.IndexOfAny(TokenEnd);
        return (end < 0 ? rest : rest[..end]).ToString();
    }

    private static string After(ReadOnlySpan<char> content, string[] markers)
    {
        foreach (var marker in markers)
        {
            var i = content.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (i < 0)
            {
                continue;
            }

            var rest = content[(i + marker.Length)..].TrimStart();
            var end = rest.IndexOfAny(WordEnd);
            var word = (end < 0 ? rest : rest[..end]).Trim("'\"");
            if (word.Length > 0 && word.Length <= 64)
            {
                return word.ToString();
            }
        }

        return string.Empty;
    }

    private static string FirstIp(ReadOnlySpan<char> content)
    {
        for (var i = 0; i < content.Length; i++)
        {
            if (!char.IsAsciiDigit(content[i]) || (i > 0 && (char.IsAsciiDigit(content[i - 1]) || content[i - 1] == '.')))
            {
                continue;
            }

            var j = i;
            var dots = 0;
            while (j < content.Length && (char.IsAsciiDigit(content[j]) || content[j] == '.'))
            {
                dots += content[j] == '.' ? 1 : 0;
                j++;
            }

            var candidate = content[i..j].TrimEnd('.');
            if (dots >= 3 && System.Net.IPAddress.TryParse(candidate, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                return candidate.ToString();
            }

            i = j;
        }

        return string.Empty;
    }
}
