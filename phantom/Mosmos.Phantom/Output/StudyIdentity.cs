using System.Globalization;
using Mosmos.Dicom;
using Mosmos.Phantom.Patients;
using Mosmos.Phantom.Randomness;

namespace Mosmos.Phantom.Output;

/// <summary>
/// The synthetic patient's and study's identifiers: clearly fake names (family name PHANTOM), IDs with a PH
/// prefix, dates from the seed (never the clock), and UIDs derived from the study key so that the same seed
/// always gives the same UIDs.
/// </summary>
public sealed record StudyIdentity
{
    private static readonly string[] Given =
    [
        "ALEX", "BLAIR", "CASEY", "DANA", "ELLIS", "FRANKIE", "GLENN", "HAYDEN", "JESSE", "KIM", "LEE", "MORGAN",
        "NOEL", "PAT", "QUINN", "REESE", "ROBIN", "SAM", "TAYLOR", "VAL",
    ];

    public required string Key { get; init; }
    public required string PatientName { get; init; }
    public required string PatientId { get; init; }
    public required string BirthDate { get; init; }
    public required string StudyDate { get; init; }
    public required string StudyTime { get; init; }
    public required string AccessionNumber { get; init; }
    public required string StudyId { get; init; }
    public required string StudyInstanceUid { get; init; }
    public required string CtSeriesInstanceUid { get; init; }
    public required string SrSeriesInstanceUid { get; init; }
    public required string SegSeriesInstanceUid { get; init; }
    public required string FrameOfReferenceUid { get; init; }
    public required string SrInstanceUid { get; init; }

    /// <summary>SOP Instance UID of CT slice <paramref name="instanceNumber"/> (1-based).</summary>
    public string CtInstanceUid(int instanceNumber) => DicomUid.Derive(Key, $"ct-instance-{instanceNumber.ToString(CultureInfo.InvariantCulture)}");

    public static StudyIdentity Create(ulong seed, PatientParameters patient, Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(rng);
        var key = $"mosmos-phantom-{seed.ToString(CultureInfo.InvariantCulture)}";
        // Study dates spread over 2020–2025; the birth date follows from the age.
        var study = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddDays(rng.Next(0, 6 * 365))
            .AddMinutes(rng.Next(7 * 60, 19 * 60));
        var birth = study.AddYears(-patient.AgeYears).AddDays(-rng.Next(1, 360));
        var number = (seed % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        return new StudyIdentity
        {
            Key = key,
            PatientName = $"PHANTOM^{rng.Pick(Given)}^{number}",
            PatientId = $"PH{number}",
            BirthDate = birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            StudyDate = study.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            StudyTime = study.ToString("HHmmss", CultureInfo.InvariantCulture),
            AccessionNumber = $"ACC{number}",
            StudyId = number[^6..],
            StudyInstanceUid = DicomUid.Derive(key, "study"),
            CtSeriesInstanceUid = DicomUid.Derive(key, "ct-series"),
            SrSeriesInstanceUid = DicomUid.Derive(key, "sr-series"),
            SegSeriesInstanceUid = DicomUid.Derive(key, "seg-series"),
            FrameOfReferenceUid = DicomUid.Derive(key, "frame-of-reference"),
            SrInstanceUid = DicomUid.Derive(key, "sr-instance"),
        };
    }
}
