using System.ComponentModel.DataAnnotations;

namespace Mosmos.Adapter.Changes;

/// <summary>
/// The archive the adapter follows (configuration section <c>Orthanc</c>): Orthanc through its change feed
/// (<see cref="Source"/> = <c>Orthanc</c>, the default) or any DICOMweb archive through QIDO-RS polling
/// (<c>DicomWeb</c>). Credentials are required.
/// </summary>
public sealed class OrthancSourceOptions : IValidatableObject
{
    public const string SectionName = "Orthanc";

    /// <summary>Name of this source in jobs; the worker looks the same name up in its own source list.</summary>
    [Required]
    public string Name { get; set; } = "orthanc";

    /// <summary>How new studies are found: Orthanc's <c>/changes</c> feed, or QIDO-RS polling of a StudyDate window.</summary>
    public SourceKind Source { get; set; } = SourceKind.Orthanc;

    /// <summary>Orthanc's REST root, e.g. http://127.0.0.1:8042/; required for the <c>Orthanc</c> source.</summary>
    public Uri? Url { get; set; }

    /// <summary>DICOMweb root; defaults to <c>{Url}dicom-web/</c>. Required for the <c>DicomWeb</c> source when there is no Url.</summary>
    public Uri? DicomWebUrl { get; set; }

    /// <summary>
    /// DicomWeb source: days before the cursor's StudyDate that every poll looks at again, for studies that arrive
    /// after their StudyDate (late transfers, a study that spans midnight, clocks in other time zones).
    /// </summary>
    [Range(0, 366)]
    public int WindowOverlapDays { get; set; } = 1;

    /// <summary>
    /// DicomWeb source: how long a study's series and instance counts must stay unchanged before it is judged stable
    /// and dispatched (Orthanc's StableAge, for archives that have none).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromSeconds(60);

    [Required]
    public string User { get; set; } = string.Empty;

    /// <summary>The password, or empty when <see cref="PasswordFile"/> names a secret file.</summary>
    public string Password { get; set; } = string.Empty;

    public string? PasswordFile { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long publishing one job may wait for the broker's confirm. Past it the poll fails (health: degraded), the cursor
    /// stays before the study and the job stays pending, to be published again on the next try.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DispatchTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Examinations of one study that may fail in a row (its QIDO-RS or metadata refused, malformed or too large while
    /// the feed itself answers) before the study is recorded as a failed job with the reason and the feed moves on, so
    /// one study the archive cannot describe never holds up every study behind it. Re-run it through the job API.
    /// </summary>
    [Range(1, 100)]
    public int MaxExaminationAttempts { get; set; } = 5;

    /// <summary>
    /// Largest DICOMweb response the adapter reads from the archive (a QIDO-RS page, one instance's metadata); a larger
    /// one is refused and counts as a failed examination of its study.
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MaxResponseBytes { get; set; } = 512L << 20;

    /// <summary>Where a new cursor starts: <c>Now</c> (only studies that become stable from now on) or <c>Beginning</c>.</summary>
    public CursorStart StartFrom { get; set; } = CursorStart.Now;

    public Uri ResolvedDicomWebUrl => DicomWebUrl ?? new Uri(Url!, "dicom-web/");

    /// <summary>Where a DICOMweb client talks to: the configured root with one trailing slash.</summary>
    public Uri DicomWebBaseUrl => ResolvedDicomWebUrl.AbsoluteUri.EndsWith('/') ? ResolvedDicomWebUrl : new Uri(ResolvedDicomWebUrl.AbsoluteUri + "/");

    /// <summary>The password from configuration or its secret file (trailing newline removed).</summary>
    public string ResolvePassword() =>
        !string.IsNullOrEmpty(Password) ? Password : File.ReadAllText(PasswordFile!).TrimEnd('\r', '\n');

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Source)) yield return new("Orthanc:Source must be Orthanc or DicomWeb", [nameof(Source)]);
        if (Url is { IsAbsoluteUri: false }) yield return new("Orthanc:Url must be an absolute URL", [nameof(Url)]);
        if (DicomWebUrl is { IsAbsoluteUri: false }) yield return new("Orthanc:DicomWebUrl must be an absolute URL", [nameof(DicomWebUrl)]);
        if (Source == SourceKind.Orthanc && Url is null)
            yield return new("Orthanc:Url is required (Orthanc's REST root, for its change feed)", [nameof(Url)]);
        if (Source == SourceKind.DicomWeb && Url is null && DicomWebUrl is null)
            yield return new("Orthanc:DicomWebUrl (or Orthanc:Url) is required for the DicomWeb source", [nameof(DicomWebUrl)]);
        if (string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(PasswordFile))
            yield return new("Orthanc:Password or Orthanc:PasswordFile is required (authentication is never off)", [nameof(Password)]);
        else if (string.IsNullOrEmpty(Password) && !File.Exists(PasswordFile))
            yield return new("Orthanc:PasswordFile does not exist", [nameof(PasswordFile)]);
    }
}

public enum SourceKind
{
    /// <summary>Orthanc's <c>/changes</c> feed (<see cref="ChangeFeedPoller"/>).</summary>
    Orthanc,

    /// <summary>QIDO-RS polling of a StudyDate window, for any DICOMweb archive (<see cref="Qido.StudyWindowPoller"/>).</summary>
    DicomWeb,
}

public enum CursorStart
{
    Now,
    Beginning,
}
