using System.Buffers;
using SecurityKit.Detection.Pii.Gazetteers;

namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>
/// The tokens of one text, made once per detection and shared by the name and address recognisers. Arrays come from
/// the shared pool (a 1 MiB text has ~200 000 tokens: no large-object allocation per call), and each word's
/// <see cref="WordClass"/> is looked up at most once, the first time a recogniser asks.
/// </summary>
internal sealed class TokenList : IDisposable
{
    private Token[] tokens;
    private WordClass[] classes;

    public TokenList(int capacity)
    {
        tokens = ArrayPool<Token>.Shared.Rent(Math.Max(16, capacity));
        classes = ArrayPool<WordClass>.Shared.Rent(tokens.Length);
    }

    public int Count { get; private set; }

    public Token this[int index] => tokens[index];

    public void Add(Token token)
    {
        if (Count == tokens.Length)
        {
            Grow();
        }

        classes[Count] = WordClass.None;
        tokens[Count++] = token;
    }

    /// <summary>The word classes of token <paramref name="index"/> (<see cref="WordClass.None"/> for non-words).</summary>
    public WordClass Class(ReadOnlySpan<char> text, int index)
    {
        var c = classes[index];
        if (c == WordClass.None)
        {
            var t = tokens[index];
            c = t.Kind == TokenKind.Word ? Gazetteer.Shared.Classify(text[t.Start..t.End]) : WordClass.Classified;
            classes[index] = c;
        }

        return c;
    }

    /// <summary>Whether token <paramref name="index"/> is a word of any of the classes <paramref name="c"/>.</summary>
    public bool Is(ReadOnlySpan<char> text, int index, WordClass c) => (Class(text, index) & c) != 0;

    public void Dispose()
    {
        ArrayPool<Token>.Shared.Return(tokens);
        ArrayPool<WordClass>.Shared.Return(classes);
        tokens = [];
        classes = [];
        Count = 0;
    }

    private void Grow()
    {
        var bigger = ArrayPool<Token>.Shared.Rent(tokens.Length * 2);
        var biggerClasses = ArrayPool<WordClass>.Shared.Rent(bigger.Length);
        tokens.AsSpan(0, Count).CopyTo(bigger);
        classes.AsSpan(0, Count).CopyTo(biggerClasses);
        ArrayPool<Token>.Shared.Return(tokens);
        ArrayPool<WordClass>.Shared.Return(classes);
        tokens = bigger;
        classes = biggerClasses;
    }
}
