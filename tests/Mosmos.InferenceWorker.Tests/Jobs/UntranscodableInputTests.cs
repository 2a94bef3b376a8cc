using MassTransit;
using Mosmos.Contracts;
using Mosmos.InferenceWorker.Tests.Pipeline;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>
/// A JPEG 2000 series on a DICOMweb server that cannot transcode it (a second Orthanc without its GDCM plugin,
/// which answers 500 for the frames as Explicit VR Little Endian): the job fails at once as Undecodable, naming the
/// stored transfer syntax and the fix, instead of being retried as if the server were down.
/// </summary>
public sealed class UntranscodableInputTests : IAsyncLifetime
{
    private const string Source = "no-codec";
    private OrthancWithoutGdcm _pacs = null!;
    private WorkerHost _worker = null!;

    public async Task InitializeAsync()
    {
        _pacs = await OrthancWithoutGdcm.StartAsync();
        _worker = await WorkerHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Bus:Transport"] = "InMemory",
                ["Jobs:ImmediateRetries"] = "2",
                ["Jobs:RedeliveryDelays:0"] = "00:00:01",
            },
            new Dictionary<string, int>(),
            new Dictionary<string, Dicom.Web.DicomWebClientOptions> { [Source] = WorkerHost.SourceOptions(_pacs.Connection) });
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _pacs.DisposeAsync();
    }

    [Fact]
    public async Task JpegTwoThousandOnAServerThatCannotTranscodeFailsAsUndecodableAtOnce()
    {
        var series = new SyntheticCt();
        using var http = _pacs.Connection.CreateClient();
        var rest = new OrthancInstances(http, _pacs.Connection.Url);
        foreach (var file in await JpegTwoThousand.CompressAsync(series.Build()))
            Assert.Equal(JpegTwoThousand.LosslessUid, await rest.StoredTransferSyntaxAsync(await rest.StoreAsync(file)));
        var job = WorkerHost.Job(series, source: Source);

        await _worker.Bus.Publish(job);
        var failed = await _worker.Events.FailedAsync(job.JobId);

        Assert.Equal(FailureReason.Undecodable, failed.Reason);
        Assert.Equal(1, failed.Attempt);
        Assert.Contains(JpegTwoThousand.LosslessUid, failed.Message, StringComparison.Ordinal);
        Assert.Contains("transcode", failed.Message, StringComparison.Ordinal);
        Assert.Contains("GDCM", failed.Message, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(_worker.Events.Started(job.JobId));
        Assert.True(await rest.AnswersAsync(), "the server is still up");
        Assert.Empty(await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SEG", _pacs.Connection));
    }
}
