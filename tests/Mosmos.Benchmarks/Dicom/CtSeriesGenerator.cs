using System.Globalization;
using Mosmos.Dicom;

namespace Mosmos.Benchmarks.Dicom;

/// <summary>
/// A CT series as a scanner writes it: 512 × 512 × 16-bit slices with a header of about 100 attributes (patient,
/// study, series, equipment, acquisition, dose, geometry, several sequences). Written once and cached: the folder
/// holds a marker file naming the generator version and file count.
/// </summary>
internal static class CtSeriesGenerator
{
    private const string Version = "ct512-v1";
    private const int Size = 512;

    public static IReadOnlyList<string> Ensure(string folder, int count)
    {
        var marker = Path.Combine(folder, "complete");
        var expected = $"{Version} {count}";
        if (!File.Exists(marker) || File.ReadAllText(marker) != expected)
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            Console.Error.WriteLine($"generating {count} CT files in {folder} ...");
            var study = DicomUid.Derive("bench", "study");
            var series = DicomUid.Derive("bench", "series");
            var frame = DicomUid.Derive("bench", "frame-of-reference");
            var pixels = new byte[Size * Size * 2];
            for (int i = 0; i < count; i++)
            {
                FillPixels(pixels, i);
                DicomWriter.Write(FileName(folder, i), Slice(i, study, series, frame, pixels));
            }
            File.WriteAllText(marker, expected);
        }
        return [.. Enumerable.Range(0, count).Select(i => FileName(folder, i))];
    }

    private static string FileName(string folder, int i) => Path.Combine(folder, $"CT{i + 1:D5}.dcm");

    /// <summary>A body-like ellipse of soft tissue (≈ 40 HU) in air, varying along the series, stored with intercept −1024.</summary>
    private static void FillPixels(byte[] pixels, int slice)
    {
        double rx = 200 + 20 * Math.Sin(slice / 40.0), ry = 150;
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                double dx = (x - 256) / rx, dy = (y - 256) / ry;
                int hu = dx * dx + dy * dy <= 1 ? 40 + ((x * 7 + y * 13 + slice) % 23) : -1000;
                ushort stored = (ushort)(hu + 1024);
                pixels[2 * (y * Size + x)] = (byte)stored;
                pixels[2 * (y * Size + x) + 1] = (byte)(stored >> 8);
            }
        }
    }

    private static DicomDataset Slice(int i, string study, string series, string frame, byte[] pixels)
    {
        double z = -100.0 - 1.25 * i;
        var time = $"0930{i % 60:D2}.{i:D6}";
        var ds = new DicomDataset()
            .SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100")
            .SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL")
            .SetString(DicomTags.InstanceCreationDate, DicomVR.DA, "20260312")
            .SetString(DicomTags.InstanceCreationTime, DicomVR.TM, time)
            .SetString(DicomTags.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2")
            .SetString(DicomTags.SopInstanceUid, DicomVR.UI, DicomUid.Derive("bench", "instance-" + i.ToString(CultureInfo.InvariantCulture)))
            .SetString(DicomTags.StudyDate, DicomVR.DA, "20260312")
            .SetString(DicomTags.SeriesDate, DicomVR.DA, "20260312")
            .SetString(DicomTags.AcquisitionDate, DicomVR.DA, "20260312")
            .SetString(DicomTags.ContentDate, DicomVR.DA, "20260312")
            .SetString(DicomTags.StudyTime, DicomVR.TM, "092811")
            .SetString(DicomTags.SeriesTime, DicomVR.TM, "092954")
            .SetString(DicomTags.AcquisitionTime, DicomVR.TM, time)
            .SetString(DicomTags.ContentTime, DicomVR.TM, time)
            .SetString(DicomTags.AccessionNumber, DicomVR.SH, "A20260312-0042")
            .SetString(DicomTags.Modality, DicomVR.CS, "CT")
            .SetString(DicomTags.Manufacturer, DicomVR.LO, "MOSMOS Imaging")
            .SetString(DicomTags.InstitutionName, DicomVR.LO, "Hôpital Général")
            .SetString(DicomTags.InstitutionAddress, DicomVR.ST, "1 Rue de l'Hôpital, 75000 Paris")
            .SetString(DicomTags.ReferringPhysicianName, DicomVR.PN, "Durand^Émile^^Dr")
            .SetString(DicomTags.StationName, DicomVR.SH, "CT01")
            .SetString(DicomTags.StudyDescription, DicomVR.LO, "CT ABDOMEN PELVIS WITH CONTRAST")
            .SetSequence(DicomTags.ProcedureCodeSequence, Code("74177", "CPT4", "CT abdomen and pelvis with contrast"))
            .SetString(DicomTags.SeriesDescription, DicomVR.LO, "Portal venous 1.25mm")
            .SetString(DicomTags.InstitutionalDepartmentName, DicomVR.LO, "Radiology")
            .SetString(DicomTags.OperatorsName, DicomVR.PN, "Martin^Claire")
            .SetString(DicomTags.ManufacturerModelName, DicomVR.LO, "Phantom 128")
            .SetSequence(DicomTags.ReferencedPerformedProcedureStepSequence, new DicomDataset()
                .SetString(DicomTags.ReferencedSopClassUid, DicomVR.UI, "1.2.840.10008.3.1.2.3.3")
                .SetString(DicomTags.ReferencedSopInstanceUid, DicomVR.UI, DicomUid.Derive("bench", "mpps")))
            .SetSequence(DicomTags.ReferencedImageSequence, new DicomDataset()
                .SetString(DicomTags.ReferencedSopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2")
                .SetString(DicomTags.ReferencedSopInstanceUid, DicomVR.UI, DicomUid.Derive("bench", "scout")))
            .SetString(DicomTags.PatientName, DicomVR.PN, "Lefèvre^Jeanne")
            .SetString(DicomTags.PatientId, DicomVR.LO, "BENCH0001")
            .SetString(DicomTags.PatientBirthDate, DicomVR.DA, "19580704")
            .SetString(DicomTags.PatientSex, DicomVR.CS, "F")
            .SetString(DicomTags.PatientAge, DicomVR.AS, "067Y")
            .SetDecimals(DicomTags.PatientSize, 1.64)
            .SetDecimals(DicomTags.PatientWeight, 61.5)
            .SetString(DicomTags.BodyPartExamined, DicomVR.CS, "ABDOMEN")
            .SetDecimals(DicomTags.SliceThickness, 1.25)
            .SetDecimals(DicomTags.Kvp, 120)
            .SetDecimals(DicomTags.DataCollectionDiameter, 500)
            .SetString(DicomTags.DeviceSerialNumber, DicomVR.LO, "SN-4711")
            .SetString(DicomTags.SoftwareVersions, DicomVR.LO, "VB20A", "SOMARIS/7")
            .SetString(DicomTags.ProtocolName, DicomVR.LO, "Abdomen_PV_1.25")
            .SetDecimals(DicomTags.ReconstructionDiameter, 380)
            .SetDecimals(DicomTags.DistanceSourceToDetector, 1085.6)
            .SetDecimals(DicomTags.DistanceSourceToPatient, 595)
            .SetDecimals(DicomTags.GantryDetectorTilt, 0)
            .SetDecimals(DicomTags.TableHeight, 152)
            .SetString(DicomTags.RotationDirection, DicomVR.CS, "CW")
            .SetIntegerStrings(DicomTags.ExposureTime, 500)
            .SetIntegerStrings(DicomTags.XRayTubeCurrent, 212)
            .SetIntegerStrings(DicomTags.Exposure, 106)
            .SetString(DicomTags.FilterType, DicomVR.SH, "FLAT")
            .SetIntegerStrings(DicomTags.GeneratorPower, 25)
            .SetDecimals(DicomTags.FocalSpots, 0.7)
            .SetString(DicomTags.ConvolutionKernel, DicomVR.SH, "B30f")
            .SetString(DicomTags.PatientPosition, DicomVR.CS, "FFS")
            .SetFloat64(DicomTags.RevolutionTime, 0.5)
            .SetFloat64(DicomTags.SingleCollimationWidth, 0.6)
            .SetFloat64(DicomTags.TotalCollimationWidth, 38.4)
            .SetFloat64(DicomTags.TableSpeed, 46.1)
            .SetFloat64(DicomTags.TableFeedPerRotation, 23.0)
            .SetFloat64(DicomTags.SpiralPitchFactor, 0.6)
            .SetFloat64(DicomTags.DataCollectionCenterPatient, 0, -152, z)
            .SetFloat64(DicomTags.ReconstructionTargetCenterPatient, 0, -152, z)
            .SetString(DicomTags.ExposureModulationType, DicomVR.CS, "XYZ_EC")
            .SetFloat64(DicomTags.CtdIvol, 9.86)
            .SetSequence(DicomTags.CtdiPhantomTypeCodeSequence, Code("113691", "DCM", "IEC Body Dosimetry Phantom"))
            .SetString(DicomTags.StudyInstanceUid, DicomVR.UI, study)
            .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, series)
            .SetString(DicomTags.StudyId, DicomVR.SH, "42")
            .SetIntegerStrings(DicomTags.SeriesNumber, 4)
            .SetIntegerStrings(DicomTags.AcquisitionNumber, 2)
            .SetIntegerStrings(DicomTags.InstanceNumber, i + 1)
            .SetDecimals(DicomTags.ImagePositionPatient, -189.6, -341.6, z)
            .SetDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0)
            .SetString(DicomTags.FrameOfReferenceUid, DicomVR.UI, frame)
            .SetString(DicomTags.PositionReferenceIndicator, DicomVR.LO, "")
            .SetDecimals(DicomTags.SliceLocation, z)
            .SetUInt16(DicomTags.SamplesPerPixel, 1)
            .SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
            .SetUInt16(DicomTags.Rows, Size)
            .SetUInt16(DicomTags.Columns, Size)
            .SetDecimals(DicomTags.PixelSpacing, 0.7421875, 0.7421875)
            .SetUInt16(DicomTags.BitsAllocated, 16)
            .SetUInt16(DicomTags.BitsStored, 12)
            .SetUInt16(DicomTags.HighBit, 11)
            .SetUInt16(DicomTags.PixelRepresentation, 0)
            .SetDecimals(DicomTags.WindowCenter, 40, 400)
            .SetDecimals(DicomTags.WindowWidth, 400, 1500)
            .SetDecimals(DicomTags.RescaleIntercept, -1024)
            .SetDecimals(DicomTags.RescaleSlope, 1)
            .SetString(DicomTags.RescaleType, DicomVR.LO, "HU")
            .SetString(DicomTags.WindowCenterWidthExplanation, DicomVR.LO, "WINDOW1", "WINDOW2")
            .SetString(DicomTags.LossyImageCompression, DicomVR.CS, "00")
            .SetSequence(DicomTags.RequestAttributesSequence, new DicomDataset()
                .SetString(DicomTags.RequestedProcedureId, DicomVR.SH, "RP0042")
                .SetString(DicomTags.ScheduledProcedureStepId, DicomVR.SH, "SPS0042")
                .SetString(DicomTags.AccessionNumber, DicomVR.SH, "A20260312-0042"))
            .SetString(DicomTags.PerformedProcedureStepStartDate, DicomVR.DA, "20260312")
            .SetString(DicomTags.PerformedProcedureStepId, DicomVR.SH, "PPS0042")
            .SetSequence(DicomTags.AnatomicRegionSequence, Code("818981001", "SCT", "Abdomen"))
            .SetString(DicomTags.IrradiationEventUid, DicomVR.UI, DicomUid.Derive("bench", "irradiation"));
        // Two private blocks, as scanners write them: a creator and a handful of values each.
        ds.SetString(new DicomTag(0x0019, 0x0010), DicomVR.LO, "MOSMOS CT VA0 COAD")
            .SetString(new DicomTag(0x0019, 0x1090), DicomVR.LO, "FastRecon")
            .SetDecimals(new DicomTag(0x0019, 0x1092), 0.5)
            .SetString(new DicomTag(0x0029, 0x0010), DicomVR.LO, "MOSMOS CSA HEADER")
            .SetBytes(new DicomTag(0x0029, 0x1010), DicomVR.OB, new byte[1024]);
        return ds.SetBytes(DicomTags.PixelData, DicomVR.OW, pixels);
    }

    private static DicomDataset Code(string value, string scheme, string meaning) => new DicomDataset()
        .SetString(DicomTags.CodeValue, DicomVR.SH, value)
        .SetString(DicomTags.CodingSchemeDesignator, DicomVR.SH, scheme)
        .SetString(DicomTags.CodeMeaning, DicomVR.LO, meaning);
}
