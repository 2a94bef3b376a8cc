using Mosmos.Adapter;
using Mosmos.ServiceDefaults;
using Mosmos.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddMosmosConfiguration(args);
builder.AddServiceDefaults();
builder.AddAdapter();
builder.AddMosmosBus(bus => bus.AddAdapterConsumers());

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapAdapterEndpoints();
app.MapDefaultEndpoints();
app.Run();
