using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SecurityKit.Audit;
using SecurityKit.Detection.Anomaly.Employers;
using SecurityKit.ReferenceApi.Audit;
using SecurityKit.ReferenceApi.Protection;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// Employer risk ranking over HTTP (scope <c>risk</c>): upload a data folder's four CSV files (CONTRACTS.md,
/// "Employer risk data") as multipart/form-data and get every employer ranked with reasons. The model is the one
/// configured in <c>Api:Risk:ModelFile</c> (made by <c>securitykit risk train</c>); without one, a model is trained
/// on the upload's own inspection outcomes. Uploads live in a private temporary folder deleted afterwards.
/// </summary>
internal static class RiskApi
{
    public const long MaxUploadBytes = 256L * 1024 * 1024;
    private static readonly string[] RequiredFiles = ["employers.csv", "declarations.csv", "person_links.csv", "inspections.csv"];

    public static RouteGroupBuilder MapRiskApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/risk").WithTags("Employer risk");
        group.MapPost("/rankings", Rank)
            .WithName("RankEmployers")
            .WithSummary("Ranks every employer of the uploaded data folder (employers.csv, declarations.csv, person_links.csv, inspections.csv) by fraud risk, with reasons.")
            .RequireScope(Scopes.Risk)
            .WithAuditOperation("risk.rank")
            .WithRequestBodyLimit(MaxUploadBytes)
            .WithRequestTimeout(TimeSpan.FromMinutes(10))
            // Token or API-key authentication: browsers never send these on their own, so CSRF does not apply.
            .DisableAntiforgery();
        return group;
    }

    /// <summary>One ranked employer.</summary>
    /// <param name="EmployerId">The KBO number.</param>
    /// <param name="Risk">Calibrated risk in [0, 1].</param>
    /// <param name="Rank">1 = highest risk.</param>
    /// <param name="Reasons">Human-readable reasons, most important first.</param>
    internal sealed record RankedEmployer(string EmployerId, double Risk, int Rank, IReadOnlyList<string> Reasons);

    /// <summary>The ranking.</summary>
    /// <param name="Model">Where the model came from: <c>configured</c> or <c>trained-on-upload</c>.</param>
    /// <param name="Employers">Every employer, by rank.</param>
    internal sealed record Ranking(string Model, IReadOnlyList<RankedEmployer> Employers);

    private static async Task<Results<Ok<Ranking>, ValidationProblem>> Rank(
        IFormFileCollection files, IConfiguration configuration, IHostEnvironment environment, HttpContext context, CancellationToken cancellationToken)
    {
        var byName = files.GroupBy(f => Path.GetFileName(f.FileName.Replace('\\', '/')), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var missing = RequiredFiles.Where(name => !byName.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["files"] = [$"missing {string.Join(", ", missing)} (upload the four CSV files of a data folder)"],
            });
        }

        var folder = Directory.CreateTempSubdirectory("sk-risk-");
        try
        {
            foreach (var name in RequiredFiles)
            {
                var stream = File.Create(Path.Combine(folder.FullName, name));
                await using (stream.ConfigureAwait(false))
                {
                    await byName[name].CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
                }
            }

            var data = EmployerRiskDataLoader.Load(folder.FullName);
            var modelFile = configuration["Api:Risk:ModelFile"];
            var model = modelFile is null
                ? EmployerRiskModel.Train(data)
                : EmployerRiskModel.Load(Path.IsPathRooted(modelFile) ? modelFile : Path.Combine(environment.ContentRootPath, modelFile));
            var scores = model.Score(data);
            await context.RecordAuditAsync(
                AuditOutcome.Succeeded,
                resource: string.Create(CultureInfo.InvariantCulture, $"{scores.Count} employers ranked")).ConfigureAwait(false);
            return TypedResults.Ok(new Ranking(
                modelFile is null ? "trained-on-upload" : "configured",
                scores.Select(s => new RankedEmployer(s.EmployerId, s.Risk, s.Rank, s.Reasons)).ToList()));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
