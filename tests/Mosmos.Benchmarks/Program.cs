using Mosmos.Benchmarks;
using Mosmos.Benchmarks.Adapter;
using Mosmos.Benchmarks.Dicom;
using Mosmos.Benchmarks.Phantom;
using Mosmos.Benchmarks.Reliability;
using Mosmos.Benchmarks.Seg;
using Mosmos.Benchmarks.Training;

// ./mosmos bench dicom [--files N] [--runs R] [--no-peers] [--no-docs]: scripts/bench-dicom.sh builds this in Release.
return args switch
{
    ["dicom", .. var rest] => DicomBenchmark.Run(BenchOptions.Parse(rest)),
    ["phantom", .. var rest] => PhantomBenchmark.Run(BenchOptions.Parse(rest)),
    ["seg", .. var rest] => SegBenchmark.Run(BenchOptions.Parse(rest)),
    ["train", .. var rest] => TrainingBenchmark.Run(BenchOptions.Parse(rest)),
    ["adapter", .. var rest] => await AdapterBenchmark.RunAsync(AdapterBenchOptions.Parse(rest)),
    ["reliability", .. var rest] => await ReliabilityBenchmark.RunAsync(ReliabilityOptions.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Mosmos.Benchmarks dicom|phantom|seg|train [--files N] [--runs R] [--no-peers] [--no-docs]");
    Console.Error.WriteLine("       Mosmos.Benchmarks adapter --adapter-dll DLL [--studies N] [--rate R] [--seconds S] [--no-docs]");
    Console.Error.WriteLine("       Mosmos.Benchmarks reliability --adapter-dll DLL --worker-dll DLL --model FILE [--studies N] [--size MxS] [--outage S] [--timeout S] [--no-docs]");
    return 2;
}
