using Mosmos.InferenceWorker;
using Mosmos.InferenceWorker.Jobs;
using Mosmos.InferenceWorker.Model;
using Mosmos.ServiceDefaults;

var (mode, hostArgs) = WorkerCommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddMosmosConfiguration(hostArgs);
builder.AddServiceDefaults();
builder.AddModelServer(mode);
builder.AddSegmentationJobs(mode);

var app = builder.Build();
app.MapModelServer();
app.MapDefaultEndpoints();
app.Run();
