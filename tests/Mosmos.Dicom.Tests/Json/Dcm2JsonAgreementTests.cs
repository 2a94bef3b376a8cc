using System.Text.Json.Nodes;
using Mosmos.Testing;
using Xunit.Abstractions;

namespace Mosmos.Dicom.Tests.Json;

/// <summary>
/// The oracle test of issue 2: on every file of the real corpus our DICOM JSON agrees with dcmtk 3.6.7's
/// <c>dcm2json -fc</c> value for value (see <see cref="JsonAgreement"/> for the normalisations). Where dcm2json
/// cannot convert a file, the file is still compared: compressed pixel data (dcm2json exit 81) on a copy without
/// Pixel Data; an ISO 2022 IR 87 character set that this system's iconv lacks (exit 80) on a copy whose
/// Specific Character Set says ISO_IR 100 (our decoding of those sets is checked against pydicom's in
/// DicomFileReadTests and DicomCharacterSetTests). Files dcm2json rejects as malformed must make us throw <see cref="DicomFormatException"/>.
/// </summary>
public sealed class Dcm2JsonAgreementTests(ITestOutputHelper output)
{
    private const int CompressedPixelData = 81, CharacterSetUnsupported = 80;

    /// <summary>Files dcm2json rejects that we read on purpose, each with its reason and the test that checks it.</summary>
    private static readonly Dictionary<string, string> Tolerated = new(StringComparer.Ordinal)
    {
        ["test_files/SC_rgb_jpeg.dcm"] = "implicit VR data set under an explicit-VR meta header; we follow the bytes "
            + "like pydicom (DicomFileReadTests.Implicit_data_set_under_explicit_meta_is_read_as_its_bytes_say)",
    };

    [Fact]
    public async Task Every_corpus_file_agrees_with_dcm2json()
    {
        ExternalTool.Require("dcm2json", "dcmtk");
        ExternalTool.Require("dcmodify", "dcmtk");
        using var temp = new TempDirectory();
        var agreement = new JsonAgreement();
        int compared = 0, rejectedByBoth = 0, viaCopy = 0, tolerated = 0;
        var failures = new List<string>();
        var rejected = new List<string>();
        foreach (var path in Corpus.AllFiles())
        {
            var name = Corpus.Name(path);
            var dcmtk = await ExternalTool.RunAsync("dcm2json", "-fc", path);
            var target = path;
            // At most two rounds: a file can have both compressed pixels and an ISO 2022 IR 87 character set.
            for (int round = 0; round < 2 && dcmtk.ExitCode is CompressedPixelData or CharacterSetUnsupported; round++)
            {
                target = await CopyWithout(target, temp, dcmtk.ExitCode);
                dcmtk = await ExternalTool.RunAsync("dcm2json", "-fc", target);
            }
            if (target != path) viaCopy++;

            if (dcmtk.ExitCode != 0)
            {
                if (Tolerated.ContainsKey(name)) { tolerated++; continue; }
                try
                {
                    DicomFile.Open(path);
                    failures.Add($"{name}: dcm2json rejects it (exit {dcmtk.ExitCode}) but we read it");
                }
                catch (DicomFormatException)
                {
                    rejectedByBoth++;
                    rejected.Add(name);
                }
                continue;
            }
            var before = agreement.Differences.Count;
            var ours = JsonNode.Parse(DicomJsonWriter.ToJson(DicomFile.Open(target).Dataset));
            agreement.Compare(ours, JsonNode.Parse(dcmtk.StandardOutput));
            if (agreement.Differences.Count > before)
                failures.Add($"{name}: {string.Join("; ", agreement.Differences.Skip(before))}");
            compared++;
        }
        output.WriteLine($"compared {compared} files ({viaCopy} through a copy), rejected by both {rejectedByBoth}, tolerated {tolerated}");
        output.WriteLine($"normalised: {JsonAgreement.Describe(agreement.Normalised)}");
        output.WriteLine($"rejected by both: {string.Join(", ", rejected)}");
        Assert.True(compared >= 100, $"only {compared} files compared: is the corpus complete?");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>A copy without what dcm2json cannot convert: Pixel Data (81) or Specific Character Set (80).</summary>
    private static async Task<string> CopyWithout(string path, TempDirectory temp, int exitCode)
    {
        var copy = temp.NewFile(Path.GetFileName(path));
        File.Copy(path, copy, overwrite: true);
        // Without a character set dcm2json refuses bytes above 0x7F, so the set becomes ISO_IR 100: both sides then
        // decode the same bytes the same way, escape sequences included.
        string[] change = exitCode == CompressedPixelData ? ["-ea", "(7fe0,0010)"] : ["-m", "(0008,0005)=ISO_IR 100"];
        (await ExternalTool.RunAsync("dcmodify", ["-nb", "-imt", .. change, copy])).EnsureSuccess();
        return copy;
    }
}
