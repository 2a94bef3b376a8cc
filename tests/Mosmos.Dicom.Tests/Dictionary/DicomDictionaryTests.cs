using Mosmos.Testing;

namespace Mosmos.Dicom.Tests.Dictionary;

/// <summary>The generated dictionary against dcmtk's naming (dcmdump prints its own dictionary's keywords).</summary>
public sealed class DicomDictionaryTests
{
    [Fact]
    public async Task Keywords_and_VRs_match_dcmdump_on_a_real_file()
    {
        var dump = await ExternalTool.RunAsync("dcmdump", "-q", TestData.Pydicom("CT_small.dcm"));
        dump.EnsureSuccess();
        int checkedCount = 0;
        foreach (var line in dump.StandardOutput.Split('\n'))
        {
            // "(0010,0010) PN [CompressedSamples^CT1]  #  22, 1 PatientName"
            if (line.Length < 15 || line[0] != '(' || !DicomTag.TryParse(line.AsSpan(0, 11), out var tag)
                || tag.IsPrivate || tag.IsGroupLength || tag.Group == 0xFFFE) continue;
            var keyword = line[(line.LastIndexOf(' ') + 1)..].Trim();
            var entry = DicomDictionary.Find(tag);
            Assert.NotNull(entry);
            Assert.Equal(keyword, entry.Keyword);
            // PS3.6 lists "US or SS" and "OB or OW" for some attributes: our entry keeps the implicit-VR choice.
            var vr = line.Substring(12, 2);
            bool alternative = (entry.VR == DicomVR.US && vr == "SS") || (entry.VR == DicomVR.OW && vr == "OB");
            if (!alternative) Assert.Equal(vr, entry.VR.ToString());
            checkedCount++;
        }
        Assert.True(checkedCount > 50, $"{checkedCount} entries checked");
    }

    [Theory]
    [InlineData(0x60000010u, "OverlayRows")]
    [InlineData(0x601E0010u, "OverlayRows")]
    [InlineData(0x60223000u, "OverlayData")]
    [InlineData(0x50100005u, "CurveDimensions")]
    public void Repeating_groups_are_found(uint tag, string keyword) =>
        Assert.Equal(keyword, DicomDictionary.Find(new DicomTag(tag))?.Keyword);

    [Fact]
    public void Implicit_VR_of_private_and_unknown_tags()
    {
        Assert.Equal(DicomVR.LO, DicomDictionary.ImplicitVR(new DicomTag(0x0009, 0x0010)));
        Assert.Equal(DicomVR.UN, DicomDictionary.ImplicitVR(new DicomTag(0x0009, 0x1001)));
        Assert.Equal(DicomVR.UL, DicomDictionary.ImplicitVR(new DicomTag(0x0008, 0x0000)));
        Assert.Equal(DicomVR.PN, DicomDictionary.ImplicitVR(DicomTags.PatientName));
    }
}
