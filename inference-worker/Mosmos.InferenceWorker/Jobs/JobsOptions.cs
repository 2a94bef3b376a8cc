using System.ComponentModel.DataAnnotations;
using Mosmos.Dicom.Web;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>Configuration section <c>Jobs</c>: where series come from, and how long and how often a job is tried.</summary>
internal sealed class JobsOptions : IValidatableObject
{
    public const string SectionName = "Jobs";

    /// <summary>Back-off of the delayed redeliveries when none are configured.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRedeliveryDelays = [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    /// <summary>DICOMweb sources by the name the adapter puts in <c>SegmentSeries.SourceServer</c> (e.g. <c>orthanc</c>).</summary>
    public Dictionary<string, DicomWebClientOptions> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Longest a job attempt may run, fetch to store; past it the attempt fails with reason Timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Jobs run at the same time: one per model slot. The broker prefetch matches it.</summary>
    [Range(1, 64)]
    public int ModelSlots { get; set; } = 1;

    /// <summary>Immediate retries of a transient failure within one delivery (no delay: a blip of the network or the model server).</summary>
    [Range(0, 10)]
    public int ImmediateRetries { get; set; } = 2;

    /// <summary>
    /// Delays of the delayed redeliveries, one per redelivery, growing (back-off); empty uses
    /// <see cref="DefaultRedeliveryDelays"/>. After the last one a transient failure goes to the error queue.
    /// </summary>
    public List<TimeSpan> RedeliveryDelays { get; set; } = [];

    public IReadOnlyList<TimeSpan> Delays => RedeliveryDelays.Count > 0 ? RedeliveryDelays : DefaultRedeliveryDelays;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Timeout <= TimeSpan.Zero)
            yield return new ValidationResult("Jobs:Timeout must be positive", [nameof(Timeout)]);
        if (RedeliveryDelays.Any(d => d <= TimeSpan.Zero || d > TimeSpan.FromDays(1)))
            yield return new ValidationResult("Jobs:RedeliveryDelays must each be between 0 and 1 day", [nameof(RedeliveryDelays)]);
        foreach (var (name, source) in Sources)
        {
            foreach (var error in SourceErrors(source))
                yield return new ValidationResult($"Jobs:Sources:{name}: {error}", [nameof(Sources)]);
        }
    }

    private static IEnumerable<string> SourceErrors(DicomWebClientOptions source)
    {
        var result = new DicomWebClientOptionsValidator().Validate(null, source);
        return result.Failed ? result.Failures : [];
    }
}
