using System.Globalization;
using System.Text;

namespace SecurityKit.Signing.Pdf;

/// <summary>
/// Reads PDF objects (ISO 32000-1 §7.2 lexical conventions, §7.3 objects) from a byte source. Written by hand because
/// the incremental update needs the exact byte offsets of objects, xref sections and the signature's /Contents, which
/// PdfPig's public API does not expose; hostile input is bounded (nesting depth, lengths) and reported as
/// <see cref="PdfFormatException"/> with the offset.
/// </summary>
internal sealed class PdfParser(PdfByteSource source)
{
    private const int MaxDepth = 200;

    public long Position { get; set; }

    public PdfByteSource Source => source;

    public static bool IsWhitespace(int b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(int b) => b is '(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%';

    private static bool IsRegular(int b) => b >= 0 && !IsWhitespace(b) && !IsDelimiter(b);

    public void SkipWhitespaceAndComments()
    {
        while (true)
        {
            var b = source.At(Position);
            if (IsWhitespace(b))
            {
                Position++;
            }
            else if (b == '%')
            {
                while (b is not (-1 or 10 or 13))
                {
                    b = source.At(++Position);
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Reads a run of regular characters (a keyword or number) after whitespace; empty at a delimiter.</summary>
    public string ReadToken()
    {
        SkipWhitespaceAndComments();
        var start = Position;
        var sb = new StringBuilder();
        while (IsRegular(source.At(Position)) && Position - start < 256)
        {
            sb.Append((char)source.At(Position++));
        }

        return sb.ToString();
    }

    public bool TryReadInteger(out long value)
    {
        var saved = Position;
        var token = ReadToken();
        if (token.Length > 0 && token.All(char.IsAsciiDigit) && long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        Position = saved;
        value = 0;
        return false;
    }

    public bool TryReadKeyword(string keyword)
    {
        var saved = Position;
        if (ReadToken() == keyword)
        {
            return true;
        }

        Position = saved;
        return false;
    }

    public PdfObject ReadObject() => ReadObject(0);

    private PdfObject ReadObject(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("objects nested too deeply");
        }

        SkipWhitespaceAndComments();
        var start = Position;
        var b = source.At(Position);
        switch (b)
        {
            case -1:
                throw Error("unexpected end of file");
            case '/':
                Position++;
                return new PdfName(ReadNameBody());
            case '(':
                Position++;
                return new PdfString(ReadLiteralStringBody(), hex: false);
            case '<' when source.At(Position + 1) == '<':
                Position += 2;
                return ReadDictionaryBody(depth);
            case '<':
                Position++;
                return new PdfString(ReadHexStringBody(), hex: true);
            case '[':
                Position++;
                var array = new PdfArray();
                while (true)
                {
                    SkipWhitespaceAndComments();
                    if (source.At(Position) == ']')
                    {
                        Position++;
                        return array;
                    }

                    array.Items.Add(ReadObject(depth + 1));
                }

            default:
                var token = ReadToken();
                if (token.Length == 0)
                {
                    Position = start;
                    throw Error($"unexpected character 0x{b:X2}");
                }

                return token switch
                {
                    "true" => new PdfBoolean(true),
                    "false" => new PdfBoolean(false),
                    "null" => PdfNull.Instance,
                    _ when IsNumber(token) => ReadNumberOrReference(token),
                    _ => throw ErrorAt(start, $"unexpected keyword '{Truncate(token)}'"),
                };
        }
    }

    private PdfObject ReadNumberOrReference(string token)
    {
        // "n g R" (§7.3.10): look ahead two tokens; rewind if they do not form a reference.
        if (token.All(char.IsAsciiDigit) && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            var saved = Position;
            var second = ReadToken();
            if (second.Length > 0 && second.All(char.IsAsciiDigit) && int.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
            {
                SkipWhitespaceAndComments();
                if (source.At(Position) == 'R' && !IsRegular(source.At(Position + 1)))
                {
                    Position++;
                    return new PdfReference(number, generation);
                }
            }

            Position = saved;
        }

        return new PdfNumber(token);
    }

    private static bool IsNumber(string token)
    {
        var digits = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!((c is '+' or '-' && i == 0) || c == '.'))
            {
                return false;
            }
        }

        return digits > 0;
    }

    private PdfDictionary ReadDictionaryBody(int depth)
    {
        var dictionary = new PdfDictionary();
        while (true)
        {
            SkipWhitespaceAndComments();
            var b = source.At(Position);
            if (b == '>' && source.At(Position + 1) == '>')
            {
                Position += 2;
                return dictionary;
            }

            if (b != '/')
            {
                throw Error(b == -1 ? "unexpected end of file in a dictionary" : "a dictionary key is not a name");
            }

            Position++;
            var key = ReadNameBody();
            var value = ReadObject(depth + 1);
            // §7.3.7: a null value is the same as an absent entry.
            if (value is not PdfNull)
            {
                dictionary[key] = value;
            }
        }
    }

    private string ReadNameBody()
    {
        var bytes = new List<byte>();
        while (IsRegular(source.At(Position)))
        {
            var b = source.At(Position++);
            if (b == '#' && IsHex(source.At(Position)) && IsHex(source.At(Position + 1)))
            {
                b = (HexValue(source.At(Position)) << 4) | HexValue(source.At(Position + 1));
                Position += 2;
            }

            bytes.Add((byte)b);
            if (bytes.Count > 127 * 4)
            {
                throw Error("name too long");
            }
        }

        return Encoding.Latin1.GetString([.. bytes]);
    }

    private byte[] ReadLiteralStringBody()
    {
        var bytes = new List<byte>();
        var nesting = 1;
        while (true)
        {
            var b = source.At(Position++);
            switch (b)
            {
                case -1:
                    throw Error("unterminated string");
                case '(':
                    nesting++;
                    bytes.Add((byte)b);
                    break;
                case ')':
                    if (--nesting == 0)
                    {
                        return [.. bytes];
                    }

                    bytes.Add((byte)b);
                    break;
                case '\\':
                    var e = source.At(Position++);
                    switch (e)
                    {
                        case 'n': bytes.Add(10); break;
                        case 'r': bytes.Add(13); break;
                        case 't': bytes.Add(9); break;
                        case 'b': bytes.Add(8); break;
                        case 'f': bytes.Add(12); break;
                        case 13:
                            if (source.At(Position) == 10)
                            {
                                Position++;
                            }

                            break;
                        case 10:
                            break;
                        case >= '0' and <= '7':
                            var octal = e - '0';
                            for (var i = 0; i < 2 && source.At(Position) is >= '0' and <= '7'; i++)
                            {
                                octal = (octal * 8) + (source.At(Position++) - '0');
                            }

                            bytes.Add((byte)octal);
                            break;
                        case -1:
                            throw Error("unterminated string");
                        default:
                            bytes.Add((byte)e);
                            break;
                    }

                    break;
                default:
                    bytes.Add((byte)b);
                    break;
            }
        }
    }

    private byte[] ReadHexStringBody()
    {
        var bytes = new List<byte>();
        var high = -1;
        while (true)
        {
            var b = source.At(Position++);
            if (b == '>')
            {
                if (high >= 0)
                {
                    bytes.Add((byte)(high << 4));
                }

                return [.. bytes];
            }

            if (IsWhitespace(b))
            {
                continue;
            }

            if (!IsHex(b))
            {
                throw ErrorAt(Position - 1, b == -1 ? "unterminated hexadecimal string" : "bad character in a hexadecimal string");
            }

            if (high < 0)
            {
                high = HexValue(b);
            }
            else
            {
                bytes.Add((byte)((high << 4) | HexValue(b)));
                high = -1;
            }
        }
    }

    /// <summary>
    /// Reads <c>n g obj … endobj</c> at <paramref name="offset"/>. A stream's length may be an indirect object, which
    /// <paramref name="resolveLength"/> looks up; a missing or wrong length is recovered by finding <c>endstream</c>.
    /// </summary>
    public PdfObject ReadIndirectObject(long offset, int expectedNumber, Func<PdfReference, PdfObject?> resolveLength)
    {
        Position = offset;
        if (!TryReadInteger(out var number) || !TryReadInteger(out _) || !TryReadKeyword("obj"))
        {
            throw ErrorAt(offset, $"no object header where the cross-reference table puts object {expectedNumber}");
        }

        if (number != expectedNumber)
        {
            throw ErrorAt(offset, $"the cross-reference table puts object {expectedNumber} where object {number} is");
        }

        var value = ReadObject();
        if (value is not PdfDictionary dictionary)
        {
            return value;
        }

        var afterDictionary = Position;
        if (!TryReadKeyword("stream"))
        {
            Position = afterDictionary;
            return value;
        }

        // §7.3.8.1: "stream" is followed by CRLF or LF (a lone CR is tolerated, as readers do).
        if (source.At(Position) == 13)
        {
            Position++;
        }

        if (source.At(Position) == 10)
        {
            Position++;
        }

        var dataOffset = Position;
        long length = -1;
        var lengthObject = dictionary["Length"];
        if (lengthObject is PdfReference lengthReference)
        {
            lengthObject = resolveLength(lengthReference);
        }

        if (lengthObject is PdfNumber n && n.IsInteger)
        {
            length = n.AsLong();
        }

        if (length < 0 || dataOffset + length > source.Length || !EndstreamFollows(dataOffset + length))
        {
            length = FindEndstream(dataOffset) - dataOffset;
        }

        Position = dataOffset + length;
        TryReadKeyword("endstream");
        return new PdfStream(dictionary, dataOffset, length);
    }

    private bool EndstreamFollows(long position)
    {
        var saved = Position;
        Position = position;
        var found = TryReadKeyword("endstream");
        Position = saved;
        return found;
    }

    private long FindEndstream(long from)
    {
        var marker = "endstream"u8;
        for (var p = from; p + marker.Length <= source.Length; p++)
        {
            var i = 0;
            while (i < marker.Length && source.At(p + i) == marker[i])
            {
                i++;
            }

            if (i == marker.Length)
            {
                // Drop the end-of-line that belongs to the "endstream" keyword (§7.3.8.1).
                var end = p;
                if (end > from && source.At(end - 1) == 10)
                {
                    end--;
                }

                if (end > from && source.At(end - 1) == 13)
                {
                    end--;
                }

                return end;
            }
        }

        throw ErrorAt(from, "a stream has no endstream");
    }

    private static bool IsHex(int b) => b is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(int b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private static string Truncate(string s) => s.Length > 20 ? s[..20] : s;

    private PdfFormatException Error(string message) => ErrorAt(Position, message);

    private static PdfFormatException ErrorAt(long offset, string message) =>
        new(message, $"byte {offset.ToString(CultureInfo.InvariantCulture)}");
}
