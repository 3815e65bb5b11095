using System.Text.Json.Serialization;

namespace SecurityKit.Signing.DevPki;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(TestPki.Manifest))]
internal sealed partial class TestPkiJsonContext : JsonSerializerContext;
