using SecurityKit.Detection.Pii.Operators;

namespace SecurityKit.Detection.Pii.Vault;

/// <summary>Keeps each conversation's <see cref="PlaceholderMap"/> for the time an answer may take to come back.</summary>
public interface IPlaceholderVault
{
    /// <summary>The conversation's map, or null when it never existed or has expired.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The map or null.</returns>
    Task<PlaceholderMap?> GetAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Stores the conversation's map and restarts its time to live.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="map">The map.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task SetAsync(string conversationId, PlaceholderMap map, CancellationToken cancellationToken = default);
}
