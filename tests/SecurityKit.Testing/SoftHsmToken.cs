using System.Runtime.InteropServices;

namespace SecurityKit.Testing;

/// <summary>
/// A fresh SoftHSM2 token in a temporary folder: writes a softhsm2.conf there, points SOFTHSM2_CONF at it (for this
/// process, which is where the PKCS#11 module reads it at C_Initialize, and for child processes through
/// <see cref="Environment"/>), and initialises a token with <c>softhsm2-util --init-token</c>. Because the variable
/// is process-wide, tests using a token must not run in parallel with other token tests in the same assembly (put
/// them in one xunit collection with DisableParallelization).
/// </summary>
public sealed class SoftHsmToken : IDisposable
{
    /// <summary>The Debian softhsm2 package's PKCS#11 module.</summary>
    public const string ModulePath = "/usr/lib/softhsm/libsofthsm2.so";

    private readonly TemporaryDirectory _folder = new("sk-softhsm");
    private readonly string? _previousConfig = System.Environment.GetEnvironmentVariable("SOFTHSM2_CONF");

    /// <summary>Creates and initialises the token.</summary>
    /// <param name="label">Token label.</param>
    /// <param name="userPin">User PIN.</param>
    /// <param name="soPin">Security-officer PIN.</param>
    public SoftHsmToken(string label = "securitykit-test", string userPin = "123456", string soPin = "12345678")
    {
        Label = label;
        UserPin = userPin;
        SoPin = soPin;
        if (!System.IO.File.Exists(ModulePath))
        {
            throw new InvalidOperationException($"'{ModulePath}' is not installed; install the Debian package 'softhsm2' (.ci/run does)");
        }

        Util = ExternalTool.Require("softhsm2-util", "softhsm2");
        var tokens = Directory.CreateDirectory(_folder.File("tokens")).FullName;
        ConfigPath = _folder.File("softhsm2.conf");
        System.IO.File.WriteAllText(ConfigPath, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        SetProcessVariable("SOFTHSM2_CONF", ConfigPath);
        Run("--init-token", "--free", "--label", label, "--pin", userPin, "--so-pin", soPin);
    }

    /// <summary>Token label.</summary>
    public string Label { get; }

    /// <summary>User PIN.</summary>
    public string UserPin { get; }

    /// <summary>Security-officer PIN.</summary>
    public string SoPin { get; }

    /// <summary>The softhsm2.conf of this token.</summary>
    public string ConfigPath { get; }

    /// <summary>Environment for child processes that must see this token.</summary>
    public IDictionary<string, string> Environment => new Dictionary<string, string> { ["SOFTHSM2_CONF"] = ConfigPath };

    private string Util { get; }

    /// <summary>Imports a PKCS#8 PEM key pair into the token under a label and a hex CKA_ID.</summary>
    /// <param name="pkcs8PemPath">Unencrypted PKCS#8 PEM file.</param>
    /// <param name="keyLabel">CKA_LABEL.</param>
    /// <param name="idHex">CKA_ID in hex.</param>
    public void ImportKey(string pkcs8PemPath, string keyLabel, string idHex) =>
        Run("--import", pkcs8PemPath, "--token", Label, "--label", keyLabel, "--id", idHex, "--pin", UserPin);

    /// <summary>Restores SOFTHSM2_CONF and deletes the token folder.</summary>
    public void Dispose()
    {
        SetProcessVariable("SOFTHSM2_CONF", _previousConfig);
        _folder.Dispose();
    }

    // .NET keeps its own copy of the environment on Unix; the PKCS#11 module calls getenv(3), so the native
    // environment must be changed too.
    private static void SetProcessVariable(string name, string? value)
    {
        System.Environment.SetEnvironmentVariable(name, value);
        _ = value is null ? NativeMethods.unsetenv(name) : NativeMethods.setenv(name, value, 1);
    }

    private void Run(params string[] arguments)
    {
        var result = ExternalTool.RunAsync(Util, arguments, environment: Environment).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"softhsm2-util {arguments[0]} failed: {result.StandardError.Trim()}");
        }
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
