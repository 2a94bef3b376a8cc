using System.Text.Json;
using Mosmos.Dicom.Seg;
using Mosmos.Testing;

namespace Mosmos.Dicom.Tests.Seg.Interop;

/// <summary>
/// dcmjs (tests/node, pinned) reads our FRACTIONAL SEG with its data API (tests/node/<c>fractional-seg-values.mjs</c>)
/// and must find the header we meant and every stored value on its source slice.
/// </summary>
public sealed class DcmjsFractionalSegTests
{
    private static readonly string[] Organs = ["liver", "kidney_right", "kidney_left"];

    [Fact]
    public async Task Dcmjs_reads_every_fractional_value_on_its_slice()
    {
        var series = new SegTestSeries { Columns = 13, Rows = 11, Slices = 7, Reversed = true, RowDirection = [0, 1, 0], ColumnDirection = [0, 0, -1] };
        var source = series.Source();
        var maps = new FractionalSegmentation(13, 11, 7, maximumFractionalValue: 250);
        var values = Organs.Select((_, i) => SegFixtures.FractionalValues(13, 11, 7, 250, emptySlice: i + 1, seed: i)).ToArray();
        foreach (var (id, i) in Organs.Select((id, i) => (id, i)))
            maps.Add(SegmentDescription.FromOrgan(OrganCatalog.Get(id), (byte)(i + 1)), values[i]);
        var seg = SegWriter.EncodeFractional(maps, source, SegFixtures.FractionalOptions() with { FractionalType = FractionalType.Occupancy })!;

        var folder = SegFixtures.TempFolder();
        string segPath = Path.Combine(folder, "seg.dcm"), positionsPath = Path.Combine(folder, "positions.json");
        DicomWriter.Write(segPath, seg.Dataset);
        File.WriteAllText(positionsPath, JsonSerializer.Serialize(Enumerable.Range(0, series.Slices).Select(source.PositionOf)));

        var read = await DcmjsAsync(segPath, positionsPath);

        Assert.Equal(("FRACTIONAL", "OCCUPANCY", 250, 18), (read.GetProperty("segmentationType").GetString(), read.GetProperty("fractionalType").GetString(),
            read.GetProperty("maximumFractionalValue").GetInt32(), read.GetProperty("frames").GetInt32()));
        Assert.Equal([8, 8, 7], read.GetProperty("bits").EnumerateArray().Select(b => b.GetInt32()));
        Assert.Equal(Organs.Select(id => OrganCatalog.Get(id).DisplayName), read.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("label").GetString()));
        for (int i = 0; i < Organs.Length; i++)
            Assert.Equal(values[i], read.GetProperty("values").GetProperty($"{i + 1}").GetBytesFromBase64());
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<JsonElement> DcmjsAsync(string segPath, string positionsPath)
    {
        string script = Path.Combine(Path.GetDirectoryName(TestData.NodeModules)!, "fractional-seg-values.mjs");
        var options = new ExternalToolOptions { Timeout = TimeSpan.FromSeconds(30) };
        var result = (await ExternalTool.RunAsync(ExternalTool.Require("node", "nodejs"), [script, segPath, positionsPath], options)).EnsureSuccess();
        return JsonDocument.Parse(result.StandardOutput).RootElement.Clone();
    }
}
