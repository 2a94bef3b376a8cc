using System.Diagnostics;

namespace Mosmos.Adapter;

/// <summary>
/// The adapter's spans (ActivitySource <see cref="SourceName"/>, subscribed by service-defaults' <c>Mosmos.*</c>):
/// <c>StableStudy</c>, one per stable study handled, is the root of that study's trace; the job publishes inside it
/// carry its context to the worker in the message headers.
/// </summary>
public static class AdapterTracing
{
    public const string SourceName = "Mosmos.Adapter";

    public static readonly ActivitySource Source = new(SourceName);
}
