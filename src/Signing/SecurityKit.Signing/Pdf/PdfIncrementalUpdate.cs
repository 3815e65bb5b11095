using System.Globalization;

namespace SecurityKit.Signing.Pdf;

/// <summary>
/// Builds an incremental update (ISO 32000-1 §7.5.6): new and changed objects appended after the original bytes,
/// which are never touched, followed by a cross-reference section of the same kind as the file's last one (a
/// cross-reference stream if the last section is a stream, a classic table otherwise) whose /Prev points to the
/// previous section. Written by hand: no .NET PDF library appends an update without rewriting the file.
/// </summary>
internal sealed class PdfIncrementalUpdate
{
    private readonly PdfDocument document;
    private readonly SortedDictionary<int, byte[]> bodies = [];
    private int nextNumber;

    public PdfIncrementalUpdate(PdfDocument document)
    {
        this.document = document;
        nextNumber = Math.Max(document.Size, 1);
    }

    /// <summary>Numbers of the objects this update writes.</summary>
    public IEnumerable<int> ObjectNumbers => bodies.Keys;

    /// <summary>A new object number, one past the highest in use.</summary>
    public PdfReference Allocate() => new(nextNumber++, 0);

    /// <summary>Writes (or rewrites) an object. Rewritten objects keep their generation.</summary>
    public void Set(PdfReference reference, PdfObject value) =>
        bodies[reference.Number] = PdfObjectWriter.ToBytes(value, StringEncryptor(reference));

    /// <summary>
    /// Writes a stream object with the given dictionary and encoded data; /Length is set here. In an encrypted
    /// document the data and the dictionary's strings are encrypted with the object's key (ISO 32000-1 §7.6.2).
    /// </summary>
    public void SetStream(PdfReference reference, PdfDictionary dictionary, ReadOnlySpan<byte> data)
    {
        if (document.Security is { } security)
        {
            data = security.EncryptStream(data.ToArray(), reference.Number, ReferenceOf(reference.Number).Generation);
        }

        var d = dictionary.Copy();
        d["Length"] = new PdfNumber(data.Length);
        var body = new List<byte>(data.Length + 128);
        PdfObjectWriter.Write(d, body, StringEncryptor(reference));
        PdfObjectWriter.Ascii(body, "\nstream\n");
        body.AddRange(data);
        PdfObjectWriter.Ascii(body, "\nendstream");
        bodies[reference.Number] = [.. body];
    }

    /// <summary>
    /// How strings of the object <paramref name="reference"/> are encrypted in this document (ISO 32000-1 §7.6.2,
    /// Algorithm 1; the file key for AES-256), or null when the document is not encrypted.
    /// </summary>
    public Func<byte[], byte[]>? StringEncryptor(PdfReference reference)
    {
        if (document.Security is not { } security)
        {
            return null;
        }

        var generation = ReferenceOf(reference.Number).Generation;
        return bytes => security.EncryptString(bytes, reference.Number, generation);
    }

    /// <summary>Writes an object whose serialised form the caller made (the signature dictionary with placeholders).</summary>
    public void SetRaw(PdfReference reference, byte[] body) => bodies[reference.Number] = body;

    public PdfReference ReferenceOf(int number) =>
        document.LocationOf(number) is { Kind: PdfObjectLocationKind.InFile } l ? new PdfReference(number, l.GenerationOrIndex) : new PdfReference(number, 0);

    /// <summary>
    /// The bytes to append to the original file, and the offset (from the start of the whole file) of each object
    /// written.
    /// </summary>
    public byte[] Build(out Dictionary<int, long> offsets)
    {
        var baseLength = document.Length;
        var output = new List<byte>(bodies.Values.Sum(b => b.Length + 32) + 1024);
        if (document.Source.At(baseLength - 1) is not (10 or 13))
        {
            output.Add(10);
        }

        offsets = [];
        foreach (var (number, body) in bodies)
        {
            offsets[number] = baseLength + output.Count;
            var generation = ReferenceOf(number).Generation;
            PdfObjectWriter.Ascii(output, $"{number} {generation} obj\n");
            output.AddRange(body);
            PdfObjectWriter.Ascii(output, "\nendobj\n");
        }

        var trailer = new PdfDictionary();
        // §7.5.6: the new trailer repeats the previous one's entries; an encrypted document keeps its /Encrypt and /ID
        // (the file key depends on the first /ID element, §7.6.3.3).
        foreach (var key in new[] { "Root", "Info", "ID", "Encrypt" })
        {
            if (document.Trailer[key] is { } value)
            {
                trailer[key] = value;
            }
        }

        var xrefOffset = baseLength + output.Count;
        var xrefStreamNumber = nextNumber;
        var isStream = document.Sections[0].IsStream;
        var size = isStream ? xrefStreamNumber + 1 : nextNumber;
        trailer["Size"] = new PdfNumber(Math.Max(size, document.Size));
        if (isStream)
        {
            offsets[xrefStreamNumber] = xrefOffset;
        }

        // A repaired document gets a complete section without /Prev: its damaged sections are left unused (§7.5.4 and
        // §7.5.8 allow a single complete section); otherwise the section lists only what this update writes.
        var entries = new SortedDictionary<int, (int Type, long Field2, int Field3)>();
        if (document.Repaired)
        {
            entries[0] = (0, 0, 65535);
            foreach (var (number, location) in document.Locations)
            {
                if (location.Kind == PdfObjectLocationKind.InFile)
                {
                    entries[number] = (1, location.OffsetOrStream, location.GenerationOrIndex);
                }
                else if (location.Kind == PdfObjectLocationKind.InObjectStream)
                {
                    entries[number] = (2, location.OffsetOrStream, location.GenerationOrIndex);
                }
            }
        }
        else
        {
            trailer["Prev"] = new PdfNumber(document.StartXref);
        }

        foreach (var (number, offset) in offsets)
        {
            entries[number] = (1, offset, number == xrefStreamNumber && isStream ? 0 : ReferenceOf(number).Generation);
        }

        if (isStream)
        {
            WriteXrefStream(output, trailer, entries, xrefStreamNumber);
        }
        else
        {
            WriteXrefTable(output, trailer, entries);
        }

        PdfObjectWriter.Ascii(output, $"startxref\n{xrefOffset.ToString(CultureInfo.InvariantCulture)}\n%%EOF\n");
        return [.. output];
    }

    private static void WriteXrefTable(List<byte> output, PdfDictionary trailer, SortedDictionary<int, (int Type, long Field2, int Field3)> entries)
    {
        PdfObjectWriter.Ascii(output, "xref\n");
        foreach (var (first, numbers) in Subsections(entries.Keys))
        {
            PdfObjectWriter.Ascii(output, $"{first} {numbers.Count}\n");
            foreach (var number in numbers)
            {
                // §7.5.4: each entry is exactly 20 bytes, ending in a two-character end-of-line.
                var (type, field2, field3) = entries[number];
                PdfObjectWriter.Ascii(output, type switch
                {
                    0 => $"{0:D10} {field3:D5} f\r\n",
                    1 => $"{field2:D10} {field3:D5} n\r\n",
                    _ => throw new InvalidOperationException("an object in an object stream needs a cross-reference stream"),
                });
            }
        }

        PdfObjectWriter.Ascii(output, "trailer\n");
        PdfObjectWriter.Write(trailer, output);
        output.Add(10);
    }

    private static void WriteXrefStream(List<byte> output, PdfDictionary trailer, SortedDictionary<int, (int Type, long Field2, int Field3)> entries, int streamNumber)
    {
        // §7.5.8: type 0, 1 and 2 entries; the second field is as wide as the largest offset or stream number needs.
        var maxField2 = entries.Values.Max(e => e.Field2);
        var width = 1;
        while (width < 8 && maxField2 >= 1L << (8 * width))
        {
            width++;
        }

        var subsections = Subsections(entries.Keys).ToList();
        var data = new List<byte>();
        foreach (var (_, numbers) in subsections)
        {
            foreach (var number in numbers)
            {
                var (type, field2, field3) = entries[number];
                data.Add((byte)type);
                for (var i = width - 1; i >= 0; i--)
                {
                    data.Add((byte)(field2 >> (8 * i)));
                }

                data.Add((byte)(field3 >> 8));
                data.Add((byte)field3);
            }
        }

        var dictionary = new PdfDictionary
        {
            ["Type"] = new PdfName("XRef"),
        };
        foreach (var (key, value) in trailer.Entries)
        {
            dictionary[key] = value;
        }

        dictionary["Index"] = new PdfArray(subsections.SelectMany(s => new PdfObject[] { new PdfNumber(s.First), new PdfNumber(s.Numbers.Count) }));
        dictionary["W"] = new PdfArray([new PdfNumber(1), new PdfNumber(width), new PdfNumber(2)]);
        var compressed = PdfStreamDecoder.Deflate([.. data]);
        dictionary["Filter"] = new PdfName("FlateDecode");
        dictionary["Length"] = new PdfNumber(compressed.Length);
        PdfObjectWriter.Ascii(output, $"{streamNumber} 0 obj\n");
        PdfObjectWriter.Write(dictionary, output);
        PdfObjectWriter.Ascii(output, "\nstream\n");
        output.AddRange(compressed);
        PdfObjectWriter.Ascii(output, "\nendstream\nendobj\n");
    }

    private static IEnumerable<(int First, List<int> Numbers)> Subsections(IEnumerable<int> numbers)
    {
        List<int>? current = null;
        foreach (var number in numbers.Order())
        {
            if (current is null || number != current[^1] + 1)
            {
                if (current is not null)
                {
                    yield return (current[0], current);
                }

                current = [number];
            }
            else
            {
                current.Add(number);
            }
        }

        if (current is not null)
        {
            yield return (current[0], current);
        }
    }
}
