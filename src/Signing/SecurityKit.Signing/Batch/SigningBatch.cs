using System.Text.Json;
using SecurityKit.Signing.Pades;

namespace SecurityKit.Signing.Batch;

/// <summary>One document of a batch.</summary>
/// <param name="Id">Identifier, unique in the batch; names the output (<c>&lt;id&gt;.pdf</c> or <c>&lt;id&gt;.p7s</c>).</param>
/// <param name="Path">Absolute path of the document to sign.</param>
/// <param name="Kind">Kind (report, opinion, minutes…) matched against the policy.</param>
public sealed record BatchDocument(string Id, string Path, string Kind);

/// <summary>One signatory of a batch, in signing order.</summary>
/// <param name="Id">Identifier, unique in the batch.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">Role matched against the policy.</param>
/// <param name="Pfx">Absolute path of the PKCS#12 file with the signatory's key (the CLI's software keys), or null.</param>
/// <param name="Password">Password of the PKCS#12 file, or null; never stored in the job store.</param>
public sealed record BatchSignatory(string Id, string Name, string Role, string? Pfx = null, string? Password = null)
{
    /// <summary>The device the signatory signs with (<c>device</c> in the manifest); a software key by default.</summary>
    public BatchDeviceKind Device { get; init; } = BatchDeviceKind.SoftwareKey;

    /// <summary>The signatory's key in a PKCS#11 token or card (<c>pkcs11</c> in the manifest), or null.</summary>
    public BatchPkcs11Key? Pkcs11 { get; init; }

    /// <summary>How often the signatory's device must be activated: per signature for the eID card.</summary>
    public BatchActivation Activation => Device == BatchDeviceKind.EidCard ? BatchActivation.PerSignature : BatchActivation.PerSession;
}

/// <summary>
/// A signing batch as described by the manifest of CONTRACTS.md "Batch signing": documents, ordered signatories,
/// a policy role → document kinds (<c>*</c> = all), level, TSA, output folder and job store.
/// </summary>
public sealed class SigningBatch
{
    /// <summary>The documents, in manifest order.</summary>
    public required IReadOnlyList<BatchDocument> Documents { get; init; }

    /// <summary>The signatories, in signing order.</summary>
    public required IReadOnlyList<BatchSignatory> Signatories { get; init; }

    /// <summary>Role → kinds that role signs; <c>*</c> stands for every kind.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Policy { get; init; }

    /// <summary>Baseline level name: B-B, B-T, B-LT or B-LTA.</summary>
    public string Level { get; init; } = "B-B";

    /// <summary>RFC 3161 TSA (needed from B-T on).</summary>
    public Uri? TimestampAuthority { get; init; }

    /// <summary>Absolute output folder.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Absolute path of the SQLite job store (the CLI's; a server passes its own store).</summary>
    public string StorePath { get; init; } = string.Empty;

    /// <summary>
    /// Role → where that role's visible signature goes on PDF documents (<c>appearance</c> in the manifest); roles not
    /// listed sign invisibly.
    /// </summary>
    public IReadOnlyDictionary<string, PadesVisibleSignature> Appearances { get; init; } = new Dictionary<string, PadesVisibleSignature>(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="signatory"/> must sign <paramref name="document"/> under the policy.</summary>
    /// <param name="signatory">The signatory.</param>
    /// <param name="document">The document.</param>
    /// <returns>True when the signatory's role lists the document's kind or <c>*</c>.</returns>
    public bool IsDue(BatchSignatory signatory, BatchDocument document)
    {
        ArgumentNullException.ThrowIfNull(signatory);
        ArgumentNullException.ThrowIfNull(document);
        return Policy.TryGetValue(signatory.Role, out var kinds) && kinds.Any(k => k == "*" || k == document.Kind);
    }

    /// <summary>The signatories due on <paramref name="document"/>, in signing order.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The due signatories.</returns>
    public IReadOnlyList<BatchSignatory> DueSignatories(BatchDocument document) => Signatories.Where(s => IsDue(s, document)).ToList();

    /// <summary>
    /// Reads and checks a manifest; relative paths are relative to the manifest's folder. Unknown roles, duplicate
    /// identifiers and documents that no signatory signs under the policy are errors; a missing document file is not
    /// (that document fails alone when the batch runs).
    /// </summary>
    /// <param name="manifestPath">Path of the manifest JSON.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="SecurityKitException">The manifest is unreadable or inconsistent.</exception>
    public static SigningBatch Load(string manifestPath)
    {
        ArgumentNullException.ThrowIfNull(manifestPath);
        var full = System.IO.Path.GetFullPath(manifestPath);
        if (!File.Exists(full))
        {
            throw new SecurityKitException("the manifest does not exist", "--manifest");
        }

        return Parse(File.ReadAllBytes(full), System.IO.Path.GetDirectoryName(full)!);
    }

    /// <summary>
    /// Reads and checks a manifest (or a definition written by <see cref="ToDefinitionJson"/>); relative paths are
    /// relative to <paramref name="baseFolder"/>.
    /// </summary>
    /// <param name="json">The manifest JSON (UTF-8).</param>
    /// <param name="baseFolder">Folder that relative paths start from.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="SecurityKitException">The manifest is unreadable or inconsistent.</exception>
    public static SigningBatch Parse(ReadOnlySpan<byte> json, string baseFolder)
    {
        ArgumentNullException.ThrowIfNull(baseFolder);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new SecurityKitException($"the manifest is not JSON ({e.Message})", "manifest");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SecurityKitException("the manifest is not a JSON object", "manifest");
            }

            string Resolve(string path) => System.IO.Path.GetFullPath(System.IO.Path.Combine(baseFolder, path));

            var documents = new List<BatchDocument>();
            foreach (var (d, i) in Array(root, "documents").Select((d, i) => (d, i)))
            {
                var where = $"documents[{i}]";
                documents.Add(new BatchDocument(Text(d, "id", where), Resolve(Text(d, "path", where)), Text(d, "kind", where)));
            }

            var signatories = new List<BatchSignatory>();
            foreach (var (s, i) in Array(root, "signatories").Select((s, i) => (s, i)))
            {
                var where = $"signatories[{i}]";
                var device = Optional(s, "device") is { } deviceName
                    ? Enum.TryParse<BatchDeviceKind>(deviceName.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var kind) && !int.TryParse(deviceName, out _)
                        ? kind
                        : throw new SecurityKitException("unknown device (software-key, pkcs11-token, remote-service, eid-card or external)", $"{where}.device")
                    : BatchDeviceKind.SoftwareKey;
                var pfx = Optional(s, "pfx");
                BatchPkcs11Key? pkcs11 = null;
                if (s.TryGetProperty("pkcs11", out var token))
                {
                    if (token.ValueKind != JsonValueKind.Object)
                    {
                        throw new SecurityKitException("pkcs11 is not an object with module, token, key and certificate", $"{where}.pkcs11");
                    }

                    pkcs11 = new BatchPkcs11Key(Resolve(Text(token, "module", $"{where}.pkcs11")), Text(token, "token", $"{where}.pkcs11"), Text(token, "key", $"{where}.pkcs11"), Resolve(Text(token, "certificate", $"{where}.pkcs11")));
                }

                signatories.Add(new BatchSignatory(Text(s, "id", where), Text(s, "name", where), Text(s, "role", where), pfx is null ? null : Resolve(pfx), Optional(s, "password"))
                {
                    Device = device,
                    Pkcs11 = pkcs11,
                });
            }

            if (!root.TryGetProperty("policy", out var policyElement) || policyElement.ValueKind != JsonValueKind.Object)
            {
                throw new SecurityKitException("the policy is missing or not an object", "policy");
            }

            var policy = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var role in policyElement.EnumerateObject())
            {
                if (role.Value.ValueKind != JsonValueKind.Array || role.Value.EnumerateArray().Any(k => k.ValueKind != JsonValueKind.String))
                {
                    throw new SecurityKitException("a policy entry is not a list of kinds", $"policy.{role.Name}");
                }

                policy[role.Name] = role.Value.EnumerateArray().Select(k => k.GetString()!).ToList();
            }

            var appearances = new Dictionary<string, PadesVisibleSignature>(StringComparer.Ordinal);
            if (root.TryGetProperty("appearance", out var appearanceElement))
            {
                if (appearanceElement.ValueKind != JsonValueKind.Object)
                {
                    throw new SecurityKitException("appearance is not an object (role → page, x, y, width, height)", "appearance");
                }

                foreach (var role in appearanceElement.EnumerateObject())
                {
                    appearances[role.Name] = Appearance(role.Value, $"appearance.{role.Name}");
                }
            }

            Uri? tsa = null;
            if (root.TryGetProperty("tsa", out var tsaElement) && tsaElement.ValueKind == JsonValueKind.String && tsaElement.GetString() is { Length: > 0 } tsaText
                && (!Uri.TryCreate(tsaText, UriKind.Absolute, out tsa) || tsa.Scheme is not ("http" or "https")))
            {
                throw new SecurityKitException("the TSA is not an http(s) URL", "tsa");
            }

            var level = root.TryGetProperty("level", out var levelElement) && levelElement.ValueKind == JsonValueKind.String ? levelElement.GetString()! : "B-B";
            var batch = new SigningBatch
            {
                Documents = documents,
                Signatories = signatories,
                Policy = policy,
                Appearances = appearances,
                Level = level,
                TimestampAuthority = tsa,
                OutputFolder = Resolve(Optional(root, "out") ?? "signed"),
                StorePath = Resolve(Optional(root, "store") ?? "batch.db"),
            };
            batch.Check();
            return batch;
        }
    }

    /// <summary>
    /// The batch as manifest JSON with absolute paths and without passwords: what a job store keeps as the batch's
    /// definition (<see cref="Parse"/> reads it back).
    /// </summary>
    /// <returns>UTF-8 JSON.</returns>
    public string ToDefinitionJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("documents");
            foreach (var d in Documents)
            {
                json.WriteStartObject();
                json.WriteString("id", d.Id);
                json.WriteString("path", d.Path);
                json.WriteString("kind", d.Kind);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("signatories");
            foreach (var s in Signatories)
            {
                json.WriteStartObject();
                json.WriteString("id", s.Id);
                json.WriteString("name", s.Name);
                json.WriteString("role", s.Role);
                json.WriteString("device", s.Device.ToString());
                if (s.Pfx is not null)
                {
                    json.WriteString("pfx", s.Pfx);
                }

                if (s.Pkcs11 is { } pkcs11)
                {
                    json.WriteStartObject("pkcs11");
                    json.WriteString("module", pkcs11.Module);
                    json.WriteString("token", pkcs11.Token);
                    json.WriteString("key", pkcs11.Key);
                    json.WriteString("certificate", pkcs11.Certificate);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("policy");
            foreach (var (role, kinds) in Policy)
            {
                json.WriteStartArray(role);
                foreach (var kind in kinds)
                {
                    json.WriteStringValue(kind);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteStartObject("appearance");
            foreach (var (role, a) in Appearances)
            {
                json.WriteStartObject(role);
                json.WriteNumber("page", a.Page);
                json.WriteNumber("x", a.X);
                json.WriteNumber("y", a.Y);
                json.WriteNumber("width", a.Width);
                json.WriteNumber("height", a.Height);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteString("level", Level);
            if (TimestampAuthority is not null)
            {
                json.WriteString("tsa", TimestampAuthority.AbsoluteUri);
            }

            json.WriteString("out", OutputFolder);
            if (StorePath.Length > 0)
            {
                json.WriteString("store", StorePath);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Checks the batch's consistency (see <see cref="Load"/>).</summary>
    /// <exception cref="SecurityKitException">The batch is inconsistent.</exception>
    public void Check()
    {
        if (Level is not ("B-B" or "B-T" or "B-LT" or "B-LTA"))
        {
            throw new SecurityKitException("unknown level (B-B, B-T, B-LT or B-LTA)", "level");
        }

        if (Level != "B-B" && TimestampAuthority is null)
        {
            throw new SecurityKitException($"level {Level} needs a TSA", "tsa");
        }

        if (Signatories.Count == 0)
        {
            throw new SecurityKitException("the batch has no signatory", "signatories");
        }

        CheckUnique(Documents.Select(d => d.Id), "documents");
        CheckUnique(Signatories.Select(s => s.Id), "signatories");
        foreach (var document in Documents)
        {
            if (document.Id.Length == 0 || document.Id.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0 || document.Id.StartsWith('.'))
            {
                throw new SecurityKitException("a document id is empty or not usable as a file name", "documents");
            }
        }

        foreach (var signatory in Signatories)
        {
            if (!Policy.ContainsKey(signatory.Role))
            {
                throw new SecurityKitException($"signatory {signatory.Id} has a role the policy does not know", $"signatories.{signatory.Id}.role");
            }
        }

        foreach (var role in Policy.Keys)
        {
            if (!Signatories.Any(s => s.Role == role))
            {
                throw new SecurityKitException($"the policy names role {role} that no signatory has", $"policy.{role}");
            }
        }

        foreach (var role in Appearances.Keys)
        {
            if (!Policy.ContainsKey(role))
            {
                throw new SecurityKitException($"the appearance names role {role} that the policy does not know", $"appearance.{role}");
            }
        }

        foreach (var document in Documents)
        {
            if (DueSignatories(document).Count == 0)
            {
                throw new SecurityKitException($"no signatory signs document {document.Id} (kind {document.Kind}) under the policy", $"documents.{document.Id}");
            }
        }
    }

    private static void CheckUnique(IEnumerable<string> ids, string where)
    {
        var duplicate = ids.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SecurityKitException($"duplicate id {duplicate.Key}", where);
        }
    }

    private static List<JsonElement> Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().ToList()
            : throw new SecurityKitException($"{name} is missing or not a list", name);

    private static string Text(JsonElement element, string name, string where) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new SecurityKitException($"{name} is missing or not a string", $"{where}.{name}");

    private static PadesVisibleSignature Appearance(JsonElement element, string where)
    {
        double Number(string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) && number >= 0
                ? number
                : throw new SecurityKitException($"{name} is missing or not a non-negative number", $"{where}.{name}");

        var page = Number("page");
        if (page < 1 || page != Math.Floor(page))
        {
            throw new SecurityKitException("page is not a page number from 1", $"{where}.page");
        }

        var appearance = new PadesVisibleSignature((int)page, Number("x"), Number("y"), Number("width"), Number("height"));
        return appearance.Width > 0 && appearance.Height > 0
            ? appearance
            : throw new SecurityKitException("the appearance has no area", where);
    }

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
