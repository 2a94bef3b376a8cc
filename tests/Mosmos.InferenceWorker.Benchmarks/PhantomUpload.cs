using System.Diagnostics;
using System.Globalization;
using Mosmos.Dicom.Web;
using Mosmos.InferenceWorker.Tests.Support;
using Mosmos.Phantom;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Output;
using Mosmos.Testing;

namespace Mosmos.InferenceWorker.Benchmarks;

/// <summary>The benchmark study: a 512×512×200 phantom CT (PhantomSize.Benchmark) written as Part 10 files and stored by STOW-RS.</summary>
internal sealed record PhantomUpload(string StudyInstanceUid, string SeriesInstanceUid, int Columns, int Rows, int Slices,
    double PixelSpacingMm, double SliceSpacingMm, double UploadSeconds)
{
    private const int FilesPerRequest = 25;

    public static async Task<PhantomUpload> RunAsync(ulong seed)
    {
        var study = PhantomGenerator.Generate(seed, PhantomSize.Benchmark);
        using var dir = new TempDirectory();
        var files = CtSeriesWriter.Write(study, dir.Path);
        var orthanc = await TestServices.GetOrthancAsync();
        using var client = new DicomWebClient(new DicomWebClientOptions
        {
            BaseUrl = orthanc.DicomWebUrl, Username = orthanc.User, Password = orthanc.Password, Timeout = TimeSpan.FromMinutes(5),
        });
        var watch = Stopwatch.StartNew();
        foreach (var chunk in files.Chunk(FilesPerRequest))
            (await client.StoreFilesAsync(chunk, study.Identity.StudyInstanceUid)).EnsureSuccess();
        var g = study.Grid;
        return new PhantomUpload(study.Identity.StudyInstanceUid, study.Identity.CtSeriesInstanceUid, g.Columns, g.Rows, g.Slices,
            g.PixelSpacing, g.SliceSpacing, watch.Elapsed.TotalSeconds);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Columns}×{Rows}×{Slices} CT, pixel {PixelSpacingMm:0.###} mm, slice spacing {SliceSpacingMm:0.###} mm");
}
