namespace SecurityKit.Crypto.Inventory;

/// <summary>
/// Scans files and folders for cryptography: certificates (PEM, DER, PFX), CMS/CAdES signatures, signed PDFs, TLS
/// configuration files (OpenSSL, nginx, Apache) and .NET assemblies' use of crypto APIs. The result is written as a
/// CycloneDX 1.6 CBOM by <see cref="CycloneDxWriter"/> and as a readable table by <see cref="InventorySummary"/>.
/// Files are recognised by content (PDF header, PE header, PEM armour, DER) and, for configuration, by name.
/// </summary>
public static class CryptoInventory
{
    /// <summary>Scans <paramref name="paths"/> (files or folders, recursively).</summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="options">Passwords for PFX files and size limits.</param>
    /// <returns>The report.</returns>
    /// <exception cref="SecurityKitException">A path does not exist.</exception>
    public static InventoryReport Scan(IEnumerable<string> paths, InventoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new InventoryOptions();
        var builder = new InventoryBuilder(new InventoryReport());
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = System.IO.FileAttributes.ReparsePoint })
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    ScanFile(file, options, builder);
                }
            }
            else if (File.Exists(path))
            {
                ScanFile(path, options, builder);
            }
            else
            {
                throw new SecurityKitException("no such file or folder", path);
            }
        }

        return builder.Report;
    }

    private static void ScanFile(string path, InventoryOptions options, InventoryBuilder builder)
    {
        var info = new FileInfo(path);
        if (info.Length == 0)
        {
            return;
        }

        if (info.Length > options.MaxFileSize)
        {
            builder.Skip(path, $"larger than {options.MaxFileSize} bytes");
            return;
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            builder.Skip(path, "cannot be read: " + exception.GetType().Name);
            return;
        }

        builder.Report.FilesScanned++;
        var extension = Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        try
        {
            if (content.AsSpan().StartsWith("%PDF-"u8))
            {
                PdfSignatureScanner.Scan(path, content, builder);
            }
            else if (content.AsSpan().StartsWith("MZ"u8))
            {
                AssemblyScanner.Scan(path, content, builder);
            }
            else if (content.AsSpan().IndexOf("-----BEGIN "u8) >= 0)
            {
                CertificateScanner.ScanPem(path, content, builder);
            }
            else if (extension is "pfx" or "p12")
            {
                CertificateScanner.ScanPfx(path, content, options, builder);
            }
            else if (content[0] == 0x30)
            {
                CertificateScanner.ScanDer(path, content, extension, options, builder);
            }
            else if (TlsConfigScanner.LooksLikeConfig(path))
            {
                TlsConfigScanner.Scan(path, content, builder);
            }
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or System.Formats.Asn1.AsnContentException or BadImageFormatException or InvalidOperationException or FormatException or ArgumentException)
        {
            // One damaged file must not stop an inventory of thousands: record it and go on.
            builder.Skip(path, $"unreadable {extension} file ({exception.GetType().Name})");
        }
    }
}
