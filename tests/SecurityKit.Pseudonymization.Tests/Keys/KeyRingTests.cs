using System.Text.Json.Nodes;
using SecurityKit.Pseudonymization.Keys;
using SecurityKit.Testing;

namespace SecurityKit.Pseudonymization.Tests.Keys;

public sealed class KeyRingTests
{
    [Fact]
    public void A_saved_key_file_loads_back_with_the_same_keys()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "key");
        using var ring = KeyRing.CreateNew();
        ring.Rotate();
        ring.Assign("study-a", KeyRing.DefaultKeyName, 1);
        ring.Save(path);

        using var loaded = KeyRing.Load(path);

        Assert.Equal(ring.Keys.Select(k => (k.Name, k.Version, k.CheckValue)), loaded.Keys.Select(k => (k.Name, k.Version, k.CheckValue)));
        Assert.Equal(1, loaded.ForDomain("study-a").Version);
        Assert.Equal(2, loaded.ForDomain("study-b").Version);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Key_files_are_created_readable_by_the_owner_only()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "key");
        using var ring = KeyRing.CreateNew();
        ring.Save(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_corrupted_key_is_detected_by_its_check_value()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "key");
        using (var ring = KeyRing.CreateNew())
        {
            ring.Save(path);
        }

        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var material = Convert.FromBase64String((string)json["keys"]![0]!["material"]!);
        material[0] ^= 1;
        json["keys"]![0]!["material"] = Convert.ToBase64String(material);
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<KeyRingException>(() => KeyRing.Load(path));

        Assert.Contains("check value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_file_is_a_key_ring_error()
    {
        Assert.Throws<KeyRingException>(() => KeyRing.Load("/nonexistent/securitykit/key"));
    }

    [Fact]
    public void A_key_file_that_is_not_json_is_a_key_ring_error()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "key");
        File.WriteAllText(path, "{ \"format\": ");

        Assert.Throws<KeyRingException>(() => KeyRing.Load(path));
    }

    [Fact]
    public void An_existing_key_file_is_not_overwritten()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "key");
        using var ring = KeyRing.CreateNew();
        ring.Save(path);

        Assert.Throws<KeyRingException>(() => ring.Save(path));
    }

    [Fact]
    public void Keys_never_show_their_material()
    {
        using var key = PseudonymizationKey.Generate("default", 3);

        Assert.Equal("default v3", key.ToString());
    }

    [Fact]
    public void Disposing_a_key_zeroes_it()
    {
        var key = PseudonymizationKey.Generate("default", 1);
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.Material.Length);
    }

    [Fact]
    public void A_base64_key_in_the_environment_becomes_version_1_of_the_default_key()
    {
        var variable = "SK_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, Convert.ToBase64String(new byte[32]));
        try
        {
            using var ring = KeyRing.FromEnvironment(variable);

            Assert.Equal(1, ring.Latest().Version);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void A_malformed_key_in_the_environment_is_an_error()
    {
        var variable = "SK_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "not a key");
        try
        {
            Assert.Throws<KeyRingException>(() => KeyRing.FromEnvironment(variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
