using System.Globalization;
using Mosmos.Dicom;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Patients;

namespace Mosmos.Phantom.Output;

/// <summary>
/// Patient, General Study, Patient Study and General Equipment modules (PS3.3 C.7.1.1, C.7.2.1, C.7.2.2,
/// C.7.5.1), identical in every object of a study so that dcentvfy finds them consistent.
/// </summary>
internal static class CommonModules
{
    public const string Manufacturer = "MOSMOS Phantom";
    public const string Institution = "MOSMOS Synthetic Hospital";

    public static DicomDataset PatientAndStudy(PhantomStudy s)
    {
        var id = s.Identity;
        var p = s.Patient;
        return new DicomDataset()
            .SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100")
            .SetString(DicomTags.StudyDate, DicomVR.DA, id.StudyDate)
            .SetString(DicomTags.StudyTime, DicomVR.TM, id.StudyTime)
            .SetString(DicomTags.AccessionNumber, DicomVR.SH, id.AccessionNumber)
            .SetString(DicomTags.ReferringPhysicianName, DicomVR.PN, "REFERRER^SYNTHETIC")
            .SetString(DicomTags.StudyDescription, DicomVR.LO, StudyDescription(s.Scan))
            .SetString(DicomTags.PatientName, DicomVR.PN, id.PatientName)
            .SetString(DicomTags.PatientId, DicomVR.LO, id.PatientId)
            .SetString(DicomTags.PatientBirthDate, DicomVR.DA, id.BirthDate)
            .SetString(DicomTags.PatientSex, DicomVR.CS, p.Sex == Sex.Male ? "M" : "F")
            .SetString(DicomTags.PatientAge, DicomVR.AS, p.AgeYears.ToString("000", CultureInfo.InvariantCulture) + "Y")
            .SetDecimals(DicomTags.PatientSize, p.HeightM)
            .SetDecimals(DicomTags.PatientWeight, p.WeightKg)
            .SetString(DicomTags.StudyInstanceUid, DicomVR.UI, id.StudyInstanceUid)
            .SetString(DicomTags.StudyId, DicomVR.SH, id.StudyId);
    }

    public static DicomDataset Equipment(DicomDataset d, ScanParameters scan) => d
        .SetString(DicomTags.Manufacturer, DicomVR.LO, Manufacturer)
        .SetString(DicomTags.InstitutionName, DicomVR.LO, Institution)
        .SetString(DicomTags.StationName, DicomVR.SH, "PHANTOM-CT1")
        .SetString(DicomTags.ManufacturerModelName, DicomVR.LO, scan.ManufacturerModel)
        .SetString(DicomTags.SoftwareVersions, DicomVR.LO, "mosmos-phantom 1");

    public static string StudyDescription(ScanParameters scan) => scan.Phase == ContrastPhase.NonContrast
        ? "CT ABDOMEN PELVIS WITHOUT CONTRAST"
        : "CT ABDOMEN PELVIS WITH CONTRAST";
}
