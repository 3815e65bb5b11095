using System.IO.Compression;

namespace SecurityKit.Signing.Pdf;

/// <summary>
/// Decodes the stream filters a document's structure uses: /FlateDecode (RFC 1950) with the PNG and TIFF predictors
/// of ISO 32000-1 §7.4.4.4. Other filters only occur in content and images, which signing never decodes.
/// </summary>
internal static class PdfStreamDecoder
{
    /// <summary>Upper bound of a decoded structure stream, against decompression bombs.</summary>
    private const long MaxDecodedLength = 256L * 1024 * 1024;

    public static byte[] Decode(PdfDictionary dictionary, byte[] encoded, Func<PdfObject?, PdfObject?> resolve, string location)
    {
        var filters = resolve(dictionary["Filter"]) switch
        {
            null => [],
            PdfName name => [name],
            PdfArray array => array.Items.Select(resolve).ToList(),
            _ => throw new PdfFormatException("bad /Filter", location),
        };
        var parms = resolve(dictionary["DecodeParms"]) switch
        {
            PdfDictionary d => [d],
            PdfArray array => array.Items.Select(i => resolve(i) as PdfDictionary).ToList(),
            _ => [],
        };
        var data = encoded;
        for (var i = 0; i < filters.Count; i++)
        {
            var filter = (filters[i] as PdfName)?.Value;
            var parm = i < parms.Count ? parms[i] : null;
            data = filter switch
            {
                "FlateDecode" or "Fl" => Unpredict(Inflate(data, location), parm, resolve, location),
                // §7.4.10: a /Crypt filter with the /Identity crypt filter leaves the data as it is (the document's
                // default decryption, if any, was applied before); other named crypt filters are refused on reading.
                "Crypt" when (parm?["Name"] as PdfName)?.Value is null or "Identity" => data,
                _ => throw new PdfFormatException($"unsupported filter {filter} in a structure stream", location),
            };
        }

        return data;
    }

    public static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Inflate(byte[] data, string location)
    {
        try
        {
            using var input = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = input.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, n);
                if (output.Length > MaxDecodedLength)
                {
                    throw new PdfFormatException("a structure stream decodes to more than 256 MB", location);
                }
            }

            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new PdfFormatException("a compressed structure stream is corrupt", location, e);
        }
    }

    private static byte[] Unpredict(byte[] data, PdfDictionary? parms, Func<PdfObject?, PdfObject?> resolve, string location)
    {
        int Int(string key, int fallback) => resolve(parms?[key]) is PdfNumber n ? (int)n.AsLong() : fallback;
        var predictor = Int("Predictor", 1);
        if (predictor == 1)
        {
            return data;
        }

        var colors = Int("Colors", 1);
        var bits = Int("BitsPerComponent", 8);
        var columns = Int("Columns", 1);
        if (colors is < 1 or > 32 || bits is not (1 or 2 or 4 or 8 or 16) || columns is < 1 or > 1 << 20)
        {
            throw new PdfFormatException("bad predictor parameters", location);
        }

        var bytesPerPixel = Math.Max(1, colors * bits / 8);
        var rowLength = ((colors * bits * columns) + 7) / 8;
        if (predictor == 2)
        {
            if (bits != 8)
            {
                throw new PdfFormatException("TIFF predictor with other than 8 bits per component", location);
            }

            var result = (byte[])data.Clone();
            for (var row = 0; row + rowLength <= result.Length; row += rowLength)
            {
                for (var i = bytesPerPixel; i < rowLength; i++)
                {
                    result[row + i] = (byte)(result[row + i] + result[row + i - bytesPerPixel]);
                }
            }

            return result;
        }

        // PNG predictors (10-15): each row starts with its own filter-type byte (RFC 2083 §6).
        var rows = data.Length / (rowLength + 1);
        var output = new byte[rows * rowLength];
        var previous = new byte[rowLength];
        for (var r = 0; r < rows; r++)
        {
            var type = data[r * (rowLength + 1)];
            var src = data.AsSpan((r * (rowLength + 1)) + 1, rowLength);
            var current = output.AsSpan(r * rowLength, rowLength);
            for (var i = 0; i < rowLength; i++)
            {
                var left = i >= bytesPerPixel ? current[i - bytesPerPixel] : 0;
                var up = previous[i];
                var upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                current[i] = type switch
                {
                    0 => src[i],
                    1 => (byte)(src[i] + left),
                    2 => (byte)(src[i] + up),
                    3 => (byte)(src[i] + ((left + up) / 2)),
                    4 => (byte)(src[i] + Paeth(left, up, upLeft)),
                    _ => throw new PdfFormatException("bad PNG predictor row type", location),
                };
            }

            current.CopyTo(previous);
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
