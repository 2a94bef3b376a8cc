using Mosmos.Dicom;

namespace Mosmos.Benchmarks.Reliability;

/// <summary>
/// A poison study that passes every rule of the adapter (CT Image Storage, axial, abdomen, enough slices) but whose
/// pixel data no one can decode: each slice's Pixel Data becomes one encapsulated JPEG Lossless (PS3.5 §A.4.2,
/// 1.2.840.10008.1.2.4.70) fragment holding a start-of-image and an end-of-image marker with nothing between
/// (ITU T.81 §B.2.1 needs a frame header and a scan in between). Orthanc stores it as it is; transcoding it to Explicit
/// VR Little Endian for the worker fails, and the worker must fail the job as Undecodable instead of retrying it or
/// holding up the jobs queued behind it.
/// </summary>
internal static class PoisonSeries
{
    private static readonly byte[] EmptyJpeg = [0xFF, 0xD8, 0xFF, 0xD9];

    /// <summary>Rewrites each Part 10 file in place with the undecodable pixel data.</summary>
    public static void MakeUndecodable(IEnumerable<string> ctFiles)
    {
        ArgumentNullException.ThrowIfNull(ctFiles);
        foreach (var path in ctFiles)
        {
            var dataset = DicomFile.Open(path).Dataset.Clone();
            dataset.Remove(DicomTags.PixelData);
            dataset.Set(new DicomFragments(DicomTags.PixelData, DicomVR.OB, [], [new DicomElement(DicomTag.Item, DicomVR.OB, EmptyJpeg)]));
            // Values read from the file may still be deferred to it: write beside it, then replace it.
            DicomWriter.Write(path + ".poison", dataset, TransferSyntax.JpegLosslessSV1);
            File.Move(path + ".poison", path, overwrite: true);
        }
    }
}
