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
    private readonly List<bool> valueLike = [true];
    private readonly List<bool> valueLikeAfterKey = [true];
    private readonly List<bool> codeConstant = [false];
    private readonly List<int> keys = [-1];

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
        var hasValue = text.Contains(WildcardText, StringComparison.Ordinal);
        var keyLength = KeyLength(token);
        holdsValue.Add(hasValue);
        valueLike.Add(hasValue && IsValueWithBareWord(text.Replace(WildcardText, string.Empty, StringComparison.Ordinal)));
        valueLikeAfterKey.Add(hasValue && IsValueWithBareWord(text[keyLength..].Replace(WildcardText, string.Empty, StringComparison.Ordinal)));
        keys.Add(-1);
        codeConstant.Add(IsUpperCaseIdentifier(token));
        ids.Add(text, id);
        if (keyLength > 0)
        {
            var keyText = string.Concat(token[..keyLength], WildcardText);
            keys[id] = keyText == text ? id : Intern(keyText) is var key and not Wildcard ? key : -1;
        }

        return id;
    }

    /// <summary>
    /// For a <c>key=value</c> token, the id of the token <c>key=&lt;*&gt;</c> (itself for that token); -1 for others.
    /// The value of a named field is a variable whatever it holds, words included (<c>user=alice</c>, <c>status=ok</c>),
    /// while the key is fixed text: two such tokens with the same key generalise to <c>key=&lt;*&gt;</c>, not to <c>&lt;*&gt;</c>.
    /// </summary>
    public int KeyOf(int id) => keys[id];

    /// <summary>
    /// Length of the key part of <c>key=value</c> up to and including <c>=</c>, or 0: optional opening brackets or quotes,
    /// a name (a letter or <c>_</c>, then letters, digits, <c>_ - .</c>), <c>=</c>, and a value of at least one character.
    /// </summary>
    private static int KeyLength(ReadOnlySpan<char> token)
    {
        var i = 0;
        while (i < token.Length && token[i] is '(' or '[' or '{' or '"' or '\'')
        {
            i++;
        }

        if (i >= token.Length || !(char.IsAsciiLetter(token[i]) || token[i] == '_'))
        {
            return 0;
        }

        while (i < token.Length && (char.IsAsciiLetterOrDigit(token[i]) || token[i] is '_' or '-' or '.'))
        {
            i++;
        }

        return i < token.Length - 1 && token[i] == '=' && token[i + 1] != '=' ? i + 1 : 0;
    }

    /// <summary>The id of <paramref name="token"/> without adding it; the wildcard when unknown.</summary>
    public int Find(ReadOnlySpan<char> token) => lookup.TryGetValue(token, out var id) ? id : Wildcard;

    /// <summary>Whether a token is or holds a masked value (<c>&lt;*&gt;</c>, <c>uid=&lt;*&gt;</c>).</summary>
    public bool HoldsValue(int id) => holdsValue[id];

    /// <summary>
    /// Whether a token is a value with at most punctuation around it (<c>&lt;*&gt;</c>, <c>(&lt;*&gt;)</c>, <c>&lt;*&gt;,</c>),
    /// as opposed to fixed words around a value (<c>uid=&lt;*&gt;</c>, <c>{"Type":"ContainerDied","ID":"&lt;*&gt;"}</c>),
    /// which are fixed text that a few-valued position may hold.
    /// </summary>
    public bool IsValueLike(int id) => valueLike[id];

    /// <summary>Like <see cref="IsValueLike"/> for the part after the key of a <c>key=value</c> token (<c>pod="&lt;*&gt;"</c>).</summary>
    public bool IsValueLikeAfterKey(int id) => valueLikeAfterKey[id];

    /// <summary>Whether a token is an upper-case identifier (<c>RUNNING</c>, <c>DELETE"</c>, <c>SIGTERM,</c>): see <see cref="IsUpperCaseIdentifier"/>.</summary>
    public bool IsCodeConstant(int id) => codeConstant[id];

    /// <summary>
    /// Upper-case identifiers — at least two capitals, no small letter, only letters, digits and <c>_</c> once quotes and
    /// brackets around and punctuation after are set aside — are how programs write enumerated constants (states, verbs,
    /// HTTP methods, signals), so a position that only holds such words is read as fixed text up to a larger count.
    /// </summary>
    internal static bool IsUpperCaseIdentifier(ReadOnlySpan<char> token)
    {
        token = token.TrimStart("\"'([{").TrimEnd("\"')]},.;:!?");
        var capitals = 0;
        foreach (var c in token)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                capitals++;
            }
            else if (!char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return capitals >= 2;
    }

    /// <summary>ASCII letters; the range 'A'..'z' would also hold <c>[ \ ] ^ _ `</c>.</summary>
    private static readonly System.Buffers.SearchValues<char> AsciiLetters = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>
    /// Whether the fixed text around a value is no word at all (<c>(&lt;*&gt;)</c>) or one bare word glued to it
    /// (<c>unknown[&lt;*&gt;]</c>, <c>blk_&lt;*&gt;</c>): such a token is a value whose spelling varies, so a word there does
    /// not make the position few-valued. Fixed text with a key, a quote or several words (<c>uid=&lt;*&gt;</c>,
    /// <c>{"Type":"ContainerDied","ID":"&lt;*&gt;"}</c>) is structure that carries the message's meaning.
    /// </summary>
    private static bool IsValueWithBareWord(string fixedText)
    {
        if (fixedText.AsSpan().IndexOfAny("=:\"'") >= 0)
        {
            // Letters only: brackets and '_' lie between 'Z' and 'a' and are punctuation ("<*>[<*>]:" is a value).
            return fixedText.AsSpan().IndexOfAny(AsciiLetters) < 0;
        }

        var runs = 0;
        for (var i = 0; i < fixedText.Length; i++)
        {
            if (char.IsAsciiLetter(fixedText[i]) && (i == 0 || !char.IsAsciiLetter(fixedText[i - 1])))
            {
                runs++;
            }
        }

        return runs <= 1;
    }

    /// <summary>The text of a token id.</summary>
    public string Text(int id) => texts[id];

    /// <summary>All token texts by id (for saving a model).</summary>
    public ReadOnlySpan<string> Texts => CollectionsMarshal.AsSpan(texts);
}
