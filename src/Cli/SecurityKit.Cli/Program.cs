using SecurityKit.Cli.Infrastructure;

return await SecurityKitCommand.RunAsync(args).ConfigureAwait(false);
