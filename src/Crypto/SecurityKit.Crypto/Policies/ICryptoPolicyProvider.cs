namespace SecurityKit.Crypto;

/// <summary>Gives the current algorithms of a named policy.</summary>
public interface ICryptoPolicyProvider
{
    /// <summary>The policy named <paramref name="name"/> as configured now.</summary>
    /// <param name="name">The policy's name (case-insensitive).</param>
    /// <returns>The policy.</returns>
    /// <exception cref="SecurityKitException">No policy has that name, or its algorithm is unknown.</exception>
    CryptoPolicy GetPolicy(string name);
}
