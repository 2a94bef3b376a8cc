using Mosmos.Dicom;
using Mosmos.Trainer.Harvest;

namespace Mosmos.Trainer.Tests.Harvest;

public sealed class SrReportTests
{
    private static DicomDataset Item(string valueType, string code, string meaning) =>
        new DicomDataset()
            .SetString(DicomTags.RelationshipType, DicomVR.CS, "CONTAINS")
            .SetString(DicomTags.ValueType, DicomVR.CS, valueType)
            .SetSequence(DicomTags.ConceptNameCodeSequence, new CodedConcept(code, "DCM", meaning).ToDataset());

    private static DicomDataset Sr(string sopClass, string rootCode, params DicomDataset[] content) =>
        new DicomDataset()
            .SetString(DicomTags.SopClassUid, DicomVR.UI, sopClass)
            .SetString(DicomTags.ValueType, DicomVR.CS, "CONTAINER")
            .SetSequence(DicomTags.ConceptNameCodeSequence, new CodedConcept(rootCode, "LN", "Report").ToDataset())
            .SetSequence(DicomTags.ContentSequence, content);

    [Fact]
    public void SectionsBecomeHeadingsWithTheirTextAndCodes()
    {
        var findings = Item("CONTAINER", "121070", "Findings").SetSequence(DicomTags.ContentSequence,
            Item("TEXT", "121071", "Finding").SetString(DicomTags.TextValue, DicomVR.UT, "The spleen is enlarged.\\ 14 cm."),
            Item("CODE", "121071", "Finding").SetSequence(DicomTags.ConceptCodeSequence, new CodedConcept("16294009", "SCT", "Splenomegaly").ToDataset()));
        var empty = Item("CONTAINER", "121060", "History").SetSequence(DicomTags.ContentSequence,
            Item("TEXT", "121060", "History").SetString(DicomTags.TextValue, DicomVR.UT, "   "));
        var impression = Item("CONTAINER", "121072", "Impressions").SetSequence(DicomTags.ContentSequence,
            Item("TEXT", "121073", "Impression").SetString(DicomTags.TextValue, DicomVR.UT, "1. Splenomegaly."));
        var sr = Sr(SrReport.ComprehensiveSr, "18748-4", empty, findings, impression);

        Assert.True(SrReport.IsNarrativeClass(SrReport.ComprehensiveSr));
        Assert.False(SrReport.IsMeasurementReport(sr));
        Assert.Equal("Findings:\nThe spleen is enlarged.\\ 14 cm.\nFinding: Splenomegaly\n\nImpressions:\n1. Splenomegaly.", SrReport.Text(sr));
    }

    [Fact]
    public void MeasurementReportsAndEmptyTreesAreRecognised()
    {
        var tid1500 = Sr(SrReport.EnhancedSr, "126000");
        Assert.True(SrReport.IsMeasurementReport(tid1500));
        var byTemplate = Sr(SrReport.EnhancedSr, "18748-4").SetSequence(DicomTags.ContentTemplateSequence,
            new DicomDataset().SetString(DicomTags.MappingResource, DicomVR.CS, "DCMR").SetString(DicomTags.TemplateIdentifier, DicomVR.CS, "1500"));
        Assert.True(SrReport.IsMeasurementReport(byTemplate));
        Assert.Equal("", SrReport.Text(Sr(SrReport.BasicTextSr, "18748-4")));
        Assert.False(SrReport.IsNarrativeClass("1.2.840.10008.5.1.4.1.1.88.59"));  // Key Object Selection
    }
}
