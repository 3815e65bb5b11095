using System.Text;

namespace SecurityKit.Signing.Pdf;

/// <summary>Serialises PDF objects (ISO 32000-1 §7.3) in a plain, unambiguous form.</summary>
internal static class PdfObjectWriter
{
    /// <summary>
    /// Serialises <paramref name="value"/>; with <paramref name="encryptString"/>, every string is written encrypted
    /// (in the form it had: literal or hexadecimal) as ISO 32000-1 §7.6.2 requires inside an encrypted document.
    /// </summary>
    public static void Write(PdfObject value, List<byte> output, Func<byte[], byte[]>? encryptString = null)
    {
        switch (value)
        {
            case PdfNull:
                Ascii(output, "null");
                break;
            case PdfBoolean b:
                Ascii(output, b.Value ? "true" : "false");
                break;
            case PdfNumber n:
                Ascii(output, n.Text);
                break;
            case PdfName name:
                WriteName(name.Value, output);
                break;
            case PdfString s:
                WriteString(encryptString is null ? s : new PdfString(encryptString(s.Bytes), s.IsHex), output);
                break;
            case PdfReference r:
                Ascii(output, r.ToString());
                break;
            case PdfArray array:
                output.Add((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Add((byte)' ');
                    }

                    Write(array[i], output, encryptString);
                }

                output.Add((byte)']');
                break;
            case PdfDictionary dictionary:
                Ascii(output, "<<");
                foreach (var (key, item) in dictionary.Entries)
                {
                    WriteName(key, output);
                    output.Add((byte)' ');
                    Write(item, output, encryptString);
                    output.Add((byte)' ');
                }

                Ascii(output, ">>");
                break;
            case PdfStream:
                throw new InvalidOperationException("a stream is written as an indirect object");
            default:
                throw new InvalidOperationException("unknown PDF object");
        }
    }

    public static byte[] ToBytes(PdfObject value, Func<byte[], byte[]>? encryptString = null)
    {
        var output = new List<byte>();
        Write(value, output, encryptString);
        return [.. output];
    }

    public static void Ascii(List<byte> output, string text)
    {
        foreach (var c in text)
        {
            output.Add((byte)c);
        }
    }

    private static void WriteName(string name, List<byte> output)
    {
        output.Add((byte)'/');
        foreach (var b in Encoding.Latin1.GetBytes(name))
        {
            // §7.3.5: delimiters, whitespace and bytes outside 0x21-0x7E are written as #xx.
            if (b < 0x21 || b > 0x7E || b == '#' || PdfParser.IsDelimiter(b))
            {
                Ascii(output, "#" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                output.Add(b);
            }
        }
    }

    private static void WriteString(PdfString s, List<byte> output)
    {
        if (s.IsHex)
        {
            output.Add((byte)'<');
            Ascii(output, Convert.ToHexString(s.Bytes));
            output.Add((byte)'>');
            return;
        }

        output.Add((byte)'(');
        foreach (var b in s.Bytes)
        {
            switch (b)
            {
                case (byte)'(' or (byte)')' or (byte)'\\':
                    output.Add((byte)'\\');
                    output.Add(b);
                    break;
                case 13:
                    Ascii(output, "\\r");
                    break;
                case 10:
                    Ascii(output, "\\n");
                    break;
                default:
                    output.Add(b);
                    break;
            }
        }

        output.Add((byte)')');
    }
}
