using System.Globalization;
using System.Text.Json;
using Mosmos.Dicom;
using Mosmos.Dicom.Seg;
using Mosmos.Phantom;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Output;

namespace Mosmos.Benchmarks.Seg;

/// <summary>
/// The benchmark's input, shared by both tools: a phantom study on the 512×512×300 grid whose label map holds all
/// 15 organs a patient can have (16 catalog organs less prostate or uterus), as its CT series (Part 10 files), the
/// label map as raw bytes (x fastest, slice k = <c>slices.txt</c> line k) and the segment descriptions as JSON.
/// Cached in <c>.cache/bench/seg-512x512x300/</c>; the first seed from <see cref="FirstSeed"/> with 15 organs is used.
/// </summary>
internal sealed class SegBenchData
{
    public const int Matrix = 512;
    public const int SliceCount = 300;
    public const int OrganCount = 15;
    private const ulong FirstSeed = 3000;

    private SegBenchData(string folder, ulong seed, LabelMap labels, SourceSeries source, IReadOnlyList<SegmentDescription> segments)
    {
        Folder = folder;
        Seed = seed;
        Labels = labels;
        Source = source;
        Segments = segments;
    }

    public string Folder { get; }

    public ulong Seed { get; }

    public LabelMap Labels { get; }

    /// <summary>The CT slices in label-map order, as the writer takes them.</summary>
    public SourceSeries Source { get; }

    /// <summary>The catalog organs present in the label map.</summary>
    public IReadOnlyList<SegmentDescription> Segments { get; }

    public string SlicesFile => Path.Combine(Folder, "slices.txt");

    public string LabelsFile => Path.Combine(Folder, "labels.u8");

    public string SegmentsFile => Path.Combine(Folder, "segments.json");

    public static SegBenchData Prepare(string root)
    {
        var folder = Path.Combine(root, ".cache", "bench", $"seg-{Matrix}x{Matrix}x{SliceCount}");
        var complete = Path.Combine(folder, ".complete");
        if (!File.Exists(complete))
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            ulong seed = Generate(folder);
            File.WriteAllText(complete, seed.ToString(CultureInfo.InvariantCulture));
        }
        var slices = File.ReadAllLines(Path.Combine(folder, "slices.txt"));
        var headers = slices.Select(p => DicomFile.Open(p, new DicomReadOptions { StopBeforePixelData = true }).Dataset).ToList();
        var labels = new LabelMap(Matrix, Matrix, SliceCount, File.ReadAllBytes(Path.Combine(folder, "labels.u8")));
        var present = Present(labels.Voxels);
        var segments = SegmentDescription.FromCatalog().Where(s => present[s.LabelValue]).ToList();
        return new SegBenchData(folder, ulong.Parse(File.ReadAllText(complete), CultureInfo.InvariantCulture), labels, SourceSeriesBuilder.FromSlices(headers), segments);
    }

    private static ulong Generate(string folder)
    {
        for (ulong seed = FirstSeed; seed < FirstSeed + 20; seed++)
        {
            var study = PhantomGenerator.Generate(seed, new PhantomSize(Matrix, SliceCount));
            var present = Present(study.Labels);
            if (OrganCatalog.All.Count(o => present[o.DefaultLabel]) != OrganCount) continue;
            var ct = CtSeriesWriter.Write(study, Path.Combine(folder, "ct"));
            var g = study.Grid;
            // label slice k is CT instance InstanceNumber(g, k), as in GroundTruthSegWriter
            File.WriteAllLines(Path.Combine(folder, "slices.txt"), Enumerable.Range(0, g.Slices).Select(k => ct[CtSeriesWriter.InstanceNumber(g, k) - 1]));
            File.WriteAllBytes(Path.Combine(folder, "labels.u8"), study.Labels);
            WriteSegments(Path.Combine(folder, "segments.json"), SegmentDescription.FromCatalog().Where(s => present[s.LabelValue]));
            return seed;
        }
        throw new InvalidOperationException($"no phantom seed from {FirstSeed} has all {OrganCount} organs");
    }

    private static bool[] Present(byte[] voxels)
    {
        var present = new bool[256];
        foreach (var v in voxels) present[v] = true;
        return present;
    }

    /// <summary>The same segment descriptions for dcmjs, in its Segment Sequence item form (naturalized names).</summary>
    private static void WriteSegments(string path, IEnumerable<SegmentDescription> segments)
    {
        static object Code(CodedConcept c) => new { CodeValue = c.Value, CodingSchemeDesignator = c.Scheme, CodeMeaning = c.Meaning };
        var items = segments.Select(s => new
        {
            labelValue = s.LabelValue,
            segment = new
            {
                SegmentLabel = s.Label,
                SegmentAlgorithmType = "AUTOMATIC",
                SegmentAlgorithmName = SegBenchmark.Algorithm.Name,
                SegmentedPropertyCategoryCodeSequence = Code(s.Category),
                SegmentedPropertyTypeCodeSequence = s.TypeModifier is { } m
                    ? (object)new { CodeValue = s.Type.Value, CodingSchemeDesignator = s.Type.Scheme, CodeMeaning = s.Type.Meaning, SegmentedPropertyTypeModifierCodeSequence = Code(m) }
                    : Code(s.Type),
                RecommendedDisplayCIELabValue = s.CieLab,
            },
        });
        File.WriteAllText(path, JsonSerializer.Serialize(items));
    }
}
