using System.Globalization;

namespace SecurityKit.Signing.Pdf;

// The PDF object model of ISO 32000-1 §7.3, reduced to what reading a document's structure and writing an
// incremental update needs. Strings keep their raw bytes so that rewriting an object never changes its meaning.

/// <summary>A PDF object (ISO 32000-1 §7.3).</summary>
internal abstract class PdfObject
{
}

/// <summary>The null object.</summary>
internal sealed class PdfNull : PdfObject
{
    public static readonly PdfNull Instance = new();

    private PdfNull()
    {
    }
}

/// <summary>A boolean.</summary>
internal sealed class PdfBoolean(bool value) : PdfObject
{
    public bool Value { get; } = value;
}

/// <summary>An integer or real number, kept as written.</summary>
internal sealed class PdfNumber : PdfObject
{
    public PdfNumber(string text)
    {
        Text = text;
    }

    public PdfNumber(long value)
    {
        Text = value.ToString(CultureInfo.InvariantCulture);
    }

    public string Text { get; }

    public bool IsInteger => long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    public long AsLong() =>
        long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : (long)AsDouble();

    public double AsDouble() =>
        double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}

/// <summary>A name, decoded (<c>#xx</c> escapes resolved), without its slash.</summary>
internal sealed class PdfName(string value) : PdfObject
{
    public string Value { get; } = value;

    public override string ToString() => "/" + Value;
}

/// <summary>A literal or hexadecimal string, as its bytes.</summary>
internal sealed class PdfString(byte[] bytes, bool hex) : PdfObject
{
    public byte[] Bytes { get; } = bytes;

    /// <summary>Whether the string was written in hexadecimal form.</summary>
    public bool IsHex { get; } = hex;

    /// <summary>The string as text (PDFDocEncoding treated as Latin-1, or UTF-16BE with a byte order mark).</summary>
    public string Text =>
        Bytes.Length >= 2 && Bytes[0] == 0xFE && Bytes[1] == 0xFF
            ? System.Text.Encoding.BigEndianUnicode.GetString(Bytes, 2, Bytes.Length - 2)
            : System.Text.Encoding.Latin1.GetString(Bytes);
}

/// <summary>An array.</summary>
internal sealed class PdfArray : PdfObject
{
    public PdfArray()
    {
        Items = [];
    }

    public PdfArray(IEnumerable<PdfObject> items)
    {
        Items = [.. items];
    }

    public List<PdfObject> Items { get; }

    public int Count => Items.Count;

    public PdfObject this[int index] => Items[index];
}

/// <summary>A dictionary; keys are names without the slash and keep their order.</summary>
internal class PdfDictionary : PdfObject
{
    private readonly List<KeyValuePair<string, PdfObject>> entries = [];

    public IReadOnlyList<KeyValuePair<string, PdfObject>> Entries => entries;

    public PdfObject? this[string key]
    {
        get
        {
            foreach (var entry in entries)
            {
                if (entry.Key == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }

        set
        {
            var index = entries.FindIndex(e => e.Key == key);
            if (value is null)
            {
                if (index >= 0)
                {
                    entries.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                entries[index] = new(key, value);
            }
            else
            {
                entries.Add(new(key, value));
            }
        }
    }

    public bool ContainsKey(string key) => this[key] is not null;

    public string? NameOf(string key) => (this[key] as PdfName)?.Value;

    /// <summary>A shallow copy: the same values under the same keys, in a new dictionary that can be changed.</summary>
    public PdfDictionary Copy()
    {
        var copy = new PdfDictionary();
        copy.entries.AddRange(entries);
        return copy;
    }
}

/// <summary>A stream: its dictionary and where its raw (still encoded) data lies in the file, or the data itself.</summary>
internal sealed class PdfStream : PdfObject
{
    public PdfStream(PdfDictionary dictionary, long dataOffset, long dataLength)
    {
        Dictionary = dictionary;
        DataOffset = dataOffset;
        DataLength = dataLength;
    }

    public PdfStream(PdfDictionary dictionary, byte[] data)
    {
        Dictionary = dictionary;
        Data = data;
        DataOffset = -1;
        DataLength = data.Length;
    }

    public PdfDictionary Dictionary { get; }

    /// <summary>Offset of the first data byte in the file, or -1 for a stream made in memory.</summary>
    public long DataOffset { get; }

    public long DataLength { get; }

    /// <summary>The encoded data of a stream made in memory.</summary>
    public byte[]? Data { get; }

    /// <summary>
    /// The object number and generation whose key encrypts the data in the file (ISO 32000-1 §7.6.2), or null when the
    /// data is not encrypted.
    /// </summary>
    public (int Number, int Generation)? EncryptedAs { get; set; }
}

/// <summary>An indirect reference <c>n g R</c>.</summary>
internal sealed class PdfReference(int number, int generation) : PdfObject, IEquatable<PdfReference>
{
    public int Number { get; } = number;

    public int Generation { get; } = generation;

    public bool Equals(PdfReference? other) => other is not null && other.Number == Number && other.Generation == Generation;

    public override bool Equals(object? obj) => Equals(obj as PdfReference);

    public override int GetHashCode() => HashCode.Combine(Number, Generation);

    public override string ToString() => $"{Number} {Generation} R";
}
