using Mosmos.Adapter;
using Mosmos.Demo;
using Mosmos.InferenceWorker;
using Mosmos.InferenceWorker.Jobs;
using Mosmos.InferenceWorker.Model;
using Mosmos.ServiceDefaults;
using Mosmos.ServiceDefaults.Messaging;

// Adapter and worker in one process on one bus (in-memory unless Bus:Transport says RabbitMq), then one demo run.
if (!DemoOptions.TryParse(args, Console.Error, out var options, out var hostArgs))
    return 2;
var builder = DemoHost.CreateBuilder(hostArgs);
builder.AddMosmosConfiguration(hostArgs);
builder.UseAdapterOrthancAsWorkerSource();
builder.AddServiceDefaults();
builder.AddAdapter();
builder.AddMosmosBusConsumers(bus => bus.AddAdapterConsumers());
builder.AddModelServer(WorkerMode.Worker);
builder.AddSegmentationJobs(WorkerMode.Worker);

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapAdapterEndpoints();
app.MapModelServer();
app.MapDefaultEndpoints();
return await DemoRun.HostAsync(app, options, Console.Out);
