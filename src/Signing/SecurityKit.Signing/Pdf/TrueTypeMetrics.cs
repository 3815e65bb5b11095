using System.Buffers.Binary;
using System.Text;

namespace SecurityKit.Signing.Pdf;

/// <summary>
/// The few facts about a TrueType font that embedding it as a simple font with WinAnsiEncoding needs (ISO 32000-1
/// §9.6.3, §9.8): units per em, bounding box, ascent/descent, and the advance width of each WinAnsi character, read
/// from the 'head', 'hhea', 'hmtx', 'maxp' and 'cmap' (format 4) tables of the OpenType specification.
/// </summary>
internal sealed class TrueTypeMetrics
{
    // WinAnsiEncoding agrees with Latin-1 on 0x20-0x7E and 0xA0-0xFF, the only codes this library writes; 0x80-0x9F
    // (the euro sign, curly quotes) are left out and such characters become '?'.
    private static readonly Encoding WinAnsi = Encoding.Latin1;

    private TrueTypeMetrics()
    {
    }

    public int UnitsPerEm { get; private set; }

    public short[] BoundingBox { get; private set; } = new short[4];

    public short Ascent { get; private set; }

    public short Descent { get; private set; }

    public string PostScriptName { get; private set; } = "EmbeddedFont";

    /// <summary>Advance widths in 1/1000 em for codes 32..255 (WinAnsi).</summary>
    public int[] Widths { get; } = new int[224];

    public static TrueTypeMetrics Read(byte[] font)
    {
        try
        {
            return ReadCore(font);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or ArgumentException)
        {
            throw new PdfFormatException("the font file is not a readable TrueType font", "font", e);
        }
    }

    private static TrueTypeMetrics ReadCore(byte[] font)
    {
        var span = font.AsSpan();
        var tables = new Dictionary<string, (int Offset, int Length)>();
        var count = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
        for (var i = 0; i < count; i++)
        {
            var record = span.Slice(12 + (16 * i), 16);
            tables[Encoding.ASCII.GetString(record[..4])] = ((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }

        foreach (var required in new[] { "head", "hhea", "hmtx", "cmap" })
        {
            if (!tables.ContainsKey(required))
            {
                throw new PdfFormatException($"the font has no '{required}' table (not a TrueType font?)", "font");
            }
        }

        var metrics = new TrueTypeMetrics();
        var head = span[tables["head"].Offset..];
        metrics.UnitsPerEm = BinaryPrimitives.ReadUInt16BigEndian(head[18..]);
        for (var i = 0; i < 4; i++)
        {
            metrics.BoundingBox[i] = BinaryPrimitives.ReadInt16BigEndian(head[(36 + (2 * i))..]);
        }

        var hhea = span[tables["hhea"].Offset..];
        metrics.Ascent = BinaryPrimitives.ReadInt16BigEndian(hhea[4..]);
        metrics.Descent = BinaryPrimitives.ReadInt16BigEndian(hhea[6..]);
        var numberOfHMetrics = BinaryPrimitives.ReadUInt16BigEndian(hhea[34..]);
        var hmtx = tables["hmtx"].Offset;
        int Advance(int glyph) => BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(hmtx + (4 * Math.Min(glyph, numberOfHMetrics - 1))));

        var glyphs = CharacterToGlyph(span[tables["cmap"].Offset..]);
        for (var code = 32; code < 256; code++)
        {
            var text = WinAnsi.GetString([(byte)code]);
            var glyph = text.Length == 1 && glyphs.TryGetValue(text[0], out var g) ? g : 0;
            metrics.Widths[code - 32] = Advance(glyph) * 1000 / metrics.UnitsPerEm;
        }

        if (tables.TryGetValue("name", out var name))
        {
            metrics.PostScriptName = PostScriptNameFrom(span.Slice(name.Offset, name.Length)) ?? metrics.PostScriptName;
        }

        return metrics;
    }

    /// <summary>Width of a WinAnsi-encodable text in points at <paramref name="size"/>.</summary>
    public double TextWidth(string text, double size) =>
        EncodeWinAnsi(text).Sum(b => b >= 32 ? Widths[b - 32] : 0) * size / 1000.0;

    /// <summary>The text in WinAnsiEncoding (characters outside it become '?').</summary>
    public static byte[] EncodeWinAnsi(string text) =>
        [.. WinAnsi.GetBytes(text).Select(b => b is >= 0x20 and <= 0x7E or >= 0xA0 ? b : (byte)'?')];

    private static Dictionary<char, int> CharacterToGlyph(ReadOnlySpan<byte> cmap)
    {
        var map = new Dictionary<char, int>();
        var count = BinaryPrimitives.ReadUInt16BigEndian(cmap[2..]);
        for (var i = 0; i < count; i++)
        {
            var record = cmap.Slice(4 + (8 * i), 8);
            var platform = BinaryPrimitives.ReadUInt16BigEndian(record);
            var encoding = BinaryPrimitives.ReadUInt16BigEndian(record[2..]);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[4..]);
            if (!(platform == 3 && encoding == 1) || BinaryPrimitives.ReadUInt16BigEndian(cmap[offset..]) != 4)
            {
                continue;
            }

            // Format 4 (segment mapping to delta values), OpenType 'cmap' specification.
            var table = cmap[offset..];
            var segments = BinaryPrimitives.ReadUInt16BigEndian(table[6..]) / 2;
            var ends = table[14..];
            var starts = table[(16 + (2 * segments))..];
            var deltas = table[(16 + (4 * segments))..];
            var rangeOffsetsAt = 16 + (6 * segments);
            for (var s = 0; s < segments; s++)
            {
                var end = BinaryPrimitives.ReadUInt16BigEndian(ends[(2 * s)..]);
                var start = BinaryPrimitives.ReadUInt16BigEndian(starts[(2 * s)..]);
                var delta = BinaryPrimitives.ReadInt16BigEndian(deltas[(2 * s)..]);
                var rangeOffset = BinaryPrimitives.ReadUInt16BigEndian(table[(rangeOffsetsAt + (2 * s))..]);
                for (int c = start; c <= end && c != 0xFFFF; c++)
                {
                    int glyph;
                    if (rangeOffset == 0)
                    {
                        glyph = (c + delta) & 0xFFFF;
                    }
                    else
                    {
                        var at = rangeOffsetsAt + (2 * s) + rangeOffset + (2 * (c - start));
                        glyph = BinaryPrimitives.ReadUInt16BigEndian(table[at..]);
                        if (glyph != 0)
                        {
                            glyph = (glyph + delta) & 0xFFFF;
                        }
                    }

                    map.TryAdd((char)c, glyph);
                }
            }

            return map;
        }

        throw new PdfFormatException("the font has no Unicode (3,1) format 4 cmap", "font");
    }

    private static string? PostScriptNameFrom(ReadOnlySpan<byte> name)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(name[2..]);
        var storage = BinaryPrimitives.ReadUInt16BigEndian(name[4..]);
        for (var i = 0; i < count; i++)
        {
            var record = name.Slice(6 + (12 * i), 12);
            if (BinaryPrimitives.ReadUInt16BigEndian(record[6..]) != 6)
            {
                continue;
            }

            var platform = BinaryPrimitives.ReadUInt16BigEndian(record);
            var length = BinaryPrimitives.ReadUInt16BigEndian(record[8..]);
            var offset = BinaryPrimitives.ReadUInt16BigEndian(record[10..]);
            var bytes = name.Slice(storage + offset, length);
            var text = platform == 3 ? Encoding.BigEndianUnicode.GetString(bytes) : Encoding.ASCII.GetString(bytes);
            var clean = new string(text.Where(c => c is > ' ' and < '\u007f' and not ('/' or '[' or ']' or '(' or ')' or '<' or '>' or '{' or '}' or '%')).ToArray());
            if (clean.Length > 0)
            {
                return clean;
            }
        }

        return null;
    }
}
