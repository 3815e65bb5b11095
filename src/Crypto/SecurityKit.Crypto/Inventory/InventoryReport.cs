namespace SecurityKit.Crypto.Inventory;

/// <summary>The result of a scan: the assets found, and the files that could not be read (with why).</summary>
public sealed class InventoryReport
{
    /// <summary>Assets in the order they were first found.</summary>
    public List<CryptoAsset> Assets { get; } = [];

    /// <summary>Files that looked cryptographic but could not be read, with the reason (never a secret).</summary>
    public List<(string Path, string Reason)> Skipped { get; } = [];

    /// <summary>Number of files examined.</summary>
    public int FilesScanned { get; internal set; }
}
