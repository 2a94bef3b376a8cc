namespace Mosmos.Phantom.Output;

/// <summary>
/// Writes the ground-truth label map as a DICOM object (a BINARY SEG) referencing the CT series. The seam where
/// the SEG writer of <c>dicom/Seg</c> plugs in; without one the truth is in the dataset format (README.md).
/// </summary>
public interface ISegmentationWriter
{
    /// <param name="ctPaths">The CT files in instance order (1-based instance n at index n − 1).</param>
    /// <param name="path">File to write, e.g. <c>STUDY/seg/SEG0001.dcm</c>.</param>
    void Write(PhantomStudy study, IReadOnlyList<string> ctPaths, string path);
}
