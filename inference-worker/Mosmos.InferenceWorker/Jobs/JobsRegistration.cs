using MassTransit;
using Mosmos.InferenceWorker.Pipeline;
using Mosmos.InferenceWorker.Pipeline.Offline;
using Mosmos.ServiceDefaults;
using Mosmos.ServiceDefaults.Messaging;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>Registers segmentation jobs (consumer, pipeline, sources, redelivery) or, for <c>segment</c>, the offline run.</summary>
internal static class JobsRegistration
{
    public static WebApplicationBuilder AddSegmentationJobs(this WebApplicationBuilder builder, WorkerMode mode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (mode == WorkerMode.ModelServerOnly)
            return builder;
        var services = builder.Services;
        services.AddValidatedOptions<PipelineOptions>(builder.Configuration, PipelineOptions.SectionName);
        services.AddSingleton<SegmentationPipeline>();
        services.AddSingleton<ModelCards>();
        services.AddSingleton(TimeProvider.System);
        if (mode == WorkerMode.Segment)
            return builder.AddOfflineSegmentation();

        services.AddValidatedOptions<JobsOptions>(builder.Configuration, JobsOptions.SectionName);
        services.AddSingleton(sp => DicomWebSources.FromOptions(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobsOptions>>().Value));
        services.AddSingleton<SegmentationJob>();
        var transport = builder.Configuration.GetSection(BusOptions.SectionName).Get<BusOptions>()?.Transport ?? BusTransport.InMemory;
        if (transport == BusTransport.RabbitMq)
            services.AddSingleton<IJobRedelivery, RabbitMqWaitQueues>();
        else
            services.AddSingleton<IJobRedelivery, InMemoryRedelivery>();
        builder.AddMosmosBus(bus => bus.AddConsumer<SegmentSeriesConsumer, SegmentSeriesConsumerDefinition>());
        return builder;
    }
}
