namespace SecurityKit.Signing.Pdf;

/// <summary>
/// Reconstruction of a damaged cross-reference (as qpdf and PDF readers do, ISO 32000-1 §7.5.4 gives the layout it
/// relies on): the file is scanned for <c>N G obj</c> headers (a later definition of a number wins, as in an
/// incremental update), the trailer is taken from the last <c>trailer</c> dictionary with a /Root (else the last
/// cross-reference stream dictionary with one; the last /Type /Catalog object when neither names a readable catalog), and the members of object streams
/// are added. An update to a repaired document is written with a complete cross-reference section and no /Prev, so the
/// damaged sections are no longer used by any reader.
/// </summary>
internal sealed partial class PdfDocument
{
    private const int ScanChunk = 1 << 20;
    private const int ScanMargin = 64;

    /// <summary>Whether the cross-reference was rebuilt by scanning the file.</summary>
    public bool Repaired { get; private set; }

    /// <summary>Every entry of the merged cross-reference.</summary>
    public IEnumerable<KeyValuePair<int, PdfObjectLocation>> Locations => map;

    // Each in-file entry must point at its own "N G obj" header; reads 32 bytes per object, not the objects.
    private void VerifyOffsets()
    {
        foreach (var (number, location) in map)
        {
            if (location.Kind != PdfObjectLocationKind.InFile)
            {
                continue;
            }

            var head = location.OffsetOrStream is > 0 && location.OffsetOrStream < Source.Length ? Source.Read(location.OffsetOrStream, 32) : [];
            var header = new PdfParser(PdfByteSource.FromBytes(head));
            if (!header.TryReadInteger(out var found) || found != number || !header.TryReadInteger(out _) || !header.TryReadKeyword("obj"))
            {
                throw new PdfFormatException($"the cross-reference puts object {number} where it is not (broken xref)", Offset(location.OffsetOrStream));
            }
        }
    }

    private void Reconstruct()
    {
        var headers = new List<(int Number, int Generation, long Offset)>();
        var trailers = new List<long>();
        Scan(headers, trailers);
        if (headers.Count == 0)
        {
            throw new PdfFormatException("the cross-reference is broken and no object could be found in the file", "xref");
        }

        foreach (var (number, generation, offset) in headers)
        {
            map[number] = new PdfObjectLocation(PdfObjectLocationKind.InFile, offset, generation);
        }

        var found = FindTrailer(headers, trailers) ?? new PdfDictionary();
        var trailer = new PdfDictionary();
        foreach (var key in new[] { "Root", "Info", "ID", "Encrypt" })
        {
            if (found[key] is { } value)
            {
                trailer[key] = value;
            }
        }

        trailer["Size"] = new PdfNumber(map.Keys.Max() + 1L);
        Sections.Add(new PdfCrossReferenceSection(-1, isStream: false, trailer, new Dictionary<int, PdfObjectLocation>(map)));
        StartXref = -1;
        Repaired = true;
    }

    // After the security handler is set up (object streams may be encrypted): objects inside object streams that no
    // in-file header defines. The section becomes a stream section when there are any, since only a cross-reference
    // stream can point into an object stream (§7.5.8.3).
    private void FinishRepair()
    {
        var members = 0;
        foreach (var (number, location) in map.Where(e => e.Value.Kind == PdfObjectLocationKind.InFile).ToList())
        {
            PdfStream? stream;
            try
            {
                stream = GetObject(number) as PdfStream;
            }
            catch (PdfFormatException)
            {
                continue;
            }

            if (stream?.Dictionary.NameOf("Type") == "XRef")
            {
                // An old (possibly damaged) cross-reference stream is not part of the document: leave it unlisted.
                map.Remove(number);
                cache.Remove(number);
                continue;
            }

            if (stream?.Dictionary.NameOf("Type") != "ObjStm")
            {
                continue;
            }

            byte[] data;
            try
            {
                data = DecodeStream(stream, Offset(location.OffsetOrStream));
            }
            catch (PdfFormatException)
            {
                continue;
            }

            var n = (Resolve(stream.Dictionary["N"]) as PdfNumber)?.AsLong() ?? 0;
            var header = new PdfParser(PdfByteSource.FromBytes(data));
            for (var i = 0; i < n && header.TryReadInteger(out var member) && header.TryReadInteger(out _); i++)
            {
                if (member is > 0 and < int.MaxValue && !map.ContainsKey((int)member))
                {
                    map[(int)member] = new PdfObjectLocation(PdfObjectLocationKind.InObjectStream, number, i);
                    members++;
                }
            }
        }

        var trailer = Sections[0].Trailer;
        if (members > 0 || map.Count != Sections[0].Entries.Count)
        {
            trailer["Size"] = new PdfNumber(map.Keys.Max() + 1L);
            Sections[0] = new PdfCrossReferenceSection(-1, isStream: members > 0, trailer, new Dictionary<int, PdfObjectLocation>(map));
        }

        if (SafeDictionary(trailer["Root"])?.NameOf("Type") != "Catalog")
        {
            // No trailer names a readable catalog: take the catalog defined last (in-file objects by offset, then those
            // in object streams).
            var catalog = map
                .OrderBy(e => e.Value.Kind == PdfObjectLocationKind.InFile ? 0 : 1)
                .ThenByDescending(e => e.Value.OffsetOrStream)
                .FirstOrDefault(e => SafeDictionary(new PdfReference(e.Key, 0))?.NameOf("Type") == "Catalog");
            if (catalog.Value.Kind == PdfObjectLocationKind.Free)
            {
                throw new PdfFormatException("the cross-reference is broken and no document catalog could be found", "xref");
            }

            trailer["Root"] = new PdfReference(catalog.Key, catalog.Value.Kind == PdfObjectLocationKind.InFile ? catalog.Value.GenerationOrIndex : 0);
        }
    }

    private PdfDictionary? SafeDictionary(PdfObject? value)
    {
        try
        {
            return ResolveDictionary(value);
        }
        catch (PdfFormatException)
        {
            return null;
        }
    }

    private PdfDictionary? FindTrailer(List<(int Number, int Generation, long Offset)> headers, List<long> trailers)
    {
        // The catalog may sit in an object stream, whose members are only known later: any /Root reference will do
        // here, and FinishRepair looks for the catalog when it does not resolve.
        static bool HasRoot(PdfDictionary d) => d["Root"] is PdfReference;
        foreach (var at in Enumerable.Reverse(trailers))
        {
            var reader = new PdfParser(Source) { Position = at + "trailer".Length };
            try
            {
                if (reader.ReadObject() is PdfDictionary d && HasRoot(d))
                {
                    return d;
                }
            }
            catch (PdfFormatException)
            {
                // a damaged trailer: try an earlier one
            }
        }

        // No classic trailer: the dictionary of the last cross-reference stream (read raw: /ID and /Encrypt are never
        // encrypted). The catalog itself is looked for by FinishRepair when nothing names it.
        foreach (var (number, _, offset) in Enumerable.Reverse(headers))
        {
            try
            {
                if (new PdfParser(Source).ReadIndirectObject(offset, number, _ => null) is PdfStream { Dictionary: var d }
                    && d.NameOf("Type") == "XRef" && HasRoot(d))
                {
                    return d;
                }
            }
            catch (PdfFormatException)
            {
                // not a readable object: keep looking
            }
        }

        return null;
    }

    // Finds "N G obj" preceded by white space (or the start of the file) and followed by white space or a delimiter,
    // and the "trailer" keywords, reading the file in 1 MB chunks that overlap by 2 × 64 bytes.
    private void Scan(List<(int Number, int Generation, long Offset)> headers, List<long> trailers)
    {
        const int step = ScanChunk - (2 * ScanMargin);
        for (long start = 0; start < Source.Length; start += step)
        {
            var chunk = Source.Read(start, ScanChunk);
            var last = start + chunk.Length >= Source.Length;
            var from = start == 0 ? 0 : ScanMargin;
            var to = last ? chunk.Length : chunk.Length - ScanMargin;
            var span = chunk.AsSpan();
            for (var i = from; i < to;)
            {
                var next = span[i..to].IndexOfAny("jr"u8);
                if (next < 0)
                {
                    break;
                }

                i += next;
                if (span[i] == 'j' && i >= 2 && span[i - 2] == 'o' && span[i - 1] == 'b' && TerminatesToken(span, i + 1)
                    && TryHeader(span, i - 2, out var number, out var generation, out var headerStart))
                {
                    headers.Add((number, generation, start + headerStart));
                }
                else if (span[i] == 'r' && i >= 6 && span[(i - 6)..(i + 1)].SequenceEqual("trailer"u8) && TerminatesToken(span, i + 1))
                {
                    trailers.Add(start + i - 6);
                }

                i++;
            }

            if (last)
            {
                break;
            }
        }
    }

    private static bool TerminatesToken(ReadOnlySpan<byte> span, int at) =>
        at >= span.Length || PdfParser.IsWhitespace(span[at]) || PdfParser.IsDelimiter(span[at]);

    // Walks back from "obj" over: white space, generation digits, white space, object number digits.
    private static bool TryHeader(ReadOnlySpan<byte> span, int obj, out int number, out int generation, out int start)
    {
        number = generation = start = 0;
        var j = obj - 1;
        if (!Spaces(span, ref j) || !Digits(span, ref j, 5, out var g) || !Spaces(span, ref j) || !Digits(span, ref j, 10, out var n))
        {
            return false;
        }

        if (j >= 0 && !PdfParser.IsWhitespace(span[j]))
        {
            return false;
        }

        if (n is <= 0 or >= int.MaxValue || g > 65535)
        {
            return false;
        }

        (number, generation, start) = ((int)n, (int)g, j + 1);
        return true;
    }

    private static bool Spaces(ReadOnlySpan<byte> span, ref int j)
    {
        var end = j;
        while (j >= 0 && PdfParser.IsWhitespace(span[j]))
        {
            j--;
        }

        return j < end;
    }

    private static bool Digits(ReadOnlySpan<byte> span, ref int j, int maxDigits, out long value)
    {
        var end = j;
        while (j >= 0 && span[j] is >= (byte)'0' and <= (byte)'9' && end - j < maxDigits + 1)
        {
            j--;
        }

        value = 0;
        if (j == end || end - j > maxDigits)
        {
            return false;
        }

        for (var k = j + 1; k <= end; k++)
        {
            value = (value * 10) + (span[k] - '0');
        }

        return true;
    }
}
