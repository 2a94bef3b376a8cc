using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mosmos.Adapter.Api;

/// <summary>Options of the API key scheme: the keys that may call the job API (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Accepted keys; at least one, from configuration, environment or <see cref="KeyFile"/>.</summary>
    public IList<string> Keys { get; } = [];

    public string? KeyFile { get; set; }

    public IReadOnlyList<string> ResolveKeys() =>
        [.. Keys.Where(k => k.Length > 0), .. KeyFile is { Length: > 0 } f && File.Exists(f) ? File.ReadAllLines(f).Where(l => l.Length > 0) : []];
}

/// <summary>
/// <c>Authorization: ApiKey &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>. Keys are compared in constant time and
/// never logged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<ApiOptions> api)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers["X-Api-Key"].FirstOrDefault();
        var authorization = Request.Headers.Authorization.FirstOrDefault();
        if (presented is null && authorization is not null && authorization.StartsWith(SchemeName + " ", StringComparison.Ordinal))
            presented = authorization[(SchemeName.Length + 1)..].Trim();
        if (string.IsNullOrEmpty(presented)) return Task.FromResult(AuthenticateResult.NoResult());
        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        foreach (var key in api.Value.ResolveKeys())
        {
            if (CryptographicOperations.FixedTimeEquals(presentedBytes, Encoding.UTF8.GetBytes(key)))
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-client")], SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }
        return Task.FromResult(AuthenticateResult.Fail("invalid API key"));
    }
}
