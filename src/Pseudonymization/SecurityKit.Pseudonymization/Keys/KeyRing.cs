using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecurityKit.Pseudonymization.Keys;

/// <summary>
/// Named pseudonymisation keys with versions, and which key version each domain uses. Stored as a versioned JSON key
/// file (see docs/pseudonymization.md) written with owner-only permissions (0600), or read from an environment
/// variable. Keys are zeroed when the ring is disposed and never appear in messages.
/// </summary>
public sealed class KeyRing : IDisposable
{
    /// <summary>The key name used when none is given.</summary>
    public const string DefaultKeyName = "default";

    /// <summary>The <c>format</c> value of a key file.</summary>
    public const string FileFormat = "securitykit-pseudonymization-keyring";

    /// <summary>The key-file format version this code writes and reads.</summary>
    public const int FileFormatVersion = 1;

    /// <summary>The environment variable read by <see cref="FromEnvironment"/> by default.</summary>
    public const string EnvironmentVariable = "SECURITYKIT_PSEUDONYMIZATION_KEYRING";

    private readonly List<PseudonymizationKey> keys = [];
    private readonly Dictionary<string, (string Key, int Version)> domains = new(StringComparer.Ordinal);

    /// <summary>The key versions, by name then version.</summary>
    public IReadOnlyList<PseudonymizationKey> Keys => keys.OrderBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.Version).ToList();

    /// <summary>Domains pinned to a key version.</summary>
    public IReadOnlyDictionary<string, (string Key, int Version)> Domains => domains;

    /// <summary>Creates a ring with one new random key (version 1).</summary>
    /// <param name="name">The key name.</param>
    /// <returns>The ring.</returns>
    public static KeyRing CreateNew(string name = DefaultKeyName)
    {
        var ring = new KeyRing();
        ring.keys.Add(PseudonymizationKey.Generate(name, 1));
        return ring;
    }

    /// <summary>Adds a key version (the ring takes ownership).</summary>
    /// <param name="key">The key version.</param>
    public void Add(PseudonymizationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (keys.Any(k => k.Name == key.Name && k.Version == key.Version))
        {
            throw new KeyRingException($"key {key.Name} already has a version {key.Version}", "key ring");
        }

        keys.Add(key);
    }

    /// <summary>Rotation: adds the next version of a key, with new random material.</summary>
    /// <param name="name">The key name.</param>
    /// <returns>The new version.</returns>
    public PseudonymizationKey Rotate(string name = DefaultKeyName)
    {
        var next = Latest(name).Version + 1;
        var key = PseudonymizationKey.Generate(name, next);
        keys.Add(key);
        return key;
    }

    /// <summary>Pins a domain to a key version.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="name">The key name.</param>
    /// <param name="version">The version.</param>
    public void Assign(string domain, string name, int version)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        _ = Get(name, version);
        domains[domain] = (name, version);
    }

    /// <summary>The latest version of a key.</summary>
    /// <param name="name">The key name.</param>
    /// <returns>The key.</returns>
    public PseudonymizationKey Latest(string name = DefaultKeyName) =>
        keys.Where(k => k.Name == name).MaxBy(k => k.Version)
        ?? throw new KeyRingException($"the key ring has no key named '{name}'", "key ring");

    /// <summary>A key version.</summary>
    /// <param name="name">The key name.</param>
    /// <param name="version">The version.</param>
    /// <returns>The key.</returns>
    public PseudonymizationKey Get(string name, int version) =>
        keys.FirstOrDefault(k => k.Name == name && k.Version == version)
        ?? throw new KeyRingException($"the key ring has no version {version} of key '{name}'", "key ring");

    /// <summary>The key a domain uses: its pinned version, else the latest version of <paramref name="name"/>.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="name">The key name when the domain is not pinned.</param>
    /// <returns>The key.</returns>
    public PseudonymizationKey ForDomain(string domain, string name = DefaultKeyName) =>
        domains.TryGetValue(domain, out var pin) ? Get(pin.Key, pin.Version) : Latest(name);

    /// <summary>Writes the key file: a temporary file with mode 0600 beside it, then moved into place.</summary>
    /// <param name="path">The key file.</param>
    /// <param name="overwrite">Replace an existing file.</param>
    public void Save(string path, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!overwrite && File.Exists(full))
        {
            throw new KeyRingException("the key file exists already; refusing to overwrite a key", path);
        }

        var json = new JsonObject
        {
            ["format"] = FileFormat,
            ["formatVersion"] = FileFormatVersion,
            ["keys"] = new JsonArray(Keys.Select(k => (JsonNode)new JsonObject
            {
                ["name"] = k.Name,
                ["version"] = k.Version,
                ["created"] = k.CreatedUtc.ToString("O", CultureInfo.InvariantCulture),
                ["material"] = Convert.ToBase64String(k.Material),
                ["check"] = k.CheckValue,
            }).ToArray()),
            ["domains"] = new JsonObject(domains.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d =>
                KeyValuePair.Create(d.Key, (JsonNode?)new JsonObject { ["key"] = d.Value.Key, ["version"] = d.Value.Version }))),
        };
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteTo(writer);
            }

            File.Move(temp, full, overwrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new KeyRingException($"the key file cannot be written: {e.Message}", path, e);
        }
    }

    /// <summary>Reads a key file.</summary>
    /// <param name="path">The key file.</param>
    /// <returns>The ring.</returns>
    public static KeyRing Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyRingException($"the key file cannot be read ({e.GetType().Name.Replace("Exception", string.Empty, StringComparison.Ordinal)})", path, e);
        }

        try
        {
            return Parse(bytes, path);
        }
        finally
        {
            Array.Clear(bytes);
        }
    }

    /// <summary>
    /// Reads a ring from an environment variable holding either a key file's JSON or a base64 32-byte key (taken as
    /// version 1 of key <c>default</c>).
    /// </summary>
    /// <param name="variable">The variable name.</param>
    /// <returns>The ring.</returns>
    public static KeyRing FromEnvironment(string variable = EnvironmentVariable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new KeyRingException("the environment variable is not set", $"environment {variable}");
        }

        if (value.TrimStart().StartsWith('{'))
        {
            return Parse(System.Text.Encoding.UTF8.GetBytes(value), $"environment {variable}");
        }

        var material = new byte[PseudonymizationKey.MaterialLength];
        try
        {
            if (!Convert.TryFromBase64String(value.Trim(), material, out var written) || written != material.Length)
            {
                throw new KeyRingException("the environment variable holds neither a key file nor a base64 256-bit key", $"environment {variable}");
            }

            var ring = new KeyRing();
            ring.keys.Add(new PseudonymizationKey(DefaultKeyName, 1, material, DateTimeOffset.UnixEpoch));
            return ring;
        }
        finally
        {
            Array.Clear(material);
        }
    }

    private static KeyRing Parse(byte[] bytes, string location)
    {
        var ring = new KeyRing();
        try
        {
            var root = JsonNode.Parse(bytes) as JsonObject ?? throw new KeyRingException("the key file is not a JSON object", location);
            if ((string?)root["format"] != FileFormat)
            {
                throw new KeyRingException($"not a SecurityKit key file (format is not '{FileFormat}')", location);
            }

            var formatVersion = (int?)root["formatVersion"];
            if (formatVersion != FileFormatVersion)
            {
                throw new KeyRingException($"unsupported key file format version {formatVersion?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}; this version reads {FileFormatVersion}", location);
            }

            var entries = root["keys"] as JsonArray ?? throw new KeyRingException("the key file has no keys array", location);
            var index = 0;
            foreach (var entry in entries)
            {
                index++;
                var where = $"{location}, key {index}";
                var name = (string?)entry?["name"] ?? throw new KeyRingException("a key has no name", where);
                var version = (int?)entry?["version"] ?? throw new KeyRingException("a key has no version", where);
                var created = DateTimeOffset.TryParse((string?)entry?["created"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var c) ? c : DateTimeOffset.UnixEpoch;
                var material = new byte[PseudonymizationKey.MaterialLength];
                try
                {
                    if (!Convert.TryFromBase64String((string?)entry?["material"] ?? string.Empty, material, out var written) || written != material.Length)
                    {
                        throw new KeyRingException("key material is missing or not 32 bytes of base64", where);
                    }

                    var key = new PseudonymizationKey(name, version, material, created);
                    if ((string?)entry?["check"] is { } check && !string.Equals(check, key.CheckValue, StringComparison.OrdinalIgnoreCase))
                    {
                        key.Dispose();
                        throw new KeyRingException("key material does not match its check value (corrupted key file)", where);
                    }

                    ring.Add(key);
                }
                finally
                {
                    Array.Clear(material);
                }
            }

            if (ring.keys.Count == 0)
            {
                throw new KeyRingException("the key file holds no key", location);
            }

            if (root["domains"] is JsonObject pins)
            {
                foreach (var (domain, pin) in pins)
                {
                    ring.Assign(domain, (string?)pin?["key"] ?? DefaultKeyName, (int?)pin?["version"] ?? 1);
                }
            }

            return ring;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            ring.Dispose();
            throw new KeyRingException("the key file is not valid JSON of the expected shape", location, e);
        }
        catch
        {
            ring.Dispose();
            throw;
        }
    }

    /// <summary>Zeroes every key.</summary>
    public void Dispose()
    {
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }
}
