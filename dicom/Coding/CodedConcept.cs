namespace Mosmos.Dicom;

/// <summary>A coded concept (PS3.3 Table 8.8-1 Code Sequence Macro): value, scheme, meaning.</summary>
public sealed record CodedConcept(string Value, string Scheme, string Meaning)
{
    /// <summary>The item of a code sequence; CodeValue is SH, so longer values go to LongCodeValue (PS3.3 8.8).</summary>
    public DicomDataset ToDataset()
    {
        var item = new DicomDataset();
        if (Value.Length <= 16) item.SetString(DicomTags.CodeValue, DicomVR.SH, Value);
        else item.SetString(DicomTags.LongCodeValue, DicomVR.UC, Value);
        return item
            .SetString(DicomTags.CodingSchemeDesignator, DicomVR.SH, Scheme)
            .SetString(DicomTags.CodeMeaning, DicomVR.LO, Meaning);
    }

    /// <summary>Reads a code sequence item; null when it has no value or scheme.</summary>
    public static CodedConcept? FromDataset(DicomDataset? item)
    {
        if (item is null) return null;
        var value = item.GetString(DicomTags.CodeValue) ?? item.GetString(DicomTags.LongCodeValue) ?? item.GetString(DicomTags.UrnCodeValue);
        var scheme = item.GetString(DicomTags.CodingSchemeDesignator);
        if (string.IsNullOrEmpty(value) || string.IsNullOrEmpty(scheme)) return null;
        return new CodedConcept(value, scheme, item.GetString(DicomTags.CodeMeaning) ?? string.Empty);
    }

    /// <summary>Same concept: value and scheme match (the meaning is display text).</summary>
    public bool Matches(CodedConcept? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal) && string.Equals(Scheme, other.Scheme, StringComparison.Ordinal);

    public override string ToString() => $"({Value}, {Scheme}, \"{Meaning}\")";
}

/// <summary>Codes used across the SEG and SR writers.</summary>
public static class Codes
{
    public static readonly CodedConcept AnatomicalStructure = new("123037004", "SCT", "Anatomical Structure");
    public static readonly CodedConcept Right = new("24028007", "SCT", "Right");
    public static readonly CodedConcept Left = new("7771000", "SCT", "Left");
    public static readonly CodedConcept ArtificialIntelligence = new("123110", "DCM", "Artificial Intelligence");
    public static readonly CodedConcept Segmentation = new("113076", "DCM", "Segmentation");
    public static readonly CodedConcept SourceImageForProcessing = new("121322", "DCM", "Source image for image processing operation");
}
