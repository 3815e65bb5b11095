namespace SecurityKit.Crypto.Inventory;

/// <summary>Options of a scan.</summary>
public sealed class InventoryOptions
{
    /// <summary>Passwords to try on PFX / PKCS#12 files (the empty password is always tried).</summary>
    public IList<string> PfxPasswords { get; } = [];

    /// <summary>Files larger than this are skipped (bytes). Default 256 MiB.</summary>
    public long MaxFileSize { get; set; } = 256L * 1024 * 1024;
}
