// libtorch's default generator and thread pool are process-wide: tests that seed it must not interleave with
// tests that draw from it, and on 2 cores parallel test classes only compete for the same CPUs.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
