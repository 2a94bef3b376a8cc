using Mosmos.Benchmarks;
using Mosmos.Benchmarks.Dicom;
using Mosmos.Benchmarks.Phantom;

// ./mosmos bench dicom [--files N] [--runs R] [--no-peers] [--no-docs]: scripts/bench-dicom.sh builds this in Release.
return args switch
{
    ["dicom", .. var rest] => DicomBenchmark.Run(BenchOptions.Parse(rest)),
    ["phantom", .. var rest] => PhantomBenchmark.Run(BenchOptions.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Mosmos.Benchmarks dicom|phantom [--files N] [--runs R] [--no-peers] [--no-docs]");
    return 2;
}
