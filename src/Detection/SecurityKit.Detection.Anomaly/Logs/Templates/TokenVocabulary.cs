using System.Runtime.InteropServices;

namespace SecurityKit.Detection.Anomaly.Logs.Templates;

/// <summary>
/// Interns template tokens as small integers so that the miner compares integers, not strings, on its hot path.
/// Id 0 is the wildcard <c>&lt;*&gt;</c>. Memory is bounded: once <see cref="Capacity"/> distinct tokens are known,
/// a token never seen before is treated as a variable (a token first seen after a million distinct ones is almost
/// always a value, not part of a message's fixed text).
/// </summary>
internal sealed class TokenVocabulary
{
    /// <summary>The id of the wildcard token.</summary>
    public const int Wildcard = 0;

    /// <summary>The text of the wildcard token, as Loghub writes it.</summary>
    public const string WildcardText = "<*>";

    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly List<string> texts = [WildcardText];
    private readonly List<bool> holdsValue = [true];

    public TokenVocabulary(int capacity = 1 << 20)
    {
        Capacity = capacity;
        ids.Add(WildcardText, Wildcard);
        lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The most distinct tokens kept.</summary>
    public int Capacity { get; }

    /// <summary>How many distinct tokens are known, the wildcard included.</summary>
    public int Count => texts.Count;

    /// <summary>The id of <paramref name="token"/>, adding it while there is room; the wildcard when full.</summary>
    public int Intern(ReadOnlySpan<char> token)
    {
        if (lookup.TryGetValue(token, out var id))
        {
            return id;
        }

        if (texts.Count >= Capacity)
        {
            return Wildcard;
        }

        var text = token.ToString();
        id = texts.Count;
        texts.Add(text);
        holdsValue.Add(text.Contains(WildcardText, StringComparison.Ordinal));
        ids.Add(text, id);
        return id;
    }

    /// <summary>The id of <paramref name="token"/> without adding it; the wildcard when unknown.</summary>
    public int Find(ReadOnlySpan<char> token) => lookup.TryGetValue(token, out var id) ? id : Wildcard;

    /// <summary>Whether a token is or holds a masked value (<c>&lt;*&gt;</c>, <c>uid=&lt;*&gt;</c>).</summary>
    public bool HoldsValue(int id) => holdsValue[id];

    /// <summary>The text of a token id.</summary>
    public string Text(int id) => texts[id];

    /// <summary>All token texts by id (for saving a model).</summary>
    public ReadOnlySpan<string> Texts => CollectionsMarshal.AsSpan(texts);
}
