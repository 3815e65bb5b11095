namespace SecurityKit.ReferenceApi.Protection;

/// <summary>
/// Response headers that keep browsers from misusing API answers (OWASP Secure Headers Project, REST guidance):
/// no MIME sniffing, no framing (CSP <c>frame-ancestors 'none'</c> and <c>X-Frame-Options</c>), no referrer, no
/// caching of answers that may hold personal data, and a CSP that lets no content run. The development UI under
/// <c>/scalar</c> needs scripts, so it gets only the framing and sniffing protections.
/// </summary>
internal static class SecurityHeaders
{
    private const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase)
                ? "frame-ancestors 'none'"
                : ApiContentSecurityPolicy;
            headers.CacheControl = "no-store";
            return next(context);
        });
}
