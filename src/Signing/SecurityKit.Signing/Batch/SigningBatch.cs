using System.Text.Json;

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
/// <param name="Pfx">Absolute path of the PKCS#12 file with the signatory's key.</param>
/// <param name="Password">Password of the PKCS#12 file.</param>
public sealed record BatchSignatory(string Id, string Name, string Role, string Pfx, string Password);

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

    /// <summary>Absolute path of the SQLite job store.</summary>
    public required string StorePath { get; init; }

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

        var folder = System.IO.Path.GetDirectoryName(full)!;
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(File.ReadAllBytes(full));
        }
        catch (JsonException e)
        {
            throw new SecurityKitException($"the manifest is not JSON ({e.Message})", "manifest");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SecurityKitException("the manifest is not a JSON object", "manifest");
            }

            string Resolve(string path) => System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, path));

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
                signatories.Add(new BatchSignatory(Text(s, "id", where), Text(s, "name", where), Text(s, "role", where), Resolve(Text(s, "pfx", where)), Text(s, "password", where)));
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
                Level = level,
                TimestampAuthority = tsa,
                OutputFolder = Resolve(Optional(root, "out") ?? "signed"),
                StorePath = Resolve(Optional(root, "store") ?? "batch.db"),
            };
            batch.Check();
            return batch;
        }
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

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
