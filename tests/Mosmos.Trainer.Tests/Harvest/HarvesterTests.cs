using Mosmos.Datasets;
using Mosmos.Phantom;
using Mosmos.Phantom.Output;
using Mosmos.Trainer.Cli;
using Mosmos.Trainer.Data;
using Mosmos.Trainer.Harvest;

namespace Mosmos.Trainer.Tests.Harvest;

/// <summary>
/// <c>harvest</c> against the real Orthanc holding <see cref="PhantomArchive"/>: what becomes a case (voxel for voxel
/// the phantom's own dataset), what is skipped and why, resuming, a damaged cache entry, the reports file.
/// The archive may hold other studies too (a long-lived instance): every check names this run's UIDs.
/// </summary>
public sealed class HarvesterTests(PhantomArchive archive) : IClassFixture<PhantomArchive>
{
    private HarvestOptions Options(string output, string? reports = null) =>
        new() { Output = output, SourceName = "dicomweb:" + archive.Orthanc.DicomWebUrl, ReportsFile = reports };

    private static HarvestSkip Skip(HarvestSummary s, string uid, string reason) =>
        Assert.Single(s.Skipped, k => k.Uid == uid && k.Reason == reason);

    [Fact]
    public async Task HarvestsLabelledAndReportOnlyCasesSaysWhyTheRestWasSkippedAndResumes()
    {
        var output = Path.Combine(archive.Work, "harvest-" + Guid.NewGuid().ToString("N"));
        var first = await new Harvester(archive.Client, Options(output)).RunAsync();

        var a = Harvester.CaseId(archive.A.Identity.CtSeriesInstanceUid);
        var b = Harvester.CaseId(archive.B.Identity.CtSeriesInstanceUid);
        Assert.Contains(a, first.Added);
        Assert.Contains(b, first.Added);
        Assert.DoesNotContain(Harvester.CaseId(archive.D.Identity.CtSeriesInstanceUid), first.Added);
        Assert.DoesNotContain(Harvester.CaseId(archive.F.Identity.CtSeriesInstanceUid), first.Added);

        Assert.Contains("has no CT series (series modalities: SR)", Skip(first, archive.C.Identity.StudyInstanceUid, "no CT series").Detail, StringComparison.Ordinal);
        Assert.Contains("which is not a CT series of study", Skip(first, archive.OtherSeriesSeg, "references another series").Detail, StringComparison.Ordinal);
        Assert.Contains("cannot be placed on the source grid", Skip(first, archive.MisalignedSeg, "not aligned with its series").Detail, StringComparison.Ordinal);
        Skip(first, archive.D.Identity.CtSeriesInstanceUid, "no SEG and no report");
        Assert.Contains("holds no text", Skip(first, archive.F.Identity.SrInstanceUid, "empty report").Detail, StringComparison.Ordinal);
        Skip(first, archive.F.Identity.CtSeriesInstanceUid, "no SEG and no report");

        var dataset = Dataset.Open(output);
        AssertSameAsPhantom(dataset, a, archive.A, labelled: true);
        AssertSameAsPhantom(dataset, b, archive.B, labelled: false);
        var report = dataset.ReadReport(dataset.Case(a))!;
        Assert.StartsWith("History:\n", report, StringComparison.Ordinal);
        Assert.Contains("Findings:\n" + archive.A.Report.Findings, report, StringComparison.Ordinal);
        Assert.Contains("Impressions:\n" + archive.A.Report.Impression, report, StringComparison.Ordinal);
        Assert.Equal("dicomweb:" + archive.Orthanc.DicomWebUrl, dataset.Case(a).Source);
        Assert.Null(dataset.Case(a).Tags);
        // The trainer takes the harvest as it is: labelled cases on its own grid.
        Assert.Contains(PreparedCase.FromDataset(dataset, 6, Intensity.AbdomenCt), c => c.Id == a);

        // Resume: nothing of this run is fetched again.
        var second = await new Harvester(archive.Client, Options(output)).RunAsync();
        Assert.DoesNotContain(a, second.Added);
        Assert.DoesNotContain(b, second.Added);
        Assert.True(second.Cached >= 2, $"{second.Cached} cached");

        // A damaged cache entry is dropped and fetched again; the reports file gives D a report and F an empty one.
        var image = Path.Combine(output, dataset.Case(a).ImageFile);
        File.WriteAllBytes(image, File.ReadAllBytes(image)[..1000]);
        var reports = Path.Combine(archive.Work, "reports-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(reports, $"accession_number,report\n{archive.D.Identity.AccessionNumber},\"FINDINGS: The liver, spleen and kidneys are normal.\"\n{archive.F.Identity.AccessionNumber},\"  \"\n");
        var third = await new Harvester(archive.Client, Options(output, reports)).RunAsync();
        Assert.Contains("is truncated or damaged", Skip(third, a, "damaged cache entry (fetched again)").Detail, StringComparison.Ordinal);
        Assert.Contains(a, third.Added);
        var d = Harvester.CaseId(archive.D.Identity.CtSeriesInstanceUid);
        Assert.Contains(d, third.Added);
        Assert.Contains("line 3) is empty", Skip(third, archive.F.Identity.AccessionNumber, "empty report").Detail, StringComparison.Ordinal);
        dataset = Dataset.Open(output);
        AssertSameAsPhantom(dataset, a, archive.A, labelled: true);
        Assert.Equal("FINDINGS: The liver, spleen and kidneys are normal.", dataset.ReadReport(dataset.Case(d)));
        Assert.Null(dataset.Case(d).LabelFile);
    }

    [Fact]
    public async Task SinceLimitAndResamplingThroughTheVerb()
    {
        var none = await new Harvester(archive.Client, Options(Path.Combine(archive.Work, "none")) with { Since = new DateOnly(2099, 1, 1) }).RunAsync();
        Assert.Equal(0, none.Studies);
        Assert.Empty(none.Added);

        var output = Path.Combine(archive.Work, "verb-" + Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable("MOSMOS__DICOMWEB__USERNAME", archive.Orthanc.User);
        Environment.SetEnvironmentVariable("MOSMOS__DICOMWEB__PASSWORD", archive.Orthanc.Password);
        try
        {
            Assert.Equal(0, HarvestCommand.Run(new Arguments(["--from", archive.Orthanc.DicomWebUrl.ToString(), "--out", output, "--limit", "1", "--spacing", "4"], new HashSet<string>())));
            Assert.Throws<UsageException>(() => HarvestCommand.Run(new Arguments(["--from", archive.Orthanc.DicomWebUrl.ToString(), "--out", output, "--since", "yesterday"], new HashSet<string>())));
            Assert.Throws<UsageException>(() => HarvestCommand.Run(new Arguments(["--from", "not a url", "--out", output], new HashSet<string>())));
        }
        finally
        {
            Environment.SetEnvironmentVariable("MOSMOS__DICOMWEB__USERNAME", null);
            Environment.SetEnvironmentVariable("MOSMOS__DICOMWEB__PASSWORD", null);
        }
        var c = Assert.Single(Dataset.Open(output).Cases);
        Assert.Equal([4.0, 4.0, 4.0], c.SpacingMm);
        Assert.Equal(c.VoxelCount, Dataset.Open(output).Load(c).Image.Length);
        Assert.Equal(16.0, c.DirectionAndOrigin[0] * c.DirectionAndOrigin[0] + c.DirectionAndOrigin[4] * c.DirectionAndOrigin[4]
            + c.DirectionAndOrigin[8] * c.DirectionAndOrigin[8], 1e-6);
    }

    [Fact]
    public async Task ACorruptManifestIsAClearError()
    {
        var output = Path.Combine(archive.Work, "corrupt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, Dataset.ManifestFileName), "{ \"format\": 1, \"labels\": ");
        var e = await Assert.ThrowsAsync<DatasetFormatException>(() => new Harvester(archive.Client, Options(output)).RunAsync());
        Assert.Contains(Path.Combine(output, Dataset.ManifestFileName), e.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid dataset manifest", e.Message, StringComparison.Ordinal);

        var reports = Path.Combine(output, "reports.csv");
        File.WriteAllText(reports, "accession,text\n");
        Assert.Throws<InvalidDataException>(() => new Harvester(archive.Client, Options(output, reports)));
    }

    /// <summary>The harvested case equals the phantom's own dataset case: grid, HU, labels (or none), UIDs.</summary>
    private void AssertSameAsPhantom(Dataset harvested, string id, PhantomStudy study, bool labelled)
    {
        var phantom = Dataset.Open(Path.Combine(archive.Generated, "dataset"));
        var expected = phantom.Case(StudyWriter.FolderName(study));
        var actual = harvested.Case(id);
        Assert.Equal(expected.Size, actual.Size);
        for (int i = 0; i < 3; i++) Assert.Equal(expected.SpacingMm[i], actual.SpacingMm[i], 1e-4);
        for (int i = 0; i < 16; i++) Assert.Equal(expected.DirectionAndOrigin[i], actual.DirectionAndOrigin[i], 1e-3);
        Assert.Equal(study.Identity.StudyInstanceUid, actual.StudyInstanceUid);
        Assert.Equal(study.Identity.CtSeriesInstanceUid, actual.SeriesInstanceUid);
        var want = phantom.Load(expected);
        var got = harvested.Load(actual);
        Assert.True(want.Image.AsSpan().SequenceEqual(got.Image), "HU voxel for voxel");
        if (!labelled)
        {
            Assert.Null(got.Labels);
            return;
        }
        byte[] expectedLabels = want.Labels!, actualLabels = got.Labels ?? throw new Xunit.Sdk.XunitException("the harvested case has no labels");
        Assert.True(expectedLabels.AsSpan().SequenceEqual(actualLabels), $"labels voxel for voxel ({expectedLabels.Zip(actualLabels).Count(p => p.First != p.Second)} differ)");
    }
}
