using System.Reflection;
using System.Runtime.InteropServices;

namespace SecurityKit.Crypto;

/// <summary>
/// Pkcs11Interop 5.x loads modules through <c>dlopen</c> imported from a library named <c>libdl</c>. Since glibc
/// 2.34 (Debian 12) that name only exists as <c>libdl.so.2</c> (the unversioned <c>libdl.so</c> comes with the
/// development package), so the P/Invoke fails with DllNotFoundException. This resolver maps the name to the
/// versioned library, falling back to libc, where glibc 2.34+ defines dlopen itself.
/// </summary>
public static class Pkcs11NativeResolver
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Registers the resolver for the Pkcs11Interop assembly (once per process; later calls do nothing).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            try
            {
                NativeLibrary.SetDllImportResolver(typeof(Net.Pkcs11Interop.Common.CKA).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // Another component already set a resolver for Pkcs11Interop; keep theirs.
            }

            _registered = true;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name is "libdl" or "libdl.so" && OperatingSystem.IsLinux())
        {
            foreach (var candidate in new[] { "libdl.so.2", "libc.so.6" })
            {
                if (NativeLibrary.TryLoad(candidate, out var handle))
                {
                    return handle;
                }
            }
        }

        return IntPtr.Zero;
    }
}
