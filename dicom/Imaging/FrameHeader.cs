using System.Diagnostics.CodeAnalysis;

namespace Mosmos.Dicom.Imaging;

/// <summary>The plane and pixel format of one frame, read from a classic or an Enhanced (multi-frame) instance.</summary>
internal sealed record FrameHeader(
    DicomDataset Instance,
    string SopInstanceUid,
    string SopClassUid,
    int FrameNumber,
    bool IsMultiFrame,
    int? InstanceNumber,
    Vector3D Position,
    string PositionText,
    Vector3D RowDirection,
    Vector3D ColumnDirection,
    double RowSpacing,
    double ColumnSpacing,
    PixelFormat Format)
{
    /// <summary>The unit normal of the image plane: row direction × column direction.</summary>
    public Vector3D Normal { get; } = Vector3D.Cross(RowDirection, ColumnDirection).Normalize();

    public SliceSource ToSliceSource() =>
        new(SopInstanceUid, SopClassUid, FrameNumber, IsMultiFrame, Position, PositionText, InstanceNumber, Instance);

    /// <summary>
    /// The frames of one instance. Classic images carry their plane in the Image Plane module (PS3.3 C.7.6.2);
    /// Enhanced images in the Plane Position, Plane Orientation, Pixel Measures and Pixel Value Transformation
    /// functional groups, per frame or shared (PS3.3 C.7.6.16, C.7.6.16.2.1–3, C.7.6.16.2.9).
    /// </summary>
    public static IEnumerable<FrameHeader> Read(DicomDataset instance)
    {
        var sop = instance.GetString(DicomTags.SopInstanceUid) ?? "(no SOPInstanceUID)";
        var sopClass = instance.GetString(DicomTags.SopClassUid) ?? "";
        int? instanceNumber = instance.GetInt32(DicomTags.InstanceNumber);
        var perFrame = instance.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        if (perFrame.Count == 0)
        {
            if (instance.GetInt32(DicomTags.NumberOfFrames) is > 1 and var n)
                Reject(sop, 0, $"{n} frames without per-frame functional groups: their positions are unknown");
            var (position, text) = ReadPosition(instance, sop, 1);
            var (row, column) = ReadOrientation(instance, sop, 1);
            var (rowSpacing, columnSpacing) = ReadPixelSpacing(instance, sop, 1);
            var format = PixelFormat.Read(instance, sop,
                instance.GetDouble(DicomTags.RescaleSlope) ?? 1, instance.GetDouble(DicomTags.RescaleIntercept) ?? 0);
            yield return new FrameHeader(instance, sop, sopClass, 1, false, instanceNumber, position, text,
                row, column, rowSpacing, columnSpacing, format);
            yield break;
        }

        int frames = instance.GetInt32(DicomTags.NumberOfFrames) ?? perFrame.Count;
        if (perFrame.Count < frames)
            Reject(sop, 0, $"{perFrame.Count} per-frame functional group items for {frames} frames (PS3.3 C.7.6.16)");
        var shared = instance.GetSequenceItem(DicomTags.SharedFunctionalGroupsSequence);
        for (int i = 0; i < frames; i++)
        {
            int frame = i + 1;
            var groups = perFrame[i];
            DicomDataset Macro(DicomTag sequence) =>
                groups.GetSequenceItem(sequence) ?? shared?.GetSequenceItem(sequence) ?? Reject<DicomDataset>(sop, frame, $"no {sequence} in its functional groups");
            var (position, text) = ReadPosition(Macro(DicomTags.PlanePositionSequence), sop, frame);
            var (row, column) = ReadOrientation(Macro(DicomTags.PlaneOrientationSequence), sop, frame);
            var (rowSpacing, columnSpacing) = ReadPixelSpacing(Macro(DicomTags.PixelMeasuresSequence), sop, frame);
            var transform = groups.GetSequenceItem(DicomTags.PixelValueTransformationSequence)
                ?? shared?.GetSequenceItem(DicomTags.PixelValueTransformationSequence);
            var format = PixelFormat.Read(instance, sop,
                transform?.GetDouble(DicomTags.RescaleSlope) ?? 1, transform?.GetDouble(DicomTags.RescaleIntercept) ?? 0);
            yield return new FrameHeader(instance, sop, sopClass, frame, true, instanceNumber, position, text,
                row, column, rowSpacing, columnSpacing, format);
        }
    }

    private static (Vector3D, string) ReadPosition(DicomDataset source, string sop, int frame)
    {
        var v = source.GetDoubles(DicomTags.ImagePositionPatient);
        if (v.Length != 3 || !v.All(double.IsFinite))
            Reject(sop, frame, "ImagePositionPatient is missing or does not hold 3 numbers");
        return (new Vector3D(v[0], v[1], v[2]), source.GetString(DicomTags.ImagePositionPatient)!);
    }

    private static (Vector3D Row, Vector3D Column) ReadOrientation(DicomDataset source, string sop, int frame)
    {
        var v = source.GetDoubles(DicomTags.ImageOrientationPatient);
        if (v.Length != 6 || !v.All(double.IsFinite))
            Reject(sop, frame, "ImageOrientationPatient is missing or does not hold 6 numbers");
        var row = new Vector3D(v[0], v[1], v[2]);
        var column = new Vector3D(v[3], v[4], v[5]);
        // PS3.3 C.7.6.2.1.1: unit, orthogonal cosines. Text rounding leaves ~1e-6; more means a broken header.
        if (Math.Abs(row.Length - 1) > 1e-3 || Math.Abs(column.Length - 1) > 1e-3 || Math.Abs(Vector3D.Dot(row, column)) > 1e-3)
            Reject(sop, frame, $"ImageOrientationPatient {row} {column} is not two orthogonal unit vectors");
        return (row.Normalize(), column.Normalize());
    }

    private static (double Row, double Column) ReadPixelSpacing(DicomDataset source, string sop, int frame)
    {
        // PS3.3 10.7.1.3: [0] is the spacing between rows (adjacent row centres), [1] between columns.
        var v = source.GetDoubles(DicomTags.PixelSpacing);
        if (v.Length != 2 || !(v[0] > 0 && v[1] > 0) || !double.IsFinite(v[0] + v[1]))
            Reject(sop, frame, "PixelSpacing is missing or not two positive numbers");
        return (v[0], v[1]);
    }

    [DoesNotReturn]
    private static void Reject(string sop, int frame, string what) => Reject<object>(sop, frame, what);

    [DoesNotReturn]
    private static TResult Reject<TResult>(string sop, int frame, string what) =>
        throw new SeriesRejectedException(SeriesRejection.Undecodable,
            frame > 0 ? $"instance {sop} frame {frame}: {what}" : $"instance {sop}: {what}");
}
