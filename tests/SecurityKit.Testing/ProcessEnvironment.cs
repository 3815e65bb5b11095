using System.Runtime.InteropServices;

namespace SecurityKit.Testing;

/// <summary>
/// Sets environment variables for this process in both copies: .NET keeps its own copy of the environment on Unix,
/// while native modules (a PKCS#11 module, OpenSC's pkcs11-spy) read theirs with getenv(3) when loaded.
/// </summary>
public static class ProcessEnvironment
{
    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>, or removes it when <paramref name="value"/> is null.</summary>
    /// <param name="name">Variable name.</param>
    /// <param name="value">New value, or null to remove the variable.</param>
    public static void Set(string name, string? value)
    {
        Environment.SetEnvironmentVariable(name, value);
        _ = value is null ? NativeMethods.unsetenv(name) : NativeMethods.setenv(name, value, 1);
    }
}

internal static class NativeMethods
{
    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SA1300, CA2101, SYSLIB1054 // libc names; ANSI is the right marshalling for getenv's bytes
    internal static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int unsetenv(string name);
#pragma warning restore SA1300, CA2101, SYSLIB1054
}
