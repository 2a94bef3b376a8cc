using System.ComponentModel.DataAnnotations;

namespace Mosmos.Adapter.Changes;

/// <summary>The Orthanc the adapter follows (configuration section <c>Orthanc</c>). Credentials are required.</summary>
public sealed class OrthancSourceOptions : IValidatableObject
{
    public const string SectionName = "Orthanc";

    /// <summary>Name of this source in jobs; the worker looks the same name up in its own source list.</summary>
    [Required]
    public string Name { get; set; } = "orthanc";

    /// <summary>Orthanc's REST root, e.g. http://127.0.0.1:8042/.</summary>
    [Required]
    public Uri? Url { get; set; }

    /// <summary>DICOMweb root; defaults to <c>{Url}dicom-web/</c>.</summary>
    public Uri? DicomWebUrl { get; set; }

    [Required]
    public string User { get; set; } = string.Empty;

    /// <summary>The password, or empty when <see cref="PasswordFile"/> names a secret file.</summary>
    public string Password { get; set; } = string.Empty;

    public string? PasswordFile { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where a new cursor starts: <c>Now</c> (only studies that become stable from now on) or <c>Beginning</c>.</summary>
    public CursorStart StartFrom { get; set; } = CursorStart.Now;

    public Uri ResolvedDicomWebUrl => DicomWebUrl ?? new Uri(Url!, "dicom-web/");

    /// <summary>The password from configuration or its secret file (trailing newline removed).</summary>
    public string ResolvePassword() =>
        !string.IsNullOrEmpty(Password) ? Password : File.ReadAllText(PasswordFile!).TrimEnd('\r', '\n');

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is { IsAbsoluteUri: false }) yield return new("Orthanc:Url must be an absolute URL", [nameof(Url)]);
        if (string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(PasswordFile))
            yield return new("Orthanc:Password or Orthanc:PasswordFile is required (authentication is never off)", [nameof(Password)]);
        else if (string.IsNullOrEmpty(Password) && !File.Exists(PasswordFile))
            yield return new("Orthanc:PasswordFile does not exist", [nameof(PasswordFile)]);
    }
}

public enum CursorStart
{
    Now,
    Beginning,
}
