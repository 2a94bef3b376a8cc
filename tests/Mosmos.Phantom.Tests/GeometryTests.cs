using System.Buffers.Binary;
using Mosmos.Dicom;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Output;

namespace Mosmos.Phantom.Tests;

/// <summary>
/// The label map lies on the image where the DICOM geometry says, in every patient position: the volume rebuilt
/// from the files (sorted by ImagePositionPatient along the normal) equals the generated one, organs sit on the
/// correct side in patient coordinates, and one anatomy scanned four ways has the same organ centroids.
/// </summary>
public sealed class GeometryTests
{
    private const ulong Seed = 21;

    private static readonly PatientPosition[] All = [PatientPosition.HFS, PatientPosition.FFS, PatientPosition.HFP, PatientPosition.FFP];

    public static TheoryData<PatientPosition> Positions => [.. All];

    [Theory]
    [MemberData(nameof(Positions))]
    public void OrgansAreOnTheirAnatomicalSide(PatientPosition position)
    {
        var s = PhantomGenerator.Generate(Seed, TestStudies.Coarse, position);
        var m = s.Measurements;
        var t = s.Grid.TableOffset;
        // LPS: +x is the patient's left, +y posterior, +z superior; compare in body coordinates (minus table offset).
        Assert.True(m["liver"].CentroidMm[0] - t[0] < -20, "liver on the patient's right");
        Assert.True(m["aorta"].CentroidMm[0] - t[0] > m["inferior_vena_cava"].CentroidMm[0] - t[0], "aorta left of the IVC");
        Assert.True(m["urinary_bladder"].CentroidMm[2] < m["liver"].CentroidMm[2] - 150, "bladder far below the liver");
        Assert.True(m["stomach"].CentroidMm[1] < m["aorta"].CentroidMm[1], "stomach in front of the aorta");
        if (m.TryGetValue("spleen", out var spleen)) Assert.True(spleen.CentroidMm[0] - t[0] > 40, "spleen on the patient's left");
    }

    [Fact]
    public void SameAnatomyInEveryPositionHasTheSameCentroids()
    {
        var studies = All.Select(p => PhantomGenerator.Generate(Seed, TestStudies.Coarse, p)).ToList();
        var tolerance = studies[0].Grid.PixelSpacing * 1.5;
        foreach (var organ in new[] { "liver", "kidney_left", "aorta", "urinary_bladder" })
        {
            if (!studies[0].Measurements.ContainsKey(organ)) continue;
            var reference = Body(studies[0], organ);
            foreach (var s in studies.Skip(1))
            {
                var c = Body(s, organ);
                Assert.InRange(c[0], reference[0] - tolerance, reference[0] + tolerance);
                // Gravity moves gas and the table, not organs; x and z must agree closely, y within two pixels.
                Assert.InRange(c[1], reference[1] - 2 * tolerance, reference[1] + 2 * tolerance);
                Assert.InRange(c[2], reference[2] - s.Grid.SliceSpacing, reference[2] + s.Grid.SliceSpacing);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Positions))]
    public void FilesRebuildTheVolumeAndLabelsMarkTheRightTissue(PatientPosition position)
    {
        var s = PhantomGenerator.Generate(Seed + 1, TestStudies.Tiny, position);
        var folder = StudyWriter.Write(s, TestStudies.TempFolder($"geometry-{position}"), new StudyOutputs(Dataset: false));
        var slices = Directory.GetFiles(Path.Combine(folder, "ct")).Select(f => DicomFile.Open(f).Dataset)
            .OrderBy(d => Dot(d.GetDoubles(DicomTags.ImagePositionPatient), s.Grid.Normal)).ToList();
        var plane = s.Grid.Rows * s.Grid.Columns;
        for (int k = 0; k < slices.Count; k++)
        {
            var d = slices[k];
            Assert.Equal(s.Grid.SlicePosition(k), d.GetDoubles(DicomTags.ImagePositionPatient), (a, b) => Math.Abs(a - b) < 1e-3);
            Assert.Equal([.. s.Grid.RowDirection, .. s.Grid.ColumnDirection], d.GetDoubles(DicomTags.ImageOrientationPatient));
            var pixels = ((DicomElement)d[DicomTags.PixelData]!).Value.Span;
            for (int v = 0; v < plane; v += 7)
                Assert.Equal(s.Hu[s.Grid.Index(0, 0, k) + v], BinaryPrimitives.ReadUInt16LittleEndian(pixels[(2 * v)..]) - 1024);
        }
        Assert.InRange(MeanHu(s, "liver"), 30, 160);
        Assert.InRange(MeanHu(s, "urinary_bladder"), -20, 60);
    }

    private static double[] Body(PhantomStudy s, string organ) =>
        s.Measurements[organ].CentroidMm.Select((v, i) => v - s.Grid.TableOffset[i]).ToArray();

    private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

    private static double MeanHu(PhantomStudy s, string organ)
    {
        var label = OrganCatalog.Get(organ).DefaultLabel;
        double sum = 0;
        long n = 0;
        for (long v = 0; v < s.Labels.Length; v++)
        {
            if (s.Labels[v] != label) continue;
            sum += s.Hu[v];
            n++;
        }
        return sum / n;
    }
}
