namespace SecurityKit.Testing;

/// <summary>
/// Locates the development data in <c>../shared/data</c> beside the checkout (never copied into the repository).
/// </summary>
public static class SharedData
{
    /// <summary>The checkout's root: the nearest folder above the test binaries that holds SecurityKit.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "SecurityKit.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("SecurityKit.sln not found above the test binaries");
        }
    }

    /// <summary>The shared data folder (<c>../shared/data</c> from the root), or SECURITYKIT_SHARED_DATA if set.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("SECURITYKIT_SHARED_DATA")
        ?? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    /// <summary>A file under the shared data folder; fails clearly if it is absent.</summary>
    public static string File(params string[] parts)
    {
        var path = Path.Combine([Directory, .. parts]);
        return System.IO.File.Exists(path)
            ? path
            : throw new FileNotFoundException($"shared data file missing: {path}", path);
    }
}
