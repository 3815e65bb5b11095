namespace SecurityKit.Testing;

/// <summary>
/// Makes <see cref="OpenAiCompatibleServer"/> play a model that uses one tool (non-streamed answers): to a request
/// without a tool result it answers with one call of <see cref="Name"/> whose JSON arguments
/// <see cref="ArgumentsFor"/> makes from the last user message; to a request carrying a tool result it answers with
/// that result as its text.
/// </summary>
/// <param name="Name">The tool's name as the client advertises it (Semantic Kernel: <c>Plugin-Function</c>).</param>
/// <param name="ArgumentsFor">Makes the call's JSON arguments from the last user message.</param>
public sealed record OpenAiToolCall(string Name, Func<string, string> ArgumentsFor);
