using Mosmos.Dicom;
using Mosmos.InferenceWorker.Tests.Support;
using Mosmos.Testing;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>
/// JPEG 2000 Lossless (1.2.840.10008.1.2.4.90) Part 10 files made by a real encoder: GDCM's <c>gdcmconv --j2k</c>
/// (Debian libgdcm-tools, OpenJPEG underneath), one file per instance.
/// </summary>
internal static class JpegTwoThousand
{
    public const string LosslessUid = "1.2.840.10008.1.2.4.90";

    public static async Task<List<byte[]>> CompressAsync(IReadOnlyList<DicomDataset> instances)
    {
        var gdcmconv = ExternalTool.Require("gdcmconv", "libgdcm-tools");
        using var dir = new TempDirectory();
        var files = new List<byte[]>(instances.Count);
        for (int i = 0; i < instances.Count; i++)
        {
            var plain = Path.Combine(dir.Path, $"{i}.dcm");
            var compressed = Path.Combine(dir.Path, $"{i}-j2k.dcm");
            DicomWriter.Write(plain, instances[i]);
            (await ExternalTool.RunAsync(gdcmconv, "--j2k", plain, compressed)).EnsureSuccess();
            var syntax = DicomFile.Open(compressed).TransferSyntax.Uid;
            if (syntax != LosslessUid)
                throw new InvalidOperationException($"gdcmconv --j2k wrote transfer syntax {syntax}, not JPEG 2000 Lossless");
            files.Add(await File.ReadAllBytesAsync(compressed));
        }
        return files;
    }
}
