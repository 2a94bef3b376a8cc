using Mosmos.Adapter;
using Mosmos.ServiceDefaults;
using Mosmos.ServiceDefaults.Messaging;

// appsettings.json sits beside the binary, whatever the working directory (./mosmos runs it from the repo root).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddMosmosConfiguration(args);
builder.AddServiceDefaults();
builder.AddAdapter();
builder.AddMosmosBus(bus => bus.AddAdapterConsumers());

var app = builder.Build();
if (RulesCommand.IsRequested(args))
    return await RulesCommand.RunAsync(app, args);
app.UseAuthentication();
app.UseAuthorization();
app.MapAdapterEndpoints();
app.MapDefaultEndpoints();
await app.RunAsync();
return 0;
