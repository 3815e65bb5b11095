using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SecurityKit.Signing.Pdf;

/// <summary>
/// Writes a signature (or document timestamp) into a PDF in two steps. <see cref="Prepare"/> copies the original bytes
/// unchanged (or leaves them in place) and appends an incremental update holding the signature dictionary with a zero-filled /Contents
/// placeholder and the final /ByteRange, and returns the digest of that byte range; the original is read once, hashed
/// while it is copied. <see cref="Embed"/> later writes the DER signature into the placeholder and changes no other
/// byte, so the digest given to the signer stays the digest of the final file (ISO 32000-1 §12.8.1).
/// </summary>
internal static class PdfSignatureWriter
{
    private const string ByteRangePlaceholder = "[0 0000000000 0000000000 0000000000]";

    public static PdfSignatureSlot Prepare(Stream input, Stream output, PdfSignatureRequest request, HashAlgorithmName digestAlgorithm, Action<PdfDocument, PdfIncrementalUpdate>? alsoWrite = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (!input.CanSeek)
        {
            throw new ArgumentException("the PDF input must be seekable", nameof(input));
        }

        input.Position = 0;
        // A damaged cross-reference is rebuilt (the update then carries a complete one), so the output never depends on it.
        var document = PdfDocument.Open(input, request.Password, repair: true);
        CheckPermissions(document, request);
        var update = new PdfIncrementalUpdate(document);
        var signatureReference = update.Allocate();
        var appearance = request.Appearance?.Invoke(document, update);
        // ISO 32000-1 §12.8.2.2: a certification signature is referred to from the catalog's /Perms /DocMDP.
        Action<PdfDictionary>? certify = request.CertificationPermission is null
            ? null
            : catalog =>
            {
                var perms = document.ResolveDictionary(catalog["Perms"])?.Copy() ?? new PdfDictionary();
                perms["DocMDP"] = signatureReference;
                catalog["Perms"] = perms;
            };
        PdfSignatureFieldPlacement.Place(document, update, signatureReference, request.FieldName, request.PageIndex, request.Rectangle, appearance, certify);
        alsoWrite?.Invoke(document, update);
        update.SetRaw(signatureReference, SignatureDictionary(request, update.StringEncryptor(signatureReference)));
        var bytes = update.Build(out var offsets);

        var baseLength = document.Length;
        var objectStart = (int)(offsets[signatureReference.Number] - baseLength);
        var byteRangeAt = IndexOf(bytes, Encoding.ASCII.GetBytes("/ByteRange " + ByteRangePlaceholder), objectStart) + "/ByteRange ".Length;
        var contentsAt = IndexOf(bytes, "/Contents <"u8.ToArray(), objectStart) + "/Contents ".Length;
        var contentsLength = (2 * request.ContentsCapacity) + 2;
        var total = baseLength + bytes.Length;
        var contentsStart = baseLength + contentsAt;
        var contentsEnd = contentsStart + contentsLength;
        long[] byteRange = [0, contentsStart, contentsEnd, total - contentsEnd];
        var rangeText = $"[0 {byteRange[1]} {byteRange[2]} {byteRange[3]}".PadRight(ByteRangePlaceholder.Length - 1) + "]";
        if (rangeText.Length != ByteRangePlaceholder.Length)
        {
            throw new PdfFormatException("the file is too large for a 10-digit byte range", "/ByteRange");
        }

        Encoding.ASCII.GetBytes(rangeText).CopyTo(bytes, byteRangeAt);

        // One pass over the original: copy and hash together (or only hash when the update is appended in place);
        // then the update without the /Contents string.
        var inPlace = ReferenceEquals(input, output);
        using var hash = IncrementalHash.CreateHash(digestAlgorithm);
        input.Position = 0;
        var buffer = new byte[128 * 1024];
        long copied = 0;
        int n;
        while (copied < baseLength && (n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, baseLength - copied))) > 0)
        {
            hash.AppendData(buffer, 0, n);
            if (!inPlace)
            {
                output.Write(buffer, 0, n);
            }

            copied += n;
        }

        if (copied != baseLength)
        {
            throw new PdfFormatException("the input changed while it was being signed", "input");
        }

        if (inPlace)
        {
            output.Position = baseLength;
        }

        hash.AppendData(bytes, 0, contentsAt);
        hash.AppendData(bytes, contentsAt + contentsLength, bytes.Length - contentsAt - contentsLength);
        output.Write(bytes);
        output.Flush();
        return new PdfSignatureSlot(byteRange, request.ContentsCapacity, hash.GetHashAndReset(), digestAlgorithm);
    }

    /// <summary>Writes <paramref name="signature"/> (DER) into the prepared file's /Contents placeholder.</summary>
    public static void Embed(Stream prepared, PdfSignatureSlot slot, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(slot);
        if (signature.Length > slot.ContentsCapacity)
        {
            throw new PdfFormatException(
                $"the signature ({signature.Length} bytes) does not fit the space reserved for it ({slot.ContentsCapacity} bytes)", "/Contents");
        }

        if (prepared.Length != slot.FileLength)
        {
            throw new PdfFormatException("the prepared PDF does not have the length it was prepared with", "prepared PDF");
        }

        // Check that the placeholder is still where it was left: '<', zeros, '>'.
        var check = new byte[2];
        prepared.Position = slot.ContentsOffset;
        prepared.ReadExactly(check, 0, 2);
        var closing = new byte[1];
        prepared.Position = slot.ByteRange[2] - 1;
        prepared.ReadExactly(closing);
        if (check[0] != '<' || check[1] != '0' || closing[0] != '>')
        {
            throw new PdfFormatException("the prepared PDF has no empty /Contents placeholder at the prepared offset", PdfDocument.Offset(slot.ContentsOffset));
        }

        var hex = Encoding.ASCII.GetBytes(Convert.ToHexString(signature));
        prepared.Position = slot.ContentsOffset + 1;
        prepared.Write(hex);
        prepared.Flush();
    }

    // ISO 32000-1 §12.8.2.2.1: only the first signature may certify; a document certified with P=1 takes no other
    // signature (document timestamps and the DSS are not changes, ISO 32000-2 §12.8.2.2.2).
    private static void CheckPermissions(PdfDocument document, PdfSignatureRequest request)
    {
        var existing = PdfSignatureInspector.Find(document);
        if (request.CertificationPermission is { } p)
        {
            if (p is < 1 or > 3)
            {
                throw new PdfFormatException($"DocMDP permission {p} is not 1, 2 or 3", "certification");
            }

            if (existing.Count > 0)
            {
                throw new PdfFormatException("only the first signature of a document can certify it (it is already signed)", "certification");
            }
        }

        CheckEncryptionPermissions(document, request);
        if (request.Type == "Sig" && PdfDocMdp.CertificationLevel(document, existing) == 1)
        {
            throw new PdfFormatException("the document is certified with DocMDP P=1 (no changes): another signature would break the certification", "catalog /Perms /DocMDP");
        }
    }

    // ISO 32000-1 §7.6.3.2 table 22: opened with the user password, a document's /P decides. Filling an existing
    // signature field needs bit 9 (or bit 6); creating a field needs bits 6 and 4. The owner password allows all.
    private static void CheckEncryptionPermissions(PdfDocument document, PdfSignatureRequest request)
    {
        if (document.Security is not { AuthenticatedAsOwner: false } security)
        {
            return;
        }

        var p = security.Permissions;
        bool Bit(int n) => (p & (1L << (n - 1))) != 0;
        var fillsExistingField = request.FieldName is { } name
            && document.ResolveDictionary(document.Catalog["AcroForm"]) is { } acroForm
            && document.Resolve(acroForm["Fields"]) is PdfArray fields
            && PdfSignatureFieldPlacement.AllFields(document, fields).Any(f => f.Name == name);
        var allowed = fillsExistingField ? Bit(9) || Bit(6) : Bit(6) && Bit(4);
        if (!allowed)
        {
            throw new PdfFormatException(
                fillsExistingField
                    ? "the encrypted PDF's permissions (/P) do not allow filling in form fields with the user password: give the owner password"
                    : "the encrypted PDF's permissions (/P) do not allow adding a signature field with the user password: give the owner password",
                "trailer /Encrypt /P");
        }
    }

    public static string PdfDate(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return "D:" + utc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+00'00'";
    }

    // In an encrypted document the dictionary's strings (/M, /Name, /Reason…) are encrypted with the object's key but the
    // /Contents placeholder is not: the signature value is never encrypted (ISO 32000-1 §7.6.1, ISO 32000-2 §7.6.2).
    private static byte[] SignatureDictionary(PdfSignatureRequest request, Func<byte[], byte[]>? encryptString)
    {
        var head = new PdfDictionary
        {
            ["Type"] = new PdfName(request.Type),
            ["Filter"] = new PdfName("Adobe.PPKLite"),
            ["SubFilter"] = new PdfName(request.SubFilter),
        };
        if (request.SigningTime is { } time)
        {
            head["M"] = new PdfString(Encoding.ASCII.GetBytes(PdfDate(time)), hex: false);
        }

        void Text(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                head[key] = new PdfString(PdfSignatureFieldPlacement.TextString(value), hex: false);
            }
        }

        Text("Name", request.Name);
        Text("Reason", request.Reason);
        Text("Location", request.Location);
        Text("ContactInfo", request.ContactInfo);
        if (request.CertificationPermission is { } permission)
        {
            // ISO 32000-1 §12.8.1 table 252 /Reference, table 253 signature reference, table 254 DocMDP parameters.
            head["Reference"] = new PdfArray(
            [
                new PdfDictionary
                {
                    ["Type"] = new PdfName("SigRef"),
                    ["TransformMethod"] = new PdfName("DocMDP"),
                    ["TransformParams"] = new PdfDictionary
                    {
                        ["Type"] = new PdfName("TransformParams"),
                        ["P"] = new PdfNumber(permission),
                        ["V"] = new PdfName("1.2"),
                    },
                },
            ]);
        }

        var body = new List<byte>(PdfObjectWriter.ToBytes(head, encryptString));
        body.RemoveRange(body.Count - 2, 2); // reopen the dictionary to append the two placeholders
        PdfObjectWriter.Ascii(body, "/ByteRange " + ByteRangePlaceholder + " /Contents <");
        body.AddRange(Enumerable.Repeat((byte)'0', 2 * request.ContentsCapacity));
        PdfObjectWriter.Ascii(body, ">>>");
        return [.. body];
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        var index = haystack.AsSpan(from).IndexOf(needle);
        return index < 0 ? throw new InvalidOperationException("placeholder not found") : from + index;
    }
}
