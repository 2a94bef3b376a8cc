using Microsoft.Extensions.Options;

namespace Mosmos.InferenceWorker.Model;

/// <summary>Cross-field and file-system rules DataAnnotations cannot express; all failures are reported together.</summary>
internal sealed class ModelServerOptionsValidator : IValidateOptions<ModelServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = ModelServerOptions.SectionName;
        if (!string.Equals(options.Device, "cpu", StringComparison.OrdinalIgnoreCase) && !options.UseCuda)
            errors.Add($"{section}:Device is '{options.Device}'; expected 'cpu' or 'cuda'.");
        if (!string.IsNullOrWhiteSpace(options.RegistryPath)
            && !Directory.Exists(options.RegistryPath) && !File.Exists(options.RegistryPath))
            errors.Add($"{section}:RegistryPath '{options.RegistryPath}' is neither a directory nor a file.");
        if (!string.IsNullOrWhiteSpace(options.RemoteUrl)
            && (!Uri.TryCreate(options.RemoteUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            errors.Add($"{section}:RemoteUrl '{options.RemoteUrl}' is not an absolute http or https URL.");
        errors.AddRange(ModelTlsOptions.Errors(options));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
