using System.Text;
using System.Text.RegularExpressions;

namespace SecurityKit.Crypto.Inventory;

/// <summary>
/// TLS settings in OpenSSL (<c>CipherString</c>, <c>Ciphersuites</c>, <c>MinProtocol</c>), nginx (<c>ssl_ciphers</c>,
/// <c>ssl_protocols</c>) and Apache (<c>SSLCipherSuite</c>, <c>SSLProtocol</c>) files. Best effort: explicit suite
/// names are split into their key exchange, authentication, cipher and MAC; keywords such as <c>HIGH</c> are
/// recorded as they are, since what they expand to depends on the OpenSSL build.
/// </summary>
internal static partial class TlsConfigScanner
{
    public static bool LooksLikeConfig(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        return name.EndsWith(".conf", StringComparison.Ordinal) || name.EndsWith(".cnf", StringComparison.Ordinal)
            || name.EndsWith(".cfg", StringComparison.Ordinal) || name is ".htaccess" or "nginx.conf" or "httpd.conf" or "ssl.conf";
    }

    public static void Scan(string path, byte[] content, InventoryBuilder builder)
    {
        var lines = Encoding.UTF8.GetString(content).Split('\n');
        var suites = new List<(string Name, int Line, string Directive)>();
        var versions = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#') || line.StartsWith(';'))
            {
                continue;
            }

            var match = Directive().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var directive = match.Groups[1].Value;
            var value = match.Groups[2].Value.Trim().Trim('"', '\'', ';').Trim();
            if (directive.Contains("rotocol", StringComparison.OrdinalIgnoreCase))
            {
                versions.AddRange(value.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries).Where(v => !v.StartsWith('-')).Select(v => v.TrimStart('+')));
            }
            else
            {
                // Apache allows a protocol prefix: SSLCipherSuite TLSv1.3 TLS_AES_256_GCM_SHA384
                var list = value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Last();
                suites.AddRange(list.Split([':', ','], StringSplitOptions.RemoveEmptyEntries)
                    .Where(s => s[0] is not ('!' or '-' or '+' or '@'))
                    .Select(s => (s, i + 1, directive)));
            }
        }

        if (suites.Count == 0 && versions.Count == 0)
        {
            return;
        }

        var protocol = new CryptoAsset($"crypto/protocol/tls/{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..16]}", CryptoAssetType.Protocol, "TLS")
        {
            ProtocolVersion = versions.Count > 0 ? string.Join(' ', versions.Distinct(StringComparer.Ordinal)) : null,
        };
        foreach (var (name, line, directive) in suites)
        {
            var occurrence = new AssetOccurrence(path, $"{directive} {name}", line);
            var refs = Components(name).Select(d => builder.Algorithm(d, occurrence).BomRef).Distinct(StringComparer.Ordinal).ToList();
            protocol.CipherSuites.Add((name, refs));
            protocol.Occurrences.Add(occurrence);
        }

        if (protocol.Occurrences.Count == 0)
        {
            protocol.Occurrences.Add(new AssetOccurrence(path, "protocol versions"));
        }

        builder.Report.Assets.Add(protocol);
    }

    /// <summary>The algorithms named by an OpenSSL or IANA cipher-suite name.</summary>
    internal static IEnumerable<AlgorithmDescriptor> Components(string suite)
    {
        var upper = suite.ToUpperInvariant().Replace("TLS_", string.Empty, StringComparison.Ordinal).Replace("_WITH_", "-", StringComparison.Ordinal).Replace('_', '-');
        var parts = upper.Split('-');
        bool Has(string p) => parts.Contains(p, StringComparer.Ordinal);
        string[] kx = ["keygen", "keyderive"];
        string[] ae = ["encrypt", "decrypt"];

        if (Has("ECDHE") || Has("EECDH"))
        {
            yield return new AlgorithmDescriptor("ECDHE", "key-agree", null, 128, 0, true, false, AlgorithmCatalog.KeyExchangeReplacement, kx);
        }
        else if (Has("DHE") || Has("EDH"))
        {
            yield return new AlgorithmDescriptor("DHE", "key-agree", null, 112, 0, true, false, AlgorithmCatalog.KeyExchangeReplacement, kx);
        }
        else if (parts.Length > 1 && (parts[0] is "AES128" or "AES256" or "DES" or "RC4" || (parts[0] == "RSA" && !Has("ECDSA"))))
        {
            yield return new AlgorithmDescriptor("RSA key transport", "pke", null, 112, 0, true, true, AlgorithmCatalog.KeyExchangeReplacement + " (and forward secrecy)", ae);
        }

        if (Has("ECDSA"))
        {
            yield return new AlgorithmDescriptor("ECDSA", "signature", null, 128, 0, true, false, AlgorithmCatalog.SignatureReplacement, ["sign", "verify"]);
        }
        else if (Has("RSA") && (Has("ECDHE") || Has("DHE") || Has("EECDH") || Has("EDH")))
        {
            yield return new AlgorithmDescriptor("RSA", "signature", null, 112, 0, true, false, AlgorithmCatalog.SignatureReplacement, ["sign", "verify"]);
        }

        var gcm = Has("GCM");
        if (upper.Contains("AES256", StringComparison.Ordinal) || (Has("AES") && Has("256")))
        {
            yield return AlgorithmCatalog.Symmetric(gcm ? "AES-256-GCM" : "AES-256-CBC", gcm ? "ae" : "block-cipher", "256", 256, 5, ae);
        }
        else if (upper.Contains("AES128", StringComparison.Ordinal) || (Has("AES") && Has("128")))
        {
            yield return AlgorithmCatalog.Symmetric(gcm ? "AES-128-GCM" : "AES-128-CBC", gcm ? "ae" : "block-cipher", "128", 128, 1, ae);
        }
        else if (Has("CHACHA20"))
        {
            yield return AlgorithmCatalog.Symmetric("ChaCha20-Poly1305", "ae", "256", 256, 5, ae);
        }
        else if (Has("DES") || Has("3DES") || Has("CBC3"))
        {
            yield return AlgorithmCatalog.Symmetric("3DES", "block-cipher", "168", 112, 0, ae, weak: true, replacement: "AES-256-GCM");
        }
        else if (Has("RC4"))
        {
            yield return AlgorithmCatalog.Symmetric("RC4", "stream-cipher", "128", 0, 0, ae, weak: true, replacement: "AES-256-GCM");
        }

        var last = parts[^1];
        if (last is "SHA384")
        {
            yield return AlgorithmCatalog.FromOid("2.16.840.1.101.3.4.2.2")!;
        }
        else if (last is "SHA256")
        {
            yield return AlgorithmCatalog.FromOid("2.16.840.1.101.3.4.2.1")!;
        }
        else if (last is "SHA")
        {
            yield return AlgorithmCatalog.FromOid("1.3.14.3.2.26")!;
        }
        else if (last is "MD5")
        {
            yield return AlgorithmCatalog.FromOid("1.2.840.113549.2.5")!;
        }
        else if (parts.Length == 1)
        {
            // A keyword such as HIGH or ECDHE+AESGCM: its expansion depends on the OpenSSL build.
            yield return new AlgorithmDescriptor($"cipher-string {suite}", "other", null, 0, 0, false, false, "list explicit TLS 1.3 suites and a hybrid ML-KEM group", ["other"]);
        }
    }

    [GeneratedRegex(@"^(ssl_ciphers|ssl_protocols|SSLCipherSuite|SSLProxyCipherSuite|SSLProtocol|CipherString|Ciphersuites|MinProtocol|MaxProtocol)\s*=?\s*(.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Directive();
}
