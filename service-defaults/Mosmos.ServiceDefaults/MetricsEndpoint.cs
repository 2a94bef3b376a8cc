using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mosmos.ServiceDefaults;

/// <summary>
/// <c>/metrics</c>: every metric of the process (the service's <c>Mosmos.*</c> meters, ASP.NET Core, HttpClient,
/// runtime) in the Prometheus text exposition format. Guarded like the service's own API: a service that
/// registered an authentication scheme (the adapter's API keys) requires an authenticated caller — Prometheus sends
/// the key with <c>authorization: { type: ApiKey, credentials_file: … }</c>; a service without one (the worker)
/// answers loopback clients only. Labels carry states, outcomes, routes and server addresses, never UIDs or
/// patient data, and the resource's <c>target_info</c> is left out.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var schemes = app.Services.GetService<IAuthenticationSchemeProvider>();
        bool authenticated = schemes is not null && schemes.GetDefaultAuthenticateSchemeAsync().GetAwaiter().GetResult() is not null;
        if (authenticated)
        {
            app.MapPrometheusScrapingEndpoint(Path).RequireAuthorization();
        }
        else
        {
            app.MapPrometheusScrapingEndpoint(Path, meterProvider: null,
                configureBranchedPipeline: branch => branch.Use(RefuseRemoteAsync), optionsName: null);
        }
        return app;
    }

    /// <summary>Whether the caller connected from this machine (127.0.0.0/8, ::1, or an in-process server without a socket).</summary>
    public static bool IsLocal(ConnectionInfo connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.RemoteIpAddress is not { } remote || IPAddress.IsLoopback(remote)
            || (remote.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(remote.MapToIPv4()));
    }

    /// <summary>The branch guard of an unauthenticated service: 403 for any caller that is not on this machine.</summary>
    public static Task RefuseRemoteAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (IsLocal(context.Connection)) return next();
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
