using System.ComponentModel.DataAnnotations;

namespace Mosmos.InferenceWorker.Pipeline.Offline;

/// <summary>Configuration section <c>Offline</c>, filled from the <c>segment</c> command line.</summary>
internal sealed class OfflineOptions : IValidatableObject
{
    public const string SectionName = "Offline";

    /// <summary>Folder of Part 10 files of one series (sub-folders included; files that are not DICOM are skipped).</summary>
    [Required(ErrorMessage = "segment needs a DICOM_DIR")]
    public string? Input { get; set; }

    /// <summary>Folder that receives seg.dcm and sr.dcm.</summary>
    [Required(ErrorMessage = "segment needs --out DIR")]
    public string? Output { get; set; }

    /// <summary>The ONNX model file (with FILE.sha256 beside it); the registry's model when empty.</summary>
    public string? Model { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Input is { Length: > 0 } && !Directory.Exists(Input))
            yield return new ValidationResult($"DICOM_DIR {Input} is not a folder", [nameof(Input)]);
        if (Model is { Length: > 0 } && !File.Exists(Model))
            yield return new ValidationResult($"--model {Model} does not exist", [nameof(Model)]);
    }
}
