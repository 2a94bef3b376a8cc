using Mosmos.Dicom.Web;
using Mosmos.Testing;

namespace Mosmos.Dicom.Tests.Web;

/// <summary>
/// The real Orthanc (+DICOMweb) of <see cref="TestServices"/>, with one freshly generated 8-slice CT series stored
/// through our own STOW-RS client; new UIDs every run, so runs never see each other's data.
/// </summary>
public sealed class OrthancFixture : IAsyncLifetime
{
    public const int SliceCount = 8;

    public OrthancConnection Orthanc { get; private set; } = null!;

    public DicomWebClient Client { get; private set; } = null!;

    public string StudyInstanceUid { get; } = DicomUid.Generate();

    public string SeriesInstanceUid { get; } = DicomUid.Generate();

    public IReadOnlyList<DicomDataset> Slices { get; private set; } = [];

    public StowResult StoreResult { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Orthanc = await TestServices.GetOrthancAsync();
        Client = CreateClient();
        Slices = SyntheticCt.Slices(StudyInstanceUid, SeriesInstanceUid, SliceCount);
        StoreResult = await Client.StoreAsync(Slices);
    }

    public DicomWebClient CreateClient(Action<DicomWebClientOptions>? configure = null)
    {
        var options = new DicomWebClientOptions
        {
            BaseUrl = Orthanc.DicomWebUrl,
            Username = Orthanc.User,
            Password = Orthanc.Password,
            Timeout = TimeSpan.FromSeconds(30),
            RetryDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return new DicomWebClient(options);
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        return Task.CompletedTask;
    }
}
