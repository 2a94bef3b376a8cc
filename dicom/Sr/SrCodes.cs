namespace Mosmos.Dicom.Sr;

/// <summary>Concept names and values of TID 1500 / TID 1411 (PS3.16) as MOSMOS writes them (dicom-seg-sr.md §3.3).</summary>
public static class SrCodes
{
    private static CodedConcept Dcm(string value, string meaning) => new(value, "DCM", meaning);

    private static CodedConcept Sct(string value, string meaning) => new(value, "SCT", meaning);

    public static readonly CodedConcept ImagingMeasurementReport = Dcm("126000", "Imaging Measurement Report");
    public static readonly CodedConcept LanguageOfContent = Dcm("121049", "Language of Content Item and Descendants");
    public static readonly CodedConcept EnglishUnitedStates = new("en-US", "RFC5646", "English (United States)");
    public static readonly CodedConcept ObserverType = Dcm("121005", "Observer Type");
    public static readonly CodedConcept Device = Dcm("121007", "Device");
    public static readonly CodedConcept DeviceObserverUid = Dcm("121012", "Device Observer UID");
    public static readonly CodedConcept DeviceObserverName = Dcm("121013", "Device Observer Name");
    public static readonly CodedConcept DeviceObserverManufacturer = Dcm("121014", "Device Observer Manufacturer");
    public static readonly CodedConcept DeviceObserverModelName = Dcm("121015", "Device Observer Model Name");
    public static readonly CodedConcept ProcedureReported = Dcm("121058", "Procedure reported");
    public static readonly CodedConcept CtUnspecifiedBodyRegion = new("25045-6", "LN", "CT unspecified body region");
    public static readonly CodedConcept MrUnspecifiedBodyRegion = new("25056-3", "LN", "MR unspecified body region");
    public static readonly CodedConcept ImageLibrary = Dcm("111028", "Image Library");
    public static readonly CodedConcept ImageLibraryGroup = Dcm("126200", "Image Library Group");
    public static readonly CodedConcept ImagingMeasurements = Dcm("126010", "Imaging Measurements");
    public static readonly CodedConcept MeasurementGroup = Dcm("125007", "Measurement Group");
    public static readonly CodedConcept TrackingIdentifier = Dcm("112039", "Tracking Identifier");
    public static readonly CodedConcept TrackingUniqueIdentifier = Dcm("112040", "Tracking Unique Identifier");
    public static readonly CodedConcept Finding = Dcm("121071", "Finding");
    public static readonly CodedConcept AlgorithmName = Dcm("111001", "Algorithm Name");
    public static readonly CodedConcept AlgorithmVersion = Dcm("111003", "Algorithm Version");
    public static readonly CodedConcept ReferencedSegment = Dcm("121191", "Referenced Segment");
    public static readonly CodedConcept SourceSeriesForSegmentation = Dcm("121232", "Source series for segmentation");
    public static readonly CodedConcept FindingSite = Sct("363698007", "Finding Site");
    public static readonly CodedConcept Laterality = Sct("272741003", "Laterality");
    public static readonly CodedConcept Volume = Sct("118565006", "Volume");
    public static readonly CodedConcept AttenuationCoefficient = Dcm("112031", "Attenuation Coefficient");
    public static readonly CodedConcept Derivation = Dcm("121401", "Derivation");

    /// <summary>Derivations from CID 7464 (SNOMED CT equivalents of the retired SRT codes).</summary>
    public static readonly CodedConcept Mean = Sct("373098007", "Mean");
    public static readonly CodedConcept Minimum = Sct("255605001", "Minimum");
    public static readonly CodedConcept Maximum = Sct("56851009", "Maximum");
    public static readonly CodedConcept StandardDeviation = Sct("386136009", "Standard Deviation");

    /// <summary>UCUM units: codes are case-sensitive, meanings are the UCUM print names.</summary>
    public static readonly CodedConcept CubicCentimeter = new("cm3", "UCUM", "cubic centimeter");
    public static readonly CodedConcept HounsfieldUnit = new("[hnsf'U]", "UCUM", "Hounsfield unit");
}
