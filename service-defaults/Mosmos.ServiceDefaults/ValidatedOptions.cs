using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mosmos.ServiceDefaults;

/// <summary>
/// Typed options bound from a named section and validated at start-up (STYLE habit 4). DataAnnotations on the
/// type report every failing property at once; cross-field rules go in an <see cref="IValidateOptions{T}"/>
/// given as <typeparamref name="TValidator"/>. ValidateOnStart makes the host refuse to start, listing all
/// failures of all options types in one exception, instead of failing on first use.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>Binds <paramref name="sectionName"/> of the builder's configuration.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IHostApplicationBuilder builder, string sectionName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddValidatedOptions<T>(builder.Configuration, sectionName);
    }

    /// <summary>Binds <paramref name="sectionName"/> of the builder's configuration, with a cross-field validator.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T, TValidator>(this IHostApplicationBuilder builder, string sectionName)
        where T : class
        where TValidator : class, IValidateOptions<T>
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddValidatedOptions<T, TValidator>(builder.Configuration, sectionName);
    }

    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string sectionName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionName);
        return services.AddOptions<T>()
            .Bind(configuration.GetSection(sectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }

    public static OptionsBuilder<T> AddValidatedOptions<T, TValidator>(this IServiceCollection services, IConfiguration configuration, string sectionName)
        where T : class
        where TValidator : class, IValidateOptions<T>
    {
        var builder = services.AddValidatedOptions<T>(configuration, sectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, TValidator>());
        return builder;
    }
}
