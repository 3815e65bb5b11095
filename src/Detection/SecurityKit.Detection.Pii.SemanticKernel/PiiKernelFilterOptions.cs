using Microsoft.SemanticKernel;
using SecurityKit.Detection.Pii.ChatClient;
using SecurityKit.Detection.Pii.Operators;

namespace SecurityKit.Detection.Pii.SemanticKernel;

/// <summary>Options of the <see cref="PiiKernelFilter"/>.</summary>
public sealed class PiiKernelFilterOptions
{
    /// <summary>
    /// Chooses the caller's name and policy from the arguments of the outermost function invocation (for example an
    /// argument set by the application with the signed-in user's group). By default every caller is "default" with
    /// <see cref="PiiPolicy.Default"/>.
    /// </summary>
    public Func<KernelArguments, (string Caller, PiiPolicy Policy)> PolicyResolver { get; set; } = _ => ("default", PiiPolicy.Default);

    /// <summary>Where audit events go (one per outermost invocation, counts only); none by default.</summary>
    public IPiiAuditSink? AuditSink { get; set; }
}
