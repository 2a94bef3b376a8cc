using Mosmos.Dicom;
using Mosmos.Dicom.Seg;
using Mosmos.Dicom.Web;
using Mosmos.Phantom;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Output;
using Mosmos.Testing;

namespace Mosmos.Trainer.Tests.Harvest;

/// <summary>
/// Five small phantom studies in the real Orthanc (fresh seeds, hence fresh UIDs, every run), each a harvest case:
/// <list type="bullet">
/// <item>A: CT + report SR + ground-truth SEG, plus a SEG that references another series and a newer SEG whose
/// frames lie off the CT's slices (both to be skipped, the ground truth used);</item>
/// <item>B: CT + report SR (a report-only case); C: the report SR alone (no CT);</item>
/// <item>D: CT alone (neither labels nor report); F: CT + an SR whose only text is blank.</item>
/// </list>
/// The phantom's own dataset (<c>Generated/dataset</c>) is what harvest must reproduce voxel for voxel.
/// </summary>
public sealed class PhantomArchive : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mosmos-harvest-" + Guid.NewGuid().ToString("N"));

    public OrthancConnection Orthanc { get; private set; } = null!;

    public DicomWebClient Client { get; private set; } = null!;

    public IReadOnlyList<PhantomStudy> Studies { get; private set; } = [];

    public PhantomStudy A => Studies[0];
    public PhantomStudy B => Studies[1];
    public PhantomStudy C => Studies[2];
    public PhantomStudy D => Studies[3];
    public PhantomStudy F => Studies[4];

    /// <summary>The SEG of study A that references a series that does not exist.</summary>
    public string OtherSeriesSeg { get; private set; } = "";

    /// <summary>The newest SEG of study A, shifted ten pixels off the CT grid.</summary>
    public string MisalignedSeg { get; private set; } = "";

    public string Generated => Path.Combine(_folder, "phantom");

    public string Work => _folder;

    public async Task InitializeAsync()
    {
        Orthanc = await TestServices.GetOrthancAsync();
        Client = new DicomWebClient(new DicomWebClientOptions
        {
            BaseUrl = Orthanc.DicomWebUrl, Username = Orthanc.User, Password = Orthanc.Password, Timeout = TimeSpan.FromSeconds(60),
        });
        var seed = 7_000_000_000UL + (ulong)Random.Shared.NextInt64(0, 1_000_000_000);
        var studies = new List<PhantomStudy>();
        PhantomBatch.Run(Generated, seed, 5, PhantomSize.Small, StudyOutputs.Default, (study, _) => studies.Add(study));
        Studies = studies;

        await StoreAsync(A, "ct", "sr", "seg");
        var source = Source(A);
        OtherSeriesSeg = await StoreSegAsync(A, source with { SeriesInstanceUid = DicomUid.Generate() }, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        MisalignedSeg = await StoreSegAsync(A, Shifted(source), new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        await StoreAsync(B, "ct", "sr");
        await StoreAsync(C, "sr");
        await StoreAsync(D, "ct");
        await StoreAsync(F, "ct");
        var blank = DicomFile.Open(Path.Combine(Folder(F), "sr", "SR0001.dcm")).Dataset
            .SetSequence(DicomTags.ContentSequence, new DicomDataset()
                .SetString(DicomTags.RelationshipType, DicomVR.CS, "CONTAINS")
                .SetString(DicomTags.ValueType, DicomVR.CS, "TEXT")
                .SetSequence(DicomTags.ConceptNameCodeSequence, new CodedConcept("121071", "DCM", "Finding").ToDataset())
                .SetString(DicomTags.TextValue, DicomVR.UT, "   "));
        (await Client.StoreAsync([blank], F.Identity.StudyInstanceUid)).EnsureSuccess();
    }

    public string Folder(PhantomStudy study) => Path.Combine(Generated, StudyWriter.FolderName(study));

    private async Task StoreAsync(PhantomStudy study, params string[] parts)
    {
        var files = parts.SelectMany(p => Directory.GetFiles(Path.Combine(Folder(study), p))).Order(StringComparer.Ordinal);
        (await Client.StoreFilesAsync(files, study.Identity.StudyInstanceUid)).EnsureSuccess();
    }

    /// <summary>The CT slices of a study in grid order, as the ground-truth SEG writer reads them.</summary>
    private SourceSeries Source(PhantomStudy study)
    {
        var g = study.Grid;
        var ct = Directory.GetFiles(Path.Combine(Folder(study), "ct")).Order(StringComparer.Ordinal).ToList();
        var slices = new DicomDataset[g.Slices];
        for (int k = 0; k < g.Slices; k++)
            slices[k] = DicomFile.Open(ct[CtSeriesWriter.InstanceNumber(g, k) - 1], new DicomReadOptions { StopBeforePixelData = true }).Dataset;
        return SourceSeriesBuilder.FromSlices(slices);
    }

    /// <summary>Frames that reference no CT instance and sit ten pixels along the rows from every slice.</summary>
    private static SourceSeries Shifted(SourceSeries source)
    {
        var row = source.Orientation;
        double shift = 10 * source.Spacing[1];
        var frames = source.Frames.Select((f, k) =>
        {
            var p = source.PositionOf(k);
            var moved = string.Join('\\', Enumerable.Range(0, 3).Select(i => (p[i] + shift * row[i]).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)));
            return f with { SopInstanceUid = DicomUid.Generate(), ImagePositionPatient = moved };
        }).ToList();
        return source with { Frames = frames };
    }

    private async Task<string> StoreSegAsync(PhantomStudy study, SourceSeries source, DateTime created)
    {
        var labels = new LabelMap(source.Columns, source.Rows, study.Grid.Slices, study.Labels);
        var result = SegWriter.Encode(labels, source, SegmentDescription.FromCatalog(), new SegWriterOptions
        {
            UidKey = "harvest-test-" + Guid.NewGuid().ToString("N"),
            Algorithm = new SegmentationAlgorithm("harvest test", "1"),
            Manufacturer = "MOSMOS tests",
            CreatedAt = created,
        }) ?? throw new InvalidOperationException("the phantom has no organ voxels");
        (await Client.StoreAsync([result.Dataset], study.Identity.StudyInstanceUid)).EnsureSuccess();
        return result.Dataset.GetString(DicomTags.SopInstanceUid)!;
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
