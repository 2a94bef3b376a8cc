using Mosmos.Benchmarks;
using Mosmos.Benchmarks.Dicom;

// ./mosmos bench dicom [--files N] [--runs R] [--no-peers] [--no-docs]: scripts/bench-dicom.sh builds this in Release.
return args switch
{
    ["dicom", .. var rest] => DicomBenchmark.Run(BenchOptions.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Mosmos.Benchmarks dicom [--files N] [--runs R] [--no-peers] [--no-docs]");
    return 2;
}
