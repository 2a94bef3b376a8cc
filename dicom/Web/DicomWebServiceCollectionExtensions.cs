using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mosmos.Dicom.Web;

/// <summary>Registration of <see cref="IDicomWebClient"/> (STYLE habit 1: <c>Add&lt;Feature&gt;</c> beside the code).</summary>
public static class DicomWebServiceCollectionExtensions
{
    /// <summary>
    /// Registers a typed HttpClient for <see cref="IDicomWebClient"/> with the retry handler of
    /// <see cref="DicomWebResilience"/>, and options validated at start-up. Bind configuration in
    /// <paramref name="configure"/> or on the returned builder's services, e.g.
    /// <c>services.AddOptions&lt;DicomWebClientOptions&gt;().BindConfiguration("Mosmos:DicomWeb")</c>.
    /// </summary>
    public static IHttpClientBuilder AddDicomWebClient(this IServiceCollection services, Action<DicomWebClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DicomWebClientOptions>();
        if (configure is not null) options.Configure(configure);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DicomWebClientOptions>, DicomWebClientOptionsValidator>());
        var builder = services.AddHttpClient<IDicomWebClient, DicomWebClient>()
            // The client bounds each call itself (body included); HttpClient's own timeout would stop at the headers.
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddResilienceHandler("dicomweb", (pipeline, context) =>
            DicomWebResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<DicomWebClientOptions>>().Value));
        return builder;
    }
}
