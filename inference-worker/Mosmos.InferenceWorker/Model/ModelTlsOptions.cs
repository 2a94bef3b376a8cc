using System.Security.Cryptography;
using Mosmos.ServiceDefaults.Tls;

namespace Mosmos.InferenceWorker.Model;

/// <summary>
/// Start-up checks of the TLS settings of <see cref="ModelServerOptions"/>: every file exists and holds what its
/// key says, certificate and key come together, and the client-side files are only set for an https remote.
/// </summary>
internal static class ModelTlsOptions
{
    public static IEnumerable<string> Errors(ModelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = ModelServerOptions.SectionName;
        var clientFiles = new[] { options.RemoteCaFile, options.RemoteClientCertificateFile, options.RemoteClientKeyFile };
        if (clientFiles.Any(f => !string.IsNullOrEmpty(f))
            && !(Uri.TryCreate(options.RemoteUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps))
            yield return $"{section}:RemoteCaFile, RemoteClientCertificateFile and RemoteClientKeyFile need an https RemoteUrl.";
        if (string.IsNullOrEmpty(options.RemoteClientCertificateFile) != string.IsNullOrEmpty(options.RemoteClientKeyFile))
            yield return $"{section}:RemoteClientCertificateFile and RemoteClientKeyFile must be set together.";
        foreach (var (name, file) in new[] { ("RemoteCaFile", options.RemoteCaFile), ("ClientCaFile", options.ClientCaFile) })
        {
            if (CertificateError(file) is { } error)
                yield return $"{section}:{name}: {error}";
        }
        if (!string.IsNullOrEmpty(options.RemoteClientCertificateFile) && !string.IsNullOrEmpty(options.RemoteClientKeyFile))
        {
            string? error = null;
            try
            {
                using var pair = CertificateFiles.LoadCertificateWithKey(options.RemoteClientCertificateFile, options.RemoteClientKeyFile);
            }
            catch (Exception e) when (e is CryptographicException or IOException)
            {
                error = e.Message;
            }
            if (error is not null)
                yield return $"{section}:RemoteClientCertificateFile: {error}";
        }
    }

    private static string? CertificateError(string? file)
    {
        if (string.IsNullOrEmpty(file))
            return null;
        if (!File.Exists(file))
            return $"{file} does not exist";
        try
        {
            var certificates = CertificateFiles.LoadCertificates(file);
            foreach (var certificate in certificates)
                certificate.Dispose();
            return null;
        }
        catch (CryptographicException e)
        {
            return e.Message;
        }
    }
}
