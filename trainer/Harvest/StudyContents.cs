namespace Mosmos.Trainer.Harvest;

/// <summary>A study as QIDO-RS lists it: what harvest needs to find its report and name it in messages.</summary>
public sealed record ArchiveStudy(string StudyInstanceUid, string? AccessionNumber, string? StudyDate);

/// <summary>One series of a study: its UID and modality (QIDO-RS Search for Series).</summary>
public sealed record ArchiveSeries(string SeriesInstanceUid, string Modality);

/// <summary>A report for a study and where it came from (an SR instance or a line of the reports file).</summary>
public sealed record StudyReport(string Text, string Source);

/// <summary>Progress of a harvest, reported once per study and per fetched series.</summary>
public sealed record HarvestProgress(int StudiesDone, int StudiesTotal, string Activity);
