using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace SecurityKit.ReferenceApi.Errors;

/// <summary>
/// Turns every exception into an RFC 9457 problem: bad requests (malformed JSON, wrong content type, body too large)
/// keep their status and say what is wrong and where; SecurityKit's own errors (written to be shown: no secrets, no
/// full identifiers) become 400 with their location; anything else is a 500 that says nothing but a trace id.
/// Exception messages of other libraries are never shown, because they may quote the input.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad),
            SecurityKit.Signing.Batch.BatchNotFoundException => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found",
                Detail = "No such signing batch.",
            },
            SecurityKit.Signing.Batch.BatchCertificateChangedException changed => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Certificate changed",
                Detail = changed.Message,
                Extensions = { ["location"] = changed.Location },
            },
            // A device failure (wrong configured PIN, token missing, key not found) is the service's problem, not the
            // caller's: 503, naming only the kind of failure (no module path, token or key label).
            SecurityKit.Crypto.HsmException hsm => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Signing device unavailable",
                Detail = $"The hardware security module did not answer as configured ({hsm.Failure}).",
            },
            SecurityKitException sk => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid input",
                Detail = sk.Message,
                Extensions = { ["location"] = sk.Location },
            },
            _ => null,
        };
        if (problem is null)
        {
            LogUnexpected(logger, exception.GetType().Name, exception.StackTrace);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Unexpected error",
                Detail = "The request could not be completed; the trace id identifies it in the service's logs.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem })
            .ConfigureAwait(false);
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        var detail = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
            StatusCodes.Status415UnsupportedMediaType => "This endpoint expects a JSON body (Content-Type: application/json).",
            _ when bad.InnerException is JsonException json => JsonDetail(json),
            _ => "The request body is missing or malformed.",
        };
        return new ProblemDetails { Status = bad.StatusCode, Detail = detail };
    }

    // JsonException's own message may quote the offending value; keep only where it is.
    private static string JsonDetail(JsonException json) =>
        $"The request body is not valid JSON for this endpoint (path {json.Path ?? "$"}, line {json.LineNumber ?? 0}, byte {json.BytePositionInLine ?? 0}).";

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ExceptionType} while serving a request (message withheld: it may quote input) {StackTrace}")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, string? stackTrace);
}
