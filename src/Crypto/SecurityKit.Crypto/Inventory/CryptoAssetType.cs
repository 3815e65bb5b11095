namespace SecurityKit.Crypto.Inventory;

/// <summary>The kinds of cryptographic asset of CycloneDX 1.6 (<c>cryptoProperties.assetType</c>).</summary>
public enum CryptoAssetType
{
    /// <summary>An algorithm (with its parameter set).</summary>
    Algorithm,

    /// <summary>An X.509 certificate.</summary>
    Certificate,

    /// <summary>A protocol configuration (TLS).</summary>
    Protocol,

    /// <summary>Keys, signatures and other material related to an algorithm.</summary>
    RelatedCryptoMaterial,
}
