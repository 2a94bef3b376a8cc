using Mosmos.Datasets;
using Mosmos.Dicom;
using Mosmos.Phantom.Acquisition;

namespace Mosmos.Phantom.Tests;

/// <summary>Over 200 seeds on a coarse grid, organ volumes and HU stay plausible and every variation occurs.</summary>
public sealed class SpreadTests
{
    private static readonly Lazy<List<PhantomStudy>> Studies = new(() =>
        Enumerable.Range(1000, 200).Select(i => PhantomGenerator.Generate((ulong)i, TestStudies.Tiny)).ToList());

    [Theory]
    [InlineData("liver", 900, 4200)]
    [InlineData("spleen", 60, 1400)]
    [InlineData("kidney_right", 40, 320)]
    [InlineData("kidney_left", 40, 320)]
    [InlineData("pancreas", 15, 200)]
    [InlineData("urinary_bladder", 40, 900)]
    [InlineData("aorta", 40, 400)]
    [InlineData("stomach", 150, 1500)]
    public void OrganVolumesArePlausible(string organ, double minMl, double maxMl)
    {
        var volumes = Studies.Value.Where(s => s.Measurements.ContainsKey(organ)).Select(s => s.Measurements[organ].VolumeMl).ToList();
        Assert.True(volumes.Count > 150, $"{organ} in only {volumes.Count} studies");
        var outside = volumes.Count(v => v < minMl || v > maxMl);
        Assert.True(outside <= volumes.Count / 50, $"{organ}: {outside} of {volumes.Count} outside {minMl}–{maxMl} mL (min {volumes.Min()}, max {volumes.Max()})");
        // Real variation, not one size for all.
        Assert.True(volumes.Max() > 1.3 * volumes.Min());
    }

    [Theory]
    [InlineData("liver", ContrastPhase.NonContrast, 35, 85)]
    [InlineData("liver", ContrastPhase.PortalVenous, 80, 145)]
    [InlineData("aorta", ContrastPhase.Arterial, 200, 420)]
    [InlineData("aorta", ContrastPhase.NonContrast, 15, 75)]
    [InlineData("kidney_left", ContrastPhase.Arterial, 50, 230)]
    public void MeanHuFollowsThePhase(string organ, ContrastPhase phase, double min, double max)
    {
        var label = OrganCatalog.Get(organ).DefaultLabel;
        var means = Studies.Value.Where(s => s.Scan.Phase == phase && s.Measurements.ContainsKey(organ)).Select(s =>
        {
            // Interior voxels only (all four in-plane neighbours share the label): on an 8 mm grid the edge
            // voxels are half fat after the partial-volume blur.
            var g = s.Grid;
            double sum = 0;
            long n = 0;
            for (int k = 0; k < g.Slices; k++)
            for (int j = 1; j < g.Rows - 1; j++)
            for (int i = 1; i < g.Columns - 1; i++)
            {
                var v = g.Index(i, j, k);
                if (s.Labels[v] != label || s.Labels[v - 1] != label || s.Labels[v + 1] != label
                    || s.Labels[v - g.Columns] != label || s.Labels[v + g.Columns] != label) continue;
                sum += s.Hu[v];
                n++;
            }
            return n == 0 ? double.NaN : sum / n;
        }).ToList();
        means.RemoveAll(double.IsNaN);
        Assert.True(means.Count > 10);
        Assert.True(means.Count(m => m < min || m > max) <= means.Count / 20, $"{organ} {phase}: {string.Join(", ", means.Select(m => (int)m))}");
    }

    [Fact]
    public void EveryVariationOccurs()
    {
        var all = Studies.Value;
        Assert.All(Enum.GetValues<PatientPosition>(), p => Assert.Contains(all, s => s.Scan.Position == p));
        Assert.All(Enum.GetValues<ContrastPhase>(), p => Assert.Contains(all, s => s.Scan.Phase == p));
        Assert.Contains(all, s => s.Patient.Sex == Patients.Sex.Female);
        Assert.Contains(all, s => s.Patient.Sex == Patients.Sex.Male);
        Assert.True(all.Count(s => s.Patient.Pathologies.Nephrectomy is not null) >= 3);
        Assert.True(all.Count(s => s.Patient.Pathologies.Splenectomy) >= 3);
        Assert.True(all.Count(s => s.Patient.Pathologies.Cholecystectomy) >= 3);
        Assert.True(all.Count(s => s.Patient.Pathologies.Hysterectomy) >= 2);
        Assert.True(all.Count(s => s.Patient.Pathologies.Ascites) >= 3);
        Assert.True(all.Count(s => s.Truth["spleen"].Tag == OrganTag.Abnormal) >= 5);
        Assert.True(all.Count(s => s.Lesions.Count > 0) >= 20);
        Assert.Contains(all, s => s.Truth["liver"].Findings.Any(f => f.Kind == Reports.FindingKind.Enlarged));
    }
}
