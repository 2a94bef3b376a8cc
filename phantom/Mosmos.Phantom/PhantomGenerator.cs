using System.Numerics;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Anatomy;
using Mosmos.Phantom.Output;
using Mosmos.Phantom.Patients;
using Mosmos.Phantom.Randomness;
using Mosmos.Phantom.Rendering;
using Mosmos.Phantom.Reports;

namespace Mosmos.Phantom;

/// <summary>
/// Generates a synthetic abdominal CT study from a seed: patient → scan → anatomy → label and tissue maps →
/// HU → findings → report. Every step draws from its own named stream of the seed, so the same seed and size
/// give the same study, byte for byte, on any machine and any number of cores.
/// </summary>
public static class PhantomGenerator
{
    /// <param name="position">Overrides the drawn patient position (tests compare one anatomy in all four).</param>
    public static PhantomStudy Generate(ulong seed, PhantomSize size, PatientPosition? position = null)
    {
        ArgumentNullException.ThrowIfNull(size);
        var root = new Xoshiro256(seed);
        var patient = PatientSampler.Sample(root.Fork("patient"));
        var scan = ScanSampler.Sample(root.Fork("scan"), size, patient);
        if (position is { } p) scan = scan with { Position = p };
        var anatomy = AnatomyBuilder.Build(new AnatomyContext(patient, scan, root.Fork("anatomy")), out var lesions);
        var grid = new ImageGrid(scan);
        var labels = new byte[grid.VoxelCount];
        var tissues = new byte[grid.VoxelCount];
        var scale = new Vector3((float)patient.ScaleX, (float)patient.ScaleY, (float)patient.ScaleZ);
        Rasterizer.Paint(anatomy, grid, scale, labels, tissues);
        var hu = ImageSynthesis.Render(grid, scan, tissues, root.Fork("image"));
        var measurements = OrganMeasurements.Measure(grid, labels);
        var truth = ClinicalFindings.Derive(patient, anatomy, lesions, measurements);
        var report = ReportComposer.Compose(new ReportFacts(patient, scan, truth), measurements, root.Fork("report"));
        return new PhantomStudy
        {
            Seed = seed,
            Size = size,
            Patient = patient,
            Scan = scan,
            Grid = grid,
            Identity = StudyIdentity.Create(seed, patient, root.Fork("identity")),
            Hu = hu,
            Labels = labels,
            Lesions = lesions,
            Measurements = measurements,
            Truth = truth,
            Report = report,
        };
    }
}
