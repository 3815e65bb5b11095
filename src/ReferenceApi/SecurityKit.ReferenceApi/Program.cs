using SecurityKit.ReferenceApi.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
app.UseApplicationPipeline();
app.MapApplicationEndpoints();
app.Run();

/// <summary>The API's entry point; public so that integration tests can host it.</summary>
public partial class Program;
