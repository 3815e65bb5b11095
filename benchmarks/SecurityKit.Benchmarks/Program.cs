using BenchmarkDotNet.Running;

// Pick suites with --filter, e.g. `dotnet run -c Release --project benchmarks/SecurityKit.Benchmarks -- --filter '*Ff1*'`.
BenchmarkSwitcher.FromAssembly(typeof(SecurityKit.Benchmarks.BenchmarkConfig).Assembly).Run(args, new SecurityKit.Benchmarks.BenchmarkConfig());
