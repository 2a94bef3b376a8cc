using System.Text.Json;
using Mosmos.Dicom.Seg;
using Mosmos.Testing;

namespace Mosmos.Dicom.Tests.Seg.Interop;

/// <summary>
/// dcmjs (tests/node, pinned) decodes our SEG with its data API (tests/node/seg-to-labelmap.mjs) and must
/// rebuild our label map voxel for voxel.
/// </summary>
public sealed class DcmjsSegTests
{
    private static readonly string[] Organs = ["liver", "kidney_right", "kidney_left", "spleen"];

    [Theory]
    [InlineData(SegmentationType.Binary)]
    [InlineData(SegmentationType.LabelMap)]
    public async Task Dcmjs_rebuilds_our_label_map_voxel_for_voxel(SegmentationType type)
    {
        var series = new SegTestSeries { Columns = 13, Rows = 11, Slices = 7, Reversed = true, RowDirection = [0, 1, 0], ColumnDirection = [0, 0, -1] };
        var source = series.Source();
        var map = SegFixtures.Random(13, 11, 7, labels: Organs.Length);
        Array.Clear(map.Voxels, 2 * 13 * 11, 13 * 11); // slice 2 empty: its frames are omitted
        var segments = Organs.Select((id, i) => SegmentDescription.FromOrgan(OrganCatalog.Get(id), (byte)(i + 1))).ToArray();
        var seg = SegWriter.Encode(map, source, segments, SegFixtures.Options() with { Type = type })!.Dataset;
        var shuffled = type == SegmentationType.Binary ? SegSurgery.ReorderFrames(seg, reverse: true, dropReferences: false) : ReverseByteFrames(seg);

        var folder = SegFixtures.TempFolder();
        string segPath = Path.Combine(folder, "seg.dcm"), positionsPath = Path.Combine(folder, "positions.json");
        DicomWriter.Write(segPath, shuffled);
        File.WriteAllText(positionsPath, JsonSerializer.Serialize(Enumerable.Range(0, series.Slices).Select(source.PositionOf)));

        var decoded = await DcmjsAsync(segPath, positionsPath);

        Assert.Equal((13, 11, 7), (decoded.GetProperty("columns").GetInt32(), decoded.GetProperty("rows").GetInt32(), decoded.GetProperty("slices").GetInt32()));
        Assert.Equal(map.Voxels, decoded.GetProperty("labels").GetBytesFromBase64());
        foreach (var count in decoded.GetProperty("counts").EnumerateObject())
            Assert.Equal(map.Voxels.Count(v => v == byte.Parse(count.Name, System.Globalization.CultureInfo.InvariantCulture)), count.Value.GetInt32());
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>LABELMAP frames (one byte a voxel) listed last first; SegSurgery handles BINARY only.</summary>
    private static DicomDataset ReverseByteFrames(DicomDataset seg)
    {
        int frameBytes = seg.GetUInt16(DicomTags.Rows)!.Value * seg.GetUInt16(DicomTags.Columns)!.Value;
        byte[] pixels = seg.GetBytes(DicomTags.PixelData).ToArray();
        int frames = pixels.Length / frameBytes;
        var reversed = new byte[pixels.Length];
        for (int f = 0; f < frames; f++)
            Array.Copy(pixels, f * frameBytes, reversed, (frames - 1 - f) * frameBytes, frameBytes);
        var copy = seg.Clone();
        copy.SetSequence(DicomTags.PerFrameFunctionalGroupsSequence, seg.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence).Select(i => i.Clone()).Reverse());
        copy.SetBytes(DicomTags.PixelData, DicomVR.OB, reversed);
        return copy;
    }

    private static async Task<JsonElement> DcmjsAsync(string segPath, string positionsPath)
    {
        string script = Path.Combine(Path.GetDirectoryName(TestData.NodeModules)!, "seg-to-labelmap.mjs");
        var options = new ExternalToolOptions { Timeout = TimeSpan.FromSeconds(30) };
        var result = (await ExternalTool.RunAsync(ExternalTool.Require("node", "nodejs"), [script, segPath, positionsPath], options)).EnsureSuccess();
        return JsonDocument.Parse(result.StandardOutput).RootElement.Clone();
    }
}
