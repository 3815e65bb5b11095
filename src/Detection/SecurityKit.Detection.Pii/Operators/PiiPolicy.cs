namespace SecurityKit.Detection.Pii.Operators;

/// <summary>
/// What a caller may send: the operator per entity type, and types that make the call refused outright.
/// </summary>
public sealed class PiiPolicy
{
    /// <summary>The default: every type replaced by a placeholder, nothing blocked.</summary>
    public static PiiPolicy Default { get; } = new();

    /// <summary>Operator used for types not in <see cref="Operators"/>.</summary>
    public PiiOperator DefaultOperator { get; init; } = PiiOperator.Placeholder;

    /// <summary>Operator per entity type.</summary>
    public IReadOnlyDictionary<PiiEntityType, PiiOperator> Operators { get; init; } = new Dictionary<PiiEntityType, PiiOperator>();

    /// <summary>Types whose presence refuses the call (<see cref="PiiBlockedException"/>).</summary>
    public IReadOnlySet<PiiEntityType> Blocked { get; init; } = new HashSet<PiiEntityType>();

    /// <summary>Types left as they are (for example e-mail addresses of the organisation itself).</summary>
    public IReadOnlySet<PiiEntityType> Allowed { get; init; } = new HashSet<PiiEntityType>();

    /// <summary>The operator for <paramref name="type"/>.</summary>
    /// <param name="type">An entity type.</param>
    /// <returns>The operator to apply.</returns>
    public PiiOperator OperatorFor(PiiEntityType type) => Operators.TryGetValue(type, out var op) ? op : DefaultOperator;
}
