using System.Globalization;
using System.Text.Json;

namespace SecurityKit.Crypto.Inventory;

/// <summary>
/// Writes an <see cref="InventoryReport"/> as a CycloneDX 1.6 JSON BOM (ECMA-424 1st edition) whose components are
/// <c>cryptographic-asset</c>s with <c>cryptoProperties</c> (CycloneDX 1.6 §"Cryptography Bill of Materials").
/// Where an asset was found is recorded in <c>evidence.occurrences</c>.
/// </summary>
public static class CycloneDxWriter
{
    /// <summary>Writes the BOM to <paramref name="output"/>.</summary>
    /// <param name="report">The inventory.</param>
    /// <param name="output">The stream to write to (left open).</param>
    /// <param name="timestamp">The BOM's creation time (now if null).</param>
    public static void Write(InventoryReport report, Stream output, DateTimeOffset? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
        json.WriteString("bomFormat", "CycloneDX");
        json.WriteString("specVersion", "1.6");
        json.WriteString("serialNumber", "urn:uuid:" + Guid.NewGuid().ToString("D"));
        json.WriteNumber("version", 1);
        json.WriteStartObject("metadata");
        json.WriteString("timestamp", (timestamp ?? DateTimeOffset.UtcNow).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteStartObject("tools");
        json.WriteStartArray("components");
        json.WriteStartObject();
        json.WriteString("type", "application");
        json.WriteString("name", "securitykit");
        json.WriteString("version", typeof(CycloneDxWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("components");
        foreach (var asset in report.Assets)
        {
            WriteComponent(json, asset);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter json, CryptoAsset asset)
    {
        json.WriteStartObject();
        json.WriteString("type", "cryptographic-asset");
        json.WriteString("bom-ref", asset.BomRef);
        json.WriteString("name", asset.Name);
        json.WriteStartObject("cryptoProperties");
        json.WriteString("assetType", asset.Type switch
        {
            CryptoAssetType.Algorithm => "algorithm",
            CryptoAssetType.Certificate => "certificate",
            CryptoAssetType.Protocol => "protocol",
            _ => "related-crypto-material",
        });
        switch (asset.Type)
        {
            case CryptoAssetType.Algorithm:
                json.WriteStartObject("algorithmProperties");
                WriteIfNotNull(json, "primitive", asset.Primitive);
                WriteIfNotNull(json, "parameterSetIdentifier", asset.ParameterSetIdentifier);
                WriteIfNotNull(json, "curve", asset.Curve);
                json.WriteString("executionEnvironment", "software-plain-ram");
                if (asset.CryptoFunctions.Count > 0)
                {
                    json.WriteStartArray("cryptoFunctions");
                    foreach (var function in asset.CryptoFunctions)
                    {
                        json.WriteStringValue(function);
                    }

                    json.WriteEndArray();
                }

                if (asset.ClassicalSecurityLevel is { } classical)
                {
                    json.WriteNumber("classicalSecurityLevel", classical);
                }

                if (asset.NistQuantumSecurityLevel is { } quantum)
                {
                    json.WriteNumber("nistQuantumSecurityLevel", quantum);
                }

                json.WriteEndObject();
                break;
            case CryptoAssetType.Certificate:
                json.WriteStartObject("certificateProperties");
                WriteIfNotNull(json, "subjectName", asset.SubjectName);
                WriteIfNotNull(json, "issuerName", asset.IssuerName);
                if (asset.NotValidBefore is { } from)
                {
                    json.WriteString("notValidBefore", from.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                }

                if (asset.NotValidAfter is { } until)
                {
                    json.WriteString("notValidAfter", until.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                }

                WriteIfNotNull(json, "signatureAlgorithmRef", asset.SignatureAlgorithmRef);
                WriteIfNotNull(json, "subjectPublicKeyRef", asset.SubjectPublicKeyRef);
                json.WriteString("certificateFormat", "X.509");
                WriteIfNotNull(json, "certificateExtension", asset.CertificateExtension);
                json.WriteEndObject();
                break;
            case CryptoAssetType.Protocol:
                json.WriteStartObject("protocolProperties");
                json.WriteString("type", "tls");
                WriteIfNotNull(json, "version", asset.ProtocolVersion);
                json.WriteStartArray("cipherSuites");
                foreach (var (name, refs) in asset.CipherSuites)
                {
                    json.WriteStartObject();
                    json.WriteString("name", name);
                    json.WriteStartArray("algorithms");
                    foreach (var reference in refs)
                    {
                        json.WriteStringValue(reference);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                break;
            default:
                json.WriteStartObject("relatedCryptoMaterialProperties");
                WriteIfNotNull(json, "type", asset.MaterialType);
                WriteIfNotNull(json, "algorithmRef", asset.AlgorithmRef);
                if (asset.KeySize is { } size)
                {
                    json.WriteNumber("size", size);
                }

                json.WriteEndObject();
                break;
        }

        WriteIfNotNull(json, "oid", asset.Oid);
        json.WriteEndObject();

        if (asset.Occurrences.Count > 0)
        {
            json.WriteStartObject("evidence");
            json.WriteStartArray("occurrences");
            foreach (var occurrence in asset.Occurrences)
            {
                json.WriteStartObject();
                json.WriteString("location", occurrence.Location);
                if (occurrence.Line is { } line)
                {
                    json.WriteNumber("line", line);
                }

                json.WriteString("additionalContext", occurrence.Context);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        // Facts CycloneDX has no field for, as name/value properties (CycloneDX 1.6 "properties").
        if (asset.KeySize is null && asset.IsQuantumVulnerable is null && !asset.IsClassicallyWeak && asset.SuggestedReplacement is null)
        {
            json.WriteEndObject();
            return;
        }

        json.WriteStartArray("properties");
        if (asset.KeySize is { } keySize)
        {
            Property(json, "securitykit:key-size", keySize.ToString(CultureInfo.InvariantCulture));
        }

        if (asset.IsQuantumVulnerable is { } vulnerable)
        {
            Property(json, "securitykit:quantum-vulnerable", vulnerable ? "yes" : "no");
        }

        if (asset.IsClassicallyWeak)
        {
            Property(json, "securitykit:classically-weak", "yes");
        }

        if (asset.SuggestedReplacement is { } replacement)
        {
            Property(json, "securitykit:suggested-replacement", replacement);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Property(Utf8JsonWriter json, string name, string value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("value", value);
        json.WriteEndObject();
    }

    private static void WriteIfNotNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
