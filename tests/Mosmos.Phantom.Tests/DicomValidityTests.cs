using Mosmos.Dicom;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Output;

namespace Mosmos.Phantom.Tests;

/// <summary>The CT series and the report SR pass dciodvfy without errors or warnings; dcentvfy finds the study consistent.</summary>
public sealed class DicomValidityTests
{
    [Theory]
    [InlineData(11UL, PatientPosition.HFS)]
    [InlineData(12UL, PatientPosition.FFP)]
    public void CtSeriesAndSrAreValid(ulong seed, PatientPosition position)
    {
        var study = PhantomGenerator.Generate(seed, TestStudies.Coarse, position);
        var folder = StudyWriter.Write(study, TestStudies.TempFolder($"validity-{seed}"), StudyOutputs.Default with { Dataset = false });
        var ct = Directory.GetFiles(Path.Combine(folder, "ct"), "*.dcm").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(study.Grid.Slices, ct.Length);
        var sr = Path.Combine(folder, "sr", "SR0001.dcm");
        var seg = Path.Combine(folder, "seg", "SEG0001.dcm");
        foreach (var file in new[] { ct[0], ct[ct.Length / 2], ct[^1], sr, seg })
        {
            var output = TestStudies.Validate("dciodvfy", file);
            Assert.DoesNotContain("Error", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Warning", output, StringComparison.Ordinal);
        }
        // dcentvfy places AccessionNumber in the Series IE for CT and SEG but in the Study IE for SR: a known quirk of
        // its tables (reported in either order), not an inconsistency of values; everything else must be silent.
        var entity = TestStudies.Validate("dcentvfy", [.. ct, sr, seg]).Split('\n')
            .Where(l => l.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(l, "<AccessionNumber> IE <(Series|Study)> versus <(Study|Series)>")).ToList();
        Assert.Empty(entity);
    }

    [Fact]
    public void GroundTruthSegReadsBackToTheLabelMapVoxelForVoxel()
    {
        var study = PhantomGenerator.Generate(14, TestStudies.Coarse, PatientPosition.FFS);
        var folder = StudyWriter.Write(study, TestStudies.TempFolder("seg-roundtrip"), StudyOutputs.Default with { Dataset = false });
        var ct = Directory.GetFiles(Path.Combine(folder, "ct"), "*.dcm").Select(p => DicomFile.Open(p).Dataset)
            .OrderBy(d => d.GetInt32(DicomTags.InstanceNumber)).ToArray();
        var g = study.Grid;
        var inGridOrder = Enumerable.Range(0, g.Slices).Select(k => ct[CtSeriesWriter.InstanceNumber(g, k) - 1]).ToArray();
        var source = Mosmos.Dicom.Seg.SourceSeriesBuilder.FromSlices(inGridOrder);
        var segmentation = Mosmos.Dicom.Seg.SegReader.Read(DicomFile.Open(Path.Combine(folder, "seg", "SEG0001.dcm")).Dataset);
        var read = segmentation.ToLabelMap(source);
        var organs = segmentation.Segments.ToDictionary(s => s.Number, s => s.Organ!.DefaultLabel);
        var expected = study.Labels;
        int mismatches = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            int got = read.Labels.Voxels[i] == 0 ? 0 : organs[read.Labels.Voxels[i]];
            if (got != expected[i]) mismatches++;
        }
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void CtTagsAreRealistic()
    {
        var study = PhantomGenerator.Generate(13, TestStudies.Tiny);
        var folder = StudyWriter.Write(study, TestStudies.TempFolder("tags"), new StudyOutputs(Dataset: false));
        var d = DicomFile.Open(Path.Combine(folder, "ct", "CT0001.dcm")).Dataset;
        Assert.Equal("MOSMOS Phantom", d.GetString(DicomTags.Manufacturer));
        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], d.GetStrings(DicomTags.ImageType));
        Assert.Equal("ABDOMEN", d.GetString(DicomTags.BodyPartExamined));
        Assert.Equal(-1024, d.GetDoubles(DicomTags.RescaleIntercept)[0]);
        Assert.StartsWith("PHANTOM^", d.GetString(DicomTags.PatientName), StringComparison.Ordinal);
        Assert.Equal(study.Scan.Position.ToString(), d.GetString(DicomTags.PatientPosition));
        Assert.Equal(study.Scan.Phase != ContrastPhase.NonContrast, d.Contains(DicomTags.ContrastBolusAgent));
        var sr = DicomFile.Open(Path.Combine(folder, "sr", "SR0001.dcm")).Dataset;
        Assert.Equal(d.GetString(DicomTags.StudyInstanceUid), sr.GetString(DicomTags.StudyInstanceUid));
        Assert.Equal(d.GetString(DicomTags.PatientId), sr.GetString(DicomTags.PatientId));
    }
}
