using Mosmos.Dicom.Web;
using Mosmos.Testing;

namespace Mosmos.Viewer.Tests;

/// <summary>
/// Two phantom studies stored in the test Orthanc and opened once in OHIF: "truth" with the phantom's ground-truth
/// SEG, "moved" with a SEG of the same organs moved away from where they are. The screenshots and the viewer's
/// request and result are kept in <c>.cache/test-results/viewer/</c> as test artefacts.
/// </summary>
public sealed class ViewerFixture : IAsyncLifetime
{
    // Seeds no other test uploads, so each study holds exactly one SEG series (the viewer opens the SEG thumbnail):
    // the first suitable phantom from each (ViewerStudy.Create).
    private const ulong TruthSeed = 4100;
    private const ulong MovedSeed = 4200;

    /// <summary>Upper bound for both viewer runs together (about 1 min idle; 7 min were seen at a load average of 70 on 2 cores).</summary>
    private static readonly TimeSpan ViewerTimeout = TimeSpan.FromMinutes(15);

    public ViewerStudy Truth { get; private set; } = null!;

    public ViewerStudy Moved { get; private set; } = null!;

    public ViewerRun Run { get; private set; } = null!;

    public static string ArtefactFolder => Path.Combine(RepoPaths.Cache, "test-results", "viewer");

    public ViewerCaseResult Result(string name) => Run.Cases.Single(c => c.Name == name);

    public async Task InitializeAsync()
    {
        var orthanc = await TestServices.GetOrthancAsync();
        var work = Path.Combine(Path.GetTempPath(), "mosmos-viewer-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(ArtefactFolder);
        Truth = ViewerStudy.Create(TruthSeed, Path.Combine(work, "truth"), moveSegments: false);
        Moved = ViewerStudy.Create(MovedSeed, Path.Combine(work, "moved"), moveSegments: true);
        using (var client = new DicomWebClient(new DicomWebClientOptions { BaseUrl = orthanc.DicomWebUrl, Username = orthanc.User, Password = orthanc.Password }))
        {
            await Truth.StoreAsync(client, Path.Combine(work, "truth"));
            await Moved.StoreAsync(client, Path.Combine(work, "moved"));
        }
        Run = await OhifViewer.RunAsync(orthanc, [Case("truth", Truth), Case("moved", Moved)], ArtefactFolder, ViewerTimeout);
        Directory.Delete(work, recursive: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static ViewerCase Case(string name, ViewerStudy study) => new(
        name,
        study.StudyInstanceUid,
        study.Study.Grid.SlicePosition(study.Points[0].Slice),
        [.. study.Points.Select(p => new ViewerPoint(p.Name, study.World(p)))],
        Path.Combine(ArtefactFolder, $"ohif-{name}.png"),
        Path.Combine(ArtefactFolder, $"ohif-{name}-hidden.png"));
}
