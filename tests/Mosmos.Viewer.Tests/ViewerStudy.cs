using Mosmos.Dicom;
using Mosmos.Dicom.Seg;
using Mosmos.Dicom.Web;
using Mosmos.Phantom;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Output;

namespace Mosmos.Viewer.Tests;

/// <summary>
/// A phantom study (CT series + one SEG) written to disk and stored in Orthanc for the viewer: the SEG is the
/// phantom's ground truth written by <see cref="GroundTruthSegWriter"/> (dicom/Seg), or, for the negative case, the
/// same writer on a label map moved in the slice plane, so no sampled organ is where its segment is drawn.
/// </summary>
public sealed class ViewerStudy
{
    /// <summary>The organs sampled on the screen: large, and far apart in colour from one another.</summary>
    public static readonly IReadOnlyList<string> SampledOrgans = ["liver", "spleen", "kidney_right", "kidney_left"];

    private ViewerStudy(PhantomStudy study, string segPath, IReadOnlyList<SamplePoint> points, (int X, int Y) shift)
    {
        Study = study;
        SegPath = segPath;
        Points = points;
        Shift = shift;
        Segmentation = SegReader.Read(DicomFile.Open(segPath));
    }

    public PhantomStudy Study { get; }

    public string SegPath { get; }

    /// <summary>Where the ground truth says the organs (and a background point) are.</summary>
    public IReadOnlyList<SamplePoint> Points { get; }

    /// <summary>How far the SEG's labels were moved (columns, rows); (0, 0) for the ground truth.</summary>
    public (int X, int Y) Shift { get; }

    /// <summary>The SEG as written, read back: its segments and their CIELab colours.</summary>
    public Segmentation Segmentation { get; }

    public string StudyInstanceUid => Study.Identity.StudyInstanceUid;

    /// <summary>
    /// The first phantom from <paramref name="firstSeed"/> on (128×128×64) with one slice that shows liver, spleen and
    /// both kidneys (not every patient has: nephrectomy, splenectomy, organ heights), written to <paramref name="folder"/>.
    /// </summary>
    public static ViewerStudy Create(ulong firstSeed, string folder, bool moveSegments)
    {
        var organs = SampledOrgans.Select(id => (id, OrganCatalog.Get(id).DefaultLabel)).ToList();
        for (ulong seed = firstSeed; seed < firstSeed + 50; seed++)
        {
            var study = PhantomGenerator.Generate(seed, PhantomSize.Small);
            var g = study.Grid;
            if (SamplePoints.Choose(study.Labels, study.Hu, g.Columns, g.Rows, g.Slices, organs) is { } points)
                return Write(study, points, folder, moveSegments);
        }
        throw new InvalidOperationException($"no phantom from seed {firstSeed} on shows {string.Join(", ", SampledOrgans)} on one slice");
    }

    private static ViewerStudy Write(PhantomStudy study, IReadOnlyList<SamplePoint> points, string folder, bool moveSegments)
    {
        var g = study.Grid;
        var ct = CtSeriesWriter.Write(study, Path.Combine(folder, "ct"));
        var shift = moveSegments ? ShiftClearOf(study.Labels, g.Columns, g.Rows, points) : (0, 0);
        var labels = moveSegments ? Moved(study.Labels, g.Columns, g.Rows, g.Slices, shift) : study.Labels;
        var segPath = Path.Combine(folder, "seg", "SEG0001.dcm");
        new GroundTruthSegWriter().Write(study with { Labels = labels }, ct, segPath);
        return new ViewerStudy(study, segPath, points, shift);
    }

    /// <summary>Stores the CT series and the SEG through our STOW-RS client.</summary>
    public async Task StoreAsync(DicomWebClient client, string folder)
    {
        ArgumentNullException.ThrowIfNull(client);
        var files = Directory.GetFiles(Path.Combine(folder, "ct"), "*.dcm").Append(SegPath).Select(p => DicomFile.Open(p)).ToList();
        var result = await client.StoreAsync(files, StudyInstanceUid);
        if (result.Referenced.Count != files.Count)
            throw new InvalidOperationException($"Orthanc stored {result.Referenced.Count} of {files.Count} instances of study {StudyInstanceUid} (HTTP {(int)result.StatusCode})");
    }

    /// <summary>Patient position (mm) of a voxel centre.</summary>
    public double[] World(SamplePoint p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Study.Grid.PositionOf(p.Column, p.Row, p.Slice);
    }

    /// <summary>
    /// The first in-plane shift after which every sample point and its 8 neighbours hold no label at all: the moved
    /// SEG then draws nothing where the samples are, whatever colours the organs have.
    /// </summary>
    private static (int X, int Y) ShiftClearOf(byte[] labels, int columns, int rows, IReadOnlyList<SamplePoint> points)
    {
        int step = columns / 4;
        foreach (var (sx, sy) in new[] { (step, 0), (-step, 0), (0, step), (0, -step), (step, step), (-step, step), (step, -step), (-step, -step) })
        {
            bool clear = points.All(p =>
                Enumerable.Range(-1, 3).All(dy => Enumerable.Range(-1, 3).All(dx =>
                {
                    int i = p.Column + dx - sx, j = p.Row + dy - sy;
                    return i < 0 || j < 0 || i >= columns || j >= rows || labels[(p.Slice * rows + j) * columns + i] == 0;
                })));
            if (clear) return (sx, sy);
        }
        throw new InvalidOperationException("no in-plane shift moves every organ away from every sample point");
    }

    private static byte[] Moved(byte[] labels, int columns, int rows, int slices, (int X, int Y) shift)
    {
        var moved = new byte[labels.Length];
        for (int k = 0; k < slices; k++)
            for (int j = 0; j < rows; j++)
                for (int i = 0; i < columns; i++)
                {
                    int si = i - shift.X, sj = j - shift.Y;
                    if (si >= 0 && sj >= 0 && si < columns && sj < rows)
                        moved[(k * rows + j) * columns + i] = labels[(k * rows + sj) * columns + si];
                }
        return moved;
    }
}
