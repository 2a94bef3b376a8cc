using System.Net.Http.Headers;
using System.Text;

namespace Mosmos.Testing;

/// <summary>Where the test Orthanc listens and how to log in.</summary>
/// <param name="Url">REST root, e.g. <c>http://127.0.0.1:18042</c>.</param>
/// <param name="DicomWebUrl">DICOMweb root, e.g. <c>http://127.0.0.1:18042/dicom-web</c>.</param>
/// <param name="User">HTTP basic-auth user.</param>
/// <param name="Password">HTTP basic-auth password (never printed by <see cref="ToString"/>).</param>
/// <param name="DicomPort">DICOM (C-STORE/C-ECHO) port on 127.0.0.1, 0 when unknown.</param>
/// <param name="Aet">Orthanc's AE title, empty when unknown.</param>
public sealed record OrthancConnection(Uri Url, Uri DicomWebUrl, string User, string Password, int DicomPort, string Aet)
{
    /// <summary>The <c>Authorization: Basic …</c> header value.</summary>
    public AuthenticationHeaderValue BasicAuthentication =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));

    /// <summary>
    /// An <see cref="HttpClient"/> with <see cref="Url"/> as base address, authenticated unless
    /// <paramref name="authenticated"/> is false. The caller disposes it.
    /// </summary>
    public HttpClient CreateClient(bool authenticated = true)
    {
        var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(100) };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = BasicAuthentication;
        }

        return client;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Orthanc {Url} (user {User}, DICOM port {DicomPort}, AET {Aet})";
}
