using Mosmos.Datasets;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Output;

namespace Mosmos.Phantom;

/// <summary>
/// Generates studies seed, seed+1, … in pairs: the two studies of a pair are made and written concurrently (both
/// cores), then added to the dataset in seed order, so the dataset manifest is the same on every run.
/// </summary>
public static class PhantomBatch
{
    /// <param name="progress">Called once per study, in seed order, with its folder.</param>
    public static void Run(string outFolder, ulong seed, int count, PhantomSize size, StudyOutputs outputs, Action<PhantomStudy, string>? progress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(outFolder);
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(outputs);
        Directory.CreateDirectory(outFolder);
        var dataset = outputs.Dataset ? DatasetWriter.Open(Path.Combine(outFolder, "dataset"), StudyWriter.DatasetLabels()) : null;
        for (int first = 0; first < count; first += 2)
        {
            var n = Math.Min(2, count - first);
            var results = new (PhantomStudy Study, string Folder)[n];
            Parallel.For(0, n, i =>
            {
                var study = PhantomGenerator.Generate(seed + (ulong)(first + i), size);
                results[i] = (study, StudyWriter.Write(study, outFolder, outputs));
            });
            foreach (var (study, folder) in results)
            {
                if (dataset is not null && !dataset.Contains(StudyWriter.FolderName(study)))
                    StudyWriter.AddToDataset(dataset, study);
                progress?.Invoke(study, folder);
            }
        }
    }
}
