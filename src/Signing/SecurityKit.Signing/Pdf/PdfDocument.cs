using System.Globalization;
using System.Text;

namespace SecurityKit.Signing.Pdf;

/// <summary>
/// A read-only view of a PDF's structure: its cross-reference sections from the last one back through /Prev
/// (classic tables, cross-reference streams, hybrid files), the merged object map, and object lookup including
/// objects inside object streams (ISO 32000-1 §7.5). Objects are parsed on demand from a random-access source, so a
/// large file is never read whole.
/// </summary>
/// <remarks>
/// Written by hand: PdfPig (0.1.x) parses documents but does not expose cross-reference sections, byte offsets or a
/// way to append an incremental update, and PDFsharp rewrites the whole file on save, which would break every earlier
/// signature. Signing needs exactly those offsets.
/// </remarks>
internal sealed partial class PdfDocument
{
    private const int MaxSections = 10_000;
    private readonly Dictionary<int, PdfObjectLocation> map = [];
    private readonly Dictionary<int, PdfObject> cache = [];
    private readonly Dictionary<long, (byte[] Data, Dictionary<int, long> Offsets)> objectStreams = [];
    private readonly PdfParser parser;
    private int resolving;

    private int encryptNumber = -1;
    private bool endOfFileFound;

    private PdfDocument(PdfByteSource source, string? password)
    {
        Source = source;
        Password = password;
        parser = new PdfParser(source);
    }

    /// <summary>The password the document was opened with (kept to open its earlier revisions), if any.</summary>
    public string? Password { get; }

    /// <summary>The standard security handler with the file key when the document is encrypted, else null.</summary>
    public PdfStandardSecurityHandler? Security { get; private set; }

    public PdfByteSource Source { get; }

    public long Length => Source.Length;

    /// <summary>The sections, the last written first.</summary>
    public List<PdfCrossReferenceSection> Sections { get; } = [];

    /// <summary>The newest trailer.</summary>
    public PdfDictionary Trailer => Sections[0].Trailer;

    /// <summary>The value of the last <c>startxref</c>.</summary>
    public long StartXref { get; private set; }

    /// <summary>The header version, e.g. "1.4".</summary>
    public string HeaderVersion { get; private set; } = "1.4";

    /// <summary>The trailer's /Size: one more than the highest object number.</summary>
    public int Size => (int)Math.Min(int.MaxValue, (Trailer["Size"] as PdfNumber)?.AsLong() ?? 0);

    public static PdfDocument Open(Stream stream, string? password = null, bool repair = false) => Open(PdfByteSource.FromStream(stream), password, repair);

    public static PdfDocument Open(byte[] bytes, string? password = null) => Open(PdfByteSource.FromBytes(bytes), password);

    /// <summary>
    /// Opens a PDF; an encrypted one (trailer /Encrypt) needs its user or owner <paramref name="password"/>, after which
    /// every string and stream read is decrypted (ISO 32000-1 §7.6.2) except the /Contents of signature dictionaries.
    /// </summary>
    /// <exception cref="PdfEncryptedException">Encrypted and no password given, or an unsupported security handler.</exception>
    /// <exception cref="PdfPasswordException">The password is neither the user nor the owner password.</exception>
    public static PdfDocument Open(PdfByteSource source, string? password = null) => Open(source, password, repair: false);

    /// <summary>
    /// Opens a PDF as <see cref="Open(PdfByteSource, string?)"/> does; with <paramref name="repair"/>, every
    /// cross-reference entry is checked against the object header it points to, and a damaged cross-reference (broken
    /// startxref, /Prev, table or stream, or offsets that miss their objects) is rebuilt by scanning the file for
    /// object headers (<see cref="Repaired"/>). A file without a header or without a final %%EOF is still refused.
    /// </summary>
    public static PdfDocument Open(PdfByteSource source, string? password, bool repair)
    {
        var document = new PdfDocument(source, password);
        document.ReadHeader();
        try
        {
            document.ReadCrossReferences();
            if (repair)
            {
                document.VerifyOffsets();
            }
        }
        catch (PdfFormatException) when (repair && document.endOfFileFound)
        {
            document = new PdfDocument(source, password);
            document.ReadHeader();
            document.Reconstruct();
        }

        if (document.Trailer.ContainsKey("Encrypt"))
        {
            document.OpenSecurityHandler(password);
        }

        if (document.Repaired)
        {
            document.FinishRepair();
        }

        if (document.Trailer["Root"] is not PdfReference)
        {
            throw new PdfFormatException("the trailer has no /Root catalog reference", "trailer");
        }

        return document;
    }

    private void OpenSecurityHandler(string? password)
    {
        // The /Encrypt dictionary's own strings are never encrypted (§7.6.1); read it before decryption is on.
        if (Trailer["Encrypt"] is PdfReference encryptReference)
        {
            encryptNumber = encryptReference.Number;
        }

        var encrypt = ResolveDictionary(Trailer["Encrypt"]);
        if (encrypt is null)
        {
            throw new PdfFormatException("the trailer's /Encrypt is not a dictionary", "trailer /Encrypt");
        }

        if (password is null)
        {
            throw new PdfEncryptedException(PdfEncryptedException.Describe(this, encrypt));
        }

        // §7.6.3.3: the key derivation uses the first element of the trailer's /ID (empty when absent).
        var firstId = Trailer["ID"] is PdfArray { Count: > 0 } id && id[0] is PdfString s ? s.Bytes : [];
        Security = PdfStandardSecurityHandler.Open(this, encrypt, firstId, password);
    }

    // §7.6.2: strings and streams of indirect objects are encrypted with their object's key, except the /Encrypt
    // dictionary, cross-reference streams, the /Contents of signature dictionaries (ISO 32000-2 §7.6.2) and, with
    // /EncryptMetadata false, the metadata stream. Objects inside object streams are not encrypted on their own.
    private PdfObject Decrypt(PdfObject value, int number, int generation)
    {
        var security = Security!;
        switch (value)
        {
            case PdfString s:
                return new PdfString(security.DecryptString(s.Bytes, number, generation), s.IsHex);
            case PdfArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array.Items[i] = Decrypt(array.Items[i], number, generation);
                }

                return array;
            case PdfStream stream:
                if (stream.Dictionary.NameOf("Type") == "XRef")
                {
                    return stream;
                }

                DecryptDictionary(stream.Dictionary, number, generation);
                var identityFilter = stream.Dictionary["Filter"] is PdfName { Value: "Crypt" }
                    || (stream.Dictionary["Filter"] is PdfArray { Count: > 0 } filters && filters[0] is PdfName { Value: "Crypt" });
                if (!identityFilter && (security.EncryptMetadata || stream.Dictionary.NameOf("Type") != "Metadata"))
                {
                    stream.EncryptedAs = (number, generation);
                }

                return stream;
            case PdfDictionary dictionary:
                DecryptDictionary(dictionary, number, generation);
                return dictionary;
            default:
                return value;
        }
    }

    private void DecryptDictionary(PdfDictionary dictionary, int number, int generation)
    {
        var signature = dictionary.ContainsKey("ByteRange") && dictionary.ContainsKey("Contents")
            && dictionary.NameOf("Type") is null or "Sig" or "DocTimeStamp";
        foreach (var (key, item) in dictionary.Entries.ToList())
        {
            if (!(signature && key == "Contents"))
            {
                dictionary[key] = Decrypt(item, number, generation);
            }
        }
    }

    private void ReadHeader()
    {
        // §7.5.2: "%PDF-1.n" in the first line; readers accept it within the first 1024 bytes.
        var head = Source.Read(0, 1024);
        var index = head.AsSpan().IndexOf("%PDF-"u8);
        if (index < 0)
        {
            throw new PdfFormatException("not a PDF (no %PDF- header)", "byte 0");
        }

        HeaderVersion = Encoding.ASCII.GetString(head, index + 5, Math.Min(3, head.Length - index - 5));
    }

    private void ReadCrossReferences()
    {
        var tailLength = (int)Math.Min(2048, Source.Length);
        var tail = Source.Read(Source.Length - tailLength, tailLength);
        var eof = tail.AsSpan().LastIndexOf("%%EOF"u8);
        if (eof < 0)
        {
            throw new PdfFormatException("the PDF is truncated (no %%EOF at its end)", $"byte {Source.Length}");
        }

        endOfFileFound = true;

        var startxref = tail.AsSpan(0, eof).LastIndexOf("startxref"u8);
        if (startxref < 0)
        {
            throw new PdfFormatException("the PDF is truncated or broken (no startxref before the last %%EOF)", $"byte {Source.Length}");
        }

        parser.Position = Source.Length - tailLength + startxref + "startxref".Length;
        if (!parser.TryReadInteger(out var offset))
        {
            throw new PdfFormatException("startxref is not followed by an offset", $"byte {parser.Position}");
        }

        StartXref = offset;
        var visited = new HashSet<long>();
        long? next = offset;
        while (next is { } at)
        {
            if (!visited.Add(at) || visited.Count > MaxSections)
            {
                throw new PdfFormatException("the cross-reference /Prev chain loops", $"byte {at}");
            }

            var section = ReadSection(at);
            Sections.Add(section);
            foreach (var (number, location) in section.Entries)
            {
                map.TryAdd(number, location);
            }

            next = section.Trailer["Prev"] is PdfNumber prev ? prev.AsLong() : null;
        }
    }

    private PdfCrossReferenceSection ReadSection(long offset)
    {
        if (offset < 0 || offset >= Source.Length)
        {
            throw new PdfFormatException("a cross-reference offset points outside the file (broken xref)", $"byte {offset}");
        }

        parser.Position = offset;
        if (parser.TryReadKeyword("xref"))
        {
            return ReadTable(offset);
        }

        parser.Position = offset;
        if (parser.TryReadInteger(out var number) && parser.TryReadInteger(out _) && parser.TryReadKeyword("obj"))
        {
            var (trailer, entries) = ReadStreamSection(offset, (int)number);
            return new PdfCrossReferenceSection(offset, isStream: true, trailer, entries);
        }

        throw new PdfFormatException("no cross-reference table or stream where startxref or /Prev points (broken xref)", $"byte {offset}");
    }

    private PdfCrossReferenceSection ReadTable(long offset)
    {
        var entries = new Dictionary<int, PdfObjectLocation>();
        while (true)
        {
            if (parser.TryReadKeyword("trailer"))
            {
                break;
            }

            if (!parser.TryReadInteger(out var first) || !parser.TryReadInteger(out var count) || first + count > int.MaxValue)
            {
                throw new PdfFormatException("bad cross-reference subsection header", $"byte {parser.Position}");
            }

            for (var i = 0; i < count; i++)
            {
                if (!parser.TryReadInteger(out var position) || !parser.TryReadInteger(out var generation))
                {
                    throw new PdfFormatException("bad cross-reference entry", $"byte {parser.Position}");
                }

                var type = parser.ReadToken();
                var location = type switch
                {
                    "n" => new PdfObjectLocation(PdfObjectLocationKind.InFile, position, (int)generation),
                    "f" => new PdfObjectLocation(PdfObjectLocationKind.Free, 0, (int)generation),
                    _ => throw new PdfFormatException("bad cross-reference entry type", $"byte {parser.Position}"),
                };
                entries.TryAdd((int)(first + i), location);
            }
        }

        if (parser.ReadObject() is not PdfDictionary trailer)
        {
            throw new PdfFormatException("the trailer is not a dictionary", $"byte {parser.Position}");
        }

        // §7.5.8.4 hybrid files: objects the table does not list are looked up in the /XRefStm stream next.
        if (trailer["XRefStm"] is PdfNumber xrefStm)
        {
            parser.Position = xrefStm.AsLong();
            if (parser.TryReadInteger(out var number) && parser.TryReadInteger(out _) && parser.TryReadKeyword("obj"))
            {
                var (_, streamEntries) = ReadStreamSection(xrefStm.AsLong(), (int)number);
                foreach (var (n, location) in streamEntries)
                {
                    // Hybrid writers list objects that live in object streams as free in the table (§7.5.8.4).
                    if (!entries.TryGetValue(n, out var tableEntry) || tableEntry.Kind == PdfObjectLocationKind.Free)
                    {
                        entries[n] = location;
                    }
                }
            }
            else
            {
                throw new PdfFormatException("/XRefStm does not point to a cross-reference stream", $"byte {xrefStm.AsLong()}");
            }
        }

        return new PdfCrossReferenceSection(offset, isStream: false, trailer, entries);
    }

    private (PdfDictionary Trailer, Dictionary<int, PdfObjectLocation> Entries) ReadStreamSection(long offset, int number)
    {
        var location = $"byte {offset}";
        if (parser.ReadIndirectObject(offset, number, r => r.Number == number ? null : GetObject(r.Number)) is not PdfStream stream
            || stream.Dictionary.NameOf("Type") != "XRef")
        {
            throw new PdfFormatException("not a cross-reference stream (broken xref)", location);
        }

        var dictionary = stream.Dictionary;
        var data = DecodeStream(stream, location);
        if (dictionary["W"] is not PdfArray { Count: 3 } w || w.Items.Any(i => i is not PdfNumber n || n.AsLong() is < 0 or > 8))
        {
            throw new PdfFormatException("bad /W in a cross-reference stream", location);
        }

        var widths = w.Items.Select(i => (int)((PdfNumber)i).AsLong()).ToArray();
        var size = (dictionary["Size"] as PdfNumber)?.AsLong() ?? 0;
        var index = dictionary["Index"] is PdfArray ix
            ? ix.Items.Select(i => (i as PdfNumber)?.AsLong() ?? throw new PdfFormatException("bad /Index", location)).ToArray()
            : [0, size];
        var rowLength = widths.Sum();
        var entries = new Dictionary<int, PdfObjectLocation>();
        var row = 0;
        for (var s = 0; s + 1 < index.Length; s += 2)
        {
            for (long i = 0; i < index[s + 1]; i++, row++)
            {
                if ((row + 1L) * rowLength > data.Length)
                {
                    throw new PdfFormatException("a cross-reference stream is shorter than its /Index says", location);
                }

                var at = row * rowLength;
                var type = widths[0] == 0 ? 1 : Field(data, at, widths[0]);
                var f2 = Field(data, at + widths[0], widths[1]);
                var f3 = Field(data, at + widths[0] + widths[1], widths[2]);
                PdfObjectLocation? entry = type switch
                {
                    0 => new PdfObjectLocation(PdfObjectLocationKind.Free, 0, (int)f3),
                    1 => new PdfObjectLocation(PdfObjectLocationKind.InFile, f2, (int)f3),
                    2 => new PdfObjectLocation(PdfObjectLocationKind.InObjectStream, f2, (int)f3),
                    _ => null, // §7.5.8.3: unknown types are references to the null object
                };
                if (entry is { } e)
                {
                    entries.TryAdd((int)(index[s] + i), e);
                }
            }
        }

        return (dictionary, entries);
    }

    private static long Field(byte[] data, int at, int width)
    {
        long value = 0;
        for (var i = 0; i < width; i++)
        {
            value = (value << 8) | data[at + i];
        }

        return value;
    }

    /// <summary>Where the merged cross-reference puts <paramref name="number"/>, if anywhere.</summary>
    public PdfObjectLocation? LocationOf(int number) => map.TryGetValue(number, out var l) ? l : null;

    /// <summary>Every object number the merged cross-reference lists as in use.</summary>
    public IEnumerable<int> ObjectNumbers => map.Where(e => e.Value.Kind != PdfObjectLocationKind.Free).Select(e => e.Key);

    /// <summary>The object with this number, or <see langword="null"/> if free or missing (§7.3.10).</summary>
    public PdfObject? GetObject(int number)
    {
        if (cache.TryGetValue(number, out var cached))
        {
            return cached;
        }

        if (!map.TryGetValue(number, out var location) || location.Kind == PdfObjectLocationKind.Free)
        {
            return null;
        }

        if (++resolving > 64)
        {
            resolving = 0;
            throw new PdfFormatException("object references loop", $"object {number}");
        }

        try
        {
            var value = location.Kind == PdfObjectLocationKind.InFile
                ? ReadAt(location.OffsetOrStream, number)
                : ReadFromObjectStream((int)location.OffsetOrStream, location.GenerationOrIndex, number);
            cache[number] = value;
            return value;
        }
        finally
        {
            resolving--;
        }
    }

    private PdfObject ReadAt(long offset, int number)
    {
        if (offset <= 0 || offset >= Source.Length)
        {
            throw new PdfFormatException($"the cross-reference puts object {number} outside the file (broken xref)", $"byte {offset}");
        }

        var local = new PdfParser(Source);
        var value = local.ReadIndirectObject(offset, number, r => GetObject(r.Number));
        return Security is not null && number != encryptNumber
            ? Decrypt(value, number, map.TryGetValue(number, out var l) ? l.GenerationOrIndex : 0)
            : value;
    }

    private PdfObject ReadFromObjectStream(int streamNumber, int index, int number)
    {
        var location = $"object {streamNumber}";
        if (!objectStreams.TryGetValue(streamNumber, out var decoded))
        {
            if (GetObject(streamNumber) is not PdfStream stream || stream.Dictionary.NameOf("Type") != "ObjStm")
            {
                throw new PdfFormatException($"object {number} is said to be in an object stream that is not one", location);
            }

            var data = DecodeStream(stream, location);
            var n = (Resolve(stream.Dictionary["N"]) as PdfNumber)?.AsLong() ?? 0;
            var first = (Resolve(stream.Dictionary["First"]) as PdfNumber)?.AsLong() ?? 0;
            var header = new PdfParser(PdfByteSource.FromBytes(data));
            var offsets = new Dictionary<int, long>();
            for (var i = 0; i < n; i++)
            {
                if (!header.TryReadInteger(out var objectNumber) || !header.TryReadInteger(out var objectOffset))
                {
                    throw new PdfFormatException("bad object stream header", location);
                }

                offsets.TryAdd((int)objectNumber, first + objectOffset);
            }

            decoded = (data, offsets);
            objectStreams[streamNumber] = decoded;
        }

        _ = index;
        if (!decoded.Offsets.TryGetValue(number, out var at))
        {
            throw new PdfFormatException($"object {number} is not in its object stream", location);
        }

        var objectParser = new PdfParser(PdfByteSource.FromBytes(decoded.Data)) { Position = at };
        return objectParser.ReadObject();
    }

    /// <summary>Follows a reference to its object; other objects are returned as they are.</summary>
    public PdfObject? Resolve(PdfObject? value) => value is PdfReference r ? GetObject(r.Number) : value;

    public PdfDictionary? ResolveDictionary(PdfObject? value) => Resolve(value) switch
    {
        PdfDictionary d => d,
        PdfStream s => s.Dictionary,
        _ => null,
    };

    /// <summary>The raw (still encoded, but decrypted) bytes of a stream.</summary>
    public byte[] RawStreamData(PdfStream stream)
    {
        if (stream.Data is { } data)
        {
            return data;
        }

        if (stream.DataLength > int.MaxValue)
        {
            throw new PdfFormatException("a stream is larger than 2 GB", $"byte {stream.DataOffset}");
        }

        var raw = Source.Read(stream.DataOffset, (int)stream.DataLength);
        return Security is { } security && stream.EncryptedAs is { } key
            ? security.DecryptStream(raw, key.Number, key.Generation)
            : raw;
    }

    public byte[] DecodeStream(PdfStream stream, string location) =>
        PdfStreamDecoder.Decode(stream.Dictionary, RawStreamData(stream), Resolve, location);

    /// <summary>The document catalog (§7.7.2).</summary>
    public PdfDictionary Catalog =>
        ResolveDictionary(Trailer["Root"]) is { } catalog && catalog.NameOf("Type") is "Catalog" or null
            ? catalog
            : throw new PdfFormatException("the trailer's /Root is not a catalog dictionary", "trailer /Root");

    public PdfReference CatalogReference => (PdfReference)Trailer["Root"]!;

    /// <summary>The page objects in document order (§7.7.3), with their references.</summary>
    public List<(PdfReference Reference, PdfDictionary Page)> Pages()
    {
        var pages = new List<(PdfReference, PdfDictionary)>();
        var visited = new HashSet<int>();
        void Walk(PdfObject? node, int depth)
        {
            if (node is not PdfReference reference || !visited.Add(reference.Number) || depth > 64)
            {
                return;
            }

            var dictionary = ResolveDictionary(reference);
            if (dictionary is null)
            {
                return;
            }

            if (dictionary.NameOf("Type") == "Pages" || dictionary["Kids"] is not null)
            {
                if (Resolve(dictionary["Kids"]) is PdfArray kids)
                {
                    foreach (var kid in kids.Items)
                    {
                        Walk(kid, depth + 1);
                    }
                }
            }
            else
            {
                pages.Add((reference, dictionary));
            }
        }

        Walk(Catalog["Pages"], 0);
        return pages;
    }

    public static string Offset(long offset) => "byte " + offset.ToString(CultureInfo.InvariantCulture);
}
