using SecurityKit.Cli.Infrastructure;

namespace SecurityKit.Cli.Commands.Signing;

/// <summary>
/// An exclusive lock on <c>&lt;store&gt;.lock</c> held for a whole <c>sign batch</c> run (.NET opens a file with
/// <see cref="FileShare.None"/> under an advisory flock(2) on Unix): a second concurrent run of the same manifest is
/// refused instead of racing the first. The kernel releases it when the process dies.
/// </summary>
internal static class BatchRunLock
{
    public static FileStream Acquire(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException)
        {
            throw new CommandLineError("another run of this batch is in progress (its store is locked)", Path.GetFileName(path), 1);
        }
    }
}
