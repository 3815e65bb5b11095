using System.Text.Json;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// Which server-side device each signatory of a batch signs with, chosen when the batch is created: the node's seal
/// (<c>seal</c>), a configured PKCS#11 key by label (<c>pkcs11</c>) or a credential at the configured remote signing
/// service (<c>remote</c>). The library's batch definition records the
/// device kind but not which key, so the choice is a file in the batch's folder (written once, to a temporary file
/// then moved), shared by every node like the documents.
/// </summary>
internal static class SignatoryDevices
{
    private const string FileName = "devices.json";

    /// <summary>One signatory's device: its kind as the API names it, the key label for <c>pkcs11</c>, the credential for <c>remote</c>.</summary>
    internal sealed record Device(string Kind, string? KeyLabel, string? CredentialId = null);

    public static async Task WriteAsync(string batchFolder, IReadOnlyDictionary<string, Device> devices, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(batchFolder);
        var path = Path.Combine(batchFolder, FileName);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var file = File.Create(temporary);
        await using (file.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(file, devices, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static async Task<Device?> ReadAsync(string batchFolder, string signatory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(batchFolder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var devices = JsonSerializer.Deserialize<Dictionary<string, Device>>(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
        return devices?.GetValueOrDefault(signatory);
    }
}
