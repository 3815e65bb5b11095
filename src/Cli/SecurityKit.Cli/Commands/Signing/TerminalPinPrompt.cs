using System.Text;
using SecurityKit.Signing.Batch;

namespace SecurityKit.Cli.Commands.Signing;

/// <summary>
/// Asks PINs on the terminal for <c>sign batch</c> with a PKCS#11 token or eID card: the question goes to stderr
/// (stdout keeps only the summary), the keys are read without echo. Used only when stdin and stderr are a terminal
/// and no PIN is configured.
/// </summary>
internal sealed class TerminalPinPrompt(IReadOnlyDictionary<string, string> names) : IBatchPinPrompt
{
    /// <summary>Whether a human can be asked: stdin and stderr are a terminal.</summary>
    public static bool Available => !Console.IsInputRedirected && !Console.IsErrorRedirected;

    public ValueTask<ReadOnlyMemory<char>> GetPinAsync(BatchPinRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var who = request.Signatory is { } id ? names.GetValueOrDefault(id, id) : "the signatory";
        Console.Error.Write(request.Kind == BatchPinKind.Signature
            ? $"PIN of {who} for signature {request.Index + 1} of {request.Count} (document {request.Document}), empty to stop: "
            : $"PIN of {who} to open the token for {request.Count} signature(s), empty to stop: ");
        var pin = new StringBuilder();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                pin.Length = Math.Max(0, pin.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                pin.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        var value = new char[pin.Length];
        pin.CopyTo(0, value, pin.Length);
        pin.Clear();
        return ValueTask.FromResult<ReadOnlyMemory<char>>(value);
    }
}
