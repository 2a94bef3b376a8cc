using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosmos.InferenceWorker.Model.Client;
using Mosmos.InferenceWorker.Model.Onnx;
using Mosmos.InferenceWorker.Model.Registry;
using Mosmos.InferenceWorker.Model.Serving;
using Mosmos.InferenceWorker.Model.SlidingWindow;
using Mosmos.ServiceDefaults;

namespace Mosmos.InferenceWorker.Model;

/// <summary>Registers the model subsystem: options, registry, ONNX Runtime, the gRPC service and the model client.</summary>
internal static class ModelServerExtensions
{
    /// <summary>HTTP/2 flow-control window for model traffic, server and client: a whole 96³ patch batch fits in it.</summary>
    public const int Http2WindowBytes = 16 << 20;

    public static WebApplicationBuilder AddModelServer(this WebApplicationBuilder builder, WorkerMode mode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddValidatedOptions<ModelServerOptions, ModelServerOptionsValidator>(ModelServerOptions.SectionName);
        services.AddSingleton<OnnxSessionFactory>();
        services.AddSingleton<ModelLoader>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<ModelMetrics>();
        services.AddHostedService<ModelRegistryHost>();
        services.AddHealthChecks().AddCheck<ModelsReadyCheck>("models");

        services.AddGrpc();
        services.AddOptions<Grpc.AspNetCore.Server.GrpcServiceOptions>()
            .Configure<IOptions<ModelServerOptions>>((grpc, model) =>
            {
                grpc.MaxReceiveMessageSize = model.Value.MaxMessageBytes;
                grpc.MaxSendMessageSize = model.Value.MaxMessageBytes;
            });
        // Kestrel's own 30 MB request-body default would cut a patch batch short with an opaque UNKNOWN status;
        // the gRPC limit above (+ the 5-byte message prefix) is the one that applies to this server.
        // HTTP/2 windows of 16 MB (Kestrel's defaults: 768 KB per stream, 1 MB per connection) let a patch batch
        // arrive without a WINDOW_UPDATE round trip every megabyte (gRPC performance guidance for large messages).
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<ModelServerOptions>>((kestrel, model) =>
            {
                kestrel.Limits.MaxRequestBodySize = model.Value.MaxMessageBytes + 5L;
                kestrel.Limits.Http2.InitialConnectionWindowSize = Http2WindowBytes;
                kestrel.Limits.Http2.InitialStreamWindowSize = Http2WindowBytes;
                if (!string.IsNullOrEmpty(model.Value.ClientCaFile))
                    ClientCertificates.Require(kestrel, model.Value.ClientCaFile);
            });

        if (mode == WorkerMode.ModelServerOnly)
            return builder;

        // Which side the client talks to is fixed at start-up: it decides whether Kestrel listens on the socket.
        var remote = builder.Configuration[$"{ModelServerOptions.SectionName}:{nameof(ModelServerOptions.RemoteUrl)}"];
        if (string.IsNullOrWhiteSpace(remote))
        {
            var socket = new InProcessSocket();
            services.AddSingleton(socket);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socket.Path, listen => listen.Protocols = HttpProtocols.Http2));
            services.AddSingleton<IModelClient>(sp => Logged(sp, ModelChannels.InProcess(socket.Path, Max(sp)), inProcess: true));
        }
        else
        {
            services.AddSingleton<IModelClient>(sp => Logged(sp,
                ModelChannels.Remote(new Uri(remote), Max(sp), RemoteTls.From(sp.GetRequiredService<IOptions<ModelServerOptions>>().Value)), inProcess: false));
        }
        services.AddSingleton<SlidingWindowInference>();
        return builder;
    }

    public static WebApplication MapModelServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcService<InferenceService>();
        return app;
    }

    private static int Max(IServiceProvider services) => services.GetRequiredService<IOptions<ModelServerOptions>>().Value.MaxMessageBytes;

    private static InferenceClient Logged(IServiceProvider services, InferenceClient client, bool inProcess)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<IModelClient>();
        if (inProcess)
            ModelLog.InProcessEndpoint(logger, client.Endpoint);
        ModelLog.ClientEndpoint(logger, client.Endpoint);
        return client;
    }
}
