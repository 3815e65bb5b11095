namespace SecurityKit.ReferenceApi.Apis;

/// <summary>Where the OpenAI-compatible proxy forwards filtered prompts, bound from <c>Api:Llm</c>.</summary>
internal sealed class LlmProxyOptions
{
    public const string Section = "Api:Llm";

    /// <summary>
    /// The upstream's base address, as given to OpenAI clients (<c>https://llm.example.be/v1</c>); the proxy posts to
    /// <c>{Upstream}/chat/completions</c>. Unset: the proxy answers 503. Callers can never choose another address.
    /// </summary>
    public Uri? Upstream { get; set; }

    /// <summary>The bearer key the proxy sends upstream (the callers' own credentials are never forwarded).</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one completion may take, streaming included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>The configured upstream and one pooled HTTP client for it (connection reuse across requests).</summary>
internal sealed class LlmUpstream : IDisposable
{
    public LlmUpstream(LlmProxyOptions options)
    {
        Options = options;
        if (options.Upstream is { } upstream)
        {
            if (upstream.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException("Api:Llm:Upstream must be an http or https address");
            }

            var path = upstream.AbsoluteUri.TrimEnd('/');
            ChatCompletions = new Uri(path + "/chat/completions");
        }

        // Refresh pooled connections now and then so that DNS changes of the upstream are seen.
        Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    public LlmProxyOptions Options { get; }

    /// <summary>The address posted to, or null when no upstream is configured.</summary>
    public Uri? ChatCompletions { get; }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
