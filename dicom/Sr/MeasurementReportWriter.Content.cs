using Mosmos.Dicom.Seg;
using static Mosmos.Dicom.Sr.ContentItem;

namespace Mosmos.Dicom.Sr;

public static partial class MeasurementReportWriter
{
    /// <summary>
    /// The TID 1500 tree in template order (order is significant): language, device observer context (TID 1002,
    /// 1004), procedure reported, image library (TID 1600), imaging measurements with one TID 1411 group per
    /// segment. With no segment the Imaging Measurements container is empty: a complete report of no findings.
    /// </summary>
    private static void AddContent(DicomDataset ds, MeasurementReportInput input)
    {
        string deviceUid = input.DeviceObserverUid ?? DicomUid.Derive("mosmos", "device-observer");
        var procedure = input.ProcedureReported
            ?? (input.Source.Modality == "MR" ? SrCodes.MrUnspecifiedBodyRegion : SrCodes.CtUnspecifiedBodyRegion);
        var children = new List<DicomDataset>
        {
            Code(HasConceptModifier, SrCodes.LanguageOfContent, SrCodes.EnglishUnitedStates),
            Code(HasObservationContext, SrCodes.ObserverType, SrCodes.Device),
            UidRef(HasObservationContext, SrCodes.DeviceObserverUid, deviceUid),
            Text(HasObservationContext, SrCodes.DeviceObserverName, input.DeviceObserverName),
            Text(HasObservationContext, SrCodes.DeviceObserverManufacturer, input.Manufacturer),
            Text(HasObservationContext, SrCodes.DeviceObserverModelName, input.ManufacturerModelName),
            Code(HasConceptModifier, SrCodes.ProcedureReported, procedure),
        };
        if (input.IncludeImageLibrary)
        {
            var images = input.Source.Frames.DistinctBy(f => f.SopInstanceUid)
                .Select(f => Image(Contains, null, f.SopClassUid, f.SopInstanceUid));
            children.Add(Container(Contains, SrCodes.ImageLibrary, [Container(Contains, SrCodes.ImageLibraryGroup, images)]));
        }
        // TID 1500 needs one of its measurement containers: with nothing found it stays, empty.
        var groups = input.Segmentation is { } seg ? seg.Segments.Select(s => MeasurementGroup(input, seg, s)) : [];
        children.Add(Container(Contains, SrCodes.ImagingMeasurements, groups));

        var root = ContentItem.Container(null, SrCodes.ImagingMeasurementReport, children);
        foreach (var item in root) ds.Set(item);
        ds.SetSequence(DicomTags.ContentTemplateSequence, new DicomDataset()
            .SetString(DicomTags.MappingResource, DicomVR.CS, "DCMR")
            .SetString(DicomTags.TemplateIdentifier, DicomVR.CS, "1500"));
    }

    /// <summary>TID 1411 Volumetric ROI Measurements for one SEG segment.</summary>
    private static DicomDataset MeasurementGroup(MeasurementReportInput input, SegmentationResult seg, EncodedSegment segment)
    {
        var d = segment.Description;
        var items = new List<DicomDataset>
        {
            Text(HasObservationContext, SrCodes.TrackingIdentifier, d.TrackingId ?? d.Label),
            UidRef(HasObservationContext, SrCodes.TrackingUniqueIdentifier, segment.TrackingUid),
            Code(Contains, SrCodes.Finding, d.Type),
        };
        if (input.Algorithm is { } algorithm)
        {
            items.Add(Text(HasConceptModifier, SrCodes.AlgorithmName, algorithm.Name));
            items.Add(Text(HasConceptModifier, SrCodes.AlgorithmVersion, algorithm.Version));
        }
        items.Add(Image(Contains, SrCodes.ReferencedSegment, seg.SopClassUid, seg.SopInstanceUid, segment.SegmentNumber));
        items.Add(UidRef(Contains, SrCodes.SourceSeriesForSegmentation, input.Source.SeriesInstanceUid));
        items.Add(d.TypeModifier is { } side
            ? Code(HasConceptModifier, SrCodes.FindingSite, d.Type, Code(HasConceptModifier, SrCodes.Laterality, side))
            : Code(HasConceptModifier, SrCodes.FindingSite, d.Type));
        if (input.Measurements.TryGetValue(d.LabelValue, out var m))
        {
            items.Add(Num(Contains, SrCodes.Volume, Math.Round(m.VolumeCm3, 4), SrCodes.CubicCentimeter));
            if (m.Intensity is { } hu && input.Source.Modality == "CT")
            {
                items.Add(Hu(hu.Mean, SrCodes.Mean));
                items.Add(Hu(hu.Minimum, SrCodes.Minimum));
                items.Add(Hu(hu.Maximum, SrCodes.Maximum));
                items.Add(Hu(hu.StandardDeviation, SrCodes.StandardDeviation));
            }
        }
        return Container(Contains, SrCodes.MeasurementGroup, items);
    }

    private static DicomDataset Hu(double value, CodedConcept derivation) =>
        Num(Contains, SrCodes.AttenuationCoefficient, Math.Round(value, 2), SrCodes.HounsfieldUnit,
            Code(HasConceptModifier, SrCodes.Derivation, derivation));
}
