using Mosmos.Dicom.Seg;
using Mosmos.Testing;

namespace Mosmos.Dicom.Tests.Seg;

/// <summary>
/// pydicom's test SEGs (dcmqi output, test-data.md §2): invalid on purpose — NumberOfFrames is missing and there
/// are 3 per-frame items for 1 frame of pixels. The reader refuses them with a clear error by default and reads
/// the one frame under the documented tolerance; the big-endian copy reads the same.
/// </summary>
public sealed class PydicomSegTests
{
    [Theory]
    [InlineData("liver_1frame.dcm")]
    [InlineData("liver_expb_1frame.dcm")]
    public void Missing_number_of_frames_is_a_clear_error(string name)
    {
        var file = DicomFile.Open(TestData.Pydicom(name));
        var error = Assert.Throws<DicomFormatException>(() => SegReader.Read(file));
        Assert.Contains("NumberOfFrames (Type 1) is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 items", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("liver_1frame.dcm")]
    [InlineData("liver_expb_1frame.dcm")]
    public void Tolerance_reads_the_one_frame_the_pixels_hold(string name)
    {
        var read = SegReader.Read(DicomFile.Open(TestData.Pydicom(name)), new SegReadOptions { InferMissingNumberOfFrames = true });

        Assert.Equal(SegmentationType.Binary, read.Type);
        var frame = Assert.Single(read.Frames);
        Assert.Equal(1, frame.SegmentNumber);
        Assert.Equal("1.2.392.200103.20080913.113635.2.2009.6.22.21.43.10.23433.1", frame.ReferencedSopInstanceUid);
        var segment = Assert.Single(read.Segments);
        Assert.Equal("Liver", segment.Label);
        Assert.Equal("SRT", segment.Type!.Scheme);
        Assert.Null(segment.Organ); // retired SNOMED-RT codes are not mapped to the catalog
        var pixels = new byte[512 * 512];
        read.DecodeFrame(0, pixels);
        Assert.Contains((byte)1, pixels);
    }

    [Fact]
    public void Both_byte_orders_decode_to_the_same_pixels()
    {
        var options = new SegReadOptions { InferMissingNumberOfFrames = true };
        var little = SegReader.Read(DicomFile.Open(TestData.Pydicom("liver_1frame.dcm")), options);
        var big = SegReader.Read(DicomFile.Open(TestData.Pydicom("liver_expb_1frame.dcm")), options);
        byte[] a = new byte[512 * 512], b = new byte[512 * 512];
        little.DecodeFrame(0, a);
        big.DecodeFrame(0, b);
        Assert.Equal(a, b);
    }
}
