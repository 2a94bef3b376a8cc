using System.Security.Cryptography;
using Mosmos.Dicom.Seg;

namespace Mosmos.Dicom.Tests.Seg;

/// <summary>
/// BINARY and LABELMAP output pinned byte for byte: SHA-256 of the data set (no file meta, whose implementation
/// version changes with releases) as the writer produced it before FRACTIONAL shared its frame plan and header code.
/// A change here is a change of what every deployed worker writes: never update a hash to make this pass.
/// </summary>
public sealed class SegWriterGoldenTests
{
    private static readonly string[] Organs = ["liver", "kidney_right", "kidney_left", "spleen"];

    private static SegmentDescription[] FourOrgans() =>
        Organs.Select((id, i) => SegmentDescription.FromOrgan(OrganCatalog.Get(id), (byte)(i + 1))).ToArray();

    [Theory]
    [InlineData("baseline", SegmentationType.Binary, true, "fae74baa8ed35d52b7752585c4e0220ae67d94479e239e5047a252a6f8bd9c91")]
    [InlineData("baseline", SegmentationType.Binary, false, "bb1138156ccc4af327daad4b03f9a3205afc4cdea4995c80e44b910bfc60618e")]
    [InlineData("oblique", SegmentationType.Binary, true, "3fc89aaa4b976855f71b015d00886ac8f2baa712ee63be7bc92afc2c8f5afde3")]
    [InlineData("baseline", SegmentationType.LabelMap, true, "f4b973c8be024d213a0cb81d483492a5b95c37dd0f8993b1e7291976e7d9b232")]
    [InlineData("oblique", SegmentationType.LabelMap, true, "d26b523d590503899777cb5e7a0f83dce916c677d90807f0d00a1e32e89b2fee")]
    [InlineData("enhanced", SegmentationType.Binary, true, "a367d12339831441b27c878b76c9b8096bad364b249de3ea12abadb6f7bbf6b8")]
    public void Output_is_unchanged(string input, SegmentationType type, bool omitEmpty, string sha256)
    {
        var result = input switch
        {
            "baseline" => SegWriter.Encode(SegFixtures.Baseline(), new SegTestSeries().Source(), SegFixtures.BaselineSegments(),
                SegFixtures.Options() with { Type = type, OmitEmptyFrames = omitEmpty }),
            "oblique" => SegWriter.Encode(SegFixtures.Random(13, 11, 7, 4), new SegTestSeries
            {
                Columns = 13, Rows = 11, Slices = 7, Reversed = true, RowDirection = [0.8660254, 0.5, 0], ColumnDirection = [0.0868241, -0.1503837, -0.9848078],
            }.Source(), FourOrgans(), SegFixtures.Options() with { Type = type, OmitEmptyFrames = omitEmpty }),
            _ => SegWriter.Encode(SegFixtures.Random(7, 5, 4, labels: 2), SourceSeriesBuilder.FromEnhanced(SegSurgery.EnhancedCt(new SegTestSeries { Columns = 7, Rows = 5, Slices = 4 })),
                FourOrgans(), SegFixtures.Options("enhanced")),
        };
        using var stream = new MemoryStream();
        DicomWriter.WriteDataset(stream, result!.Dataset);

        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(stream.ToArray())));
    }
}
