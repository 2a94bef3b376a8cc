using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Mosmos.Adapter.Dispatch;
using Mosmos.Adapter.Jobs;
using Mosmos.Adapter.Selection;

namespace Mosmos.Adapter.Api;

/// <summary>The job API: list and filter, show one, counts by state, re-run, and the rules report for a study.</summary>
public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/jobs", async (IJobStore store, JobState? state, string? study, string? series, int? limit, int? offset, CancellationToken ct) =>
            Results.Ok(await store.ListAsync(new JobQuery(state, study, series, limit ?? 100, offset ?? 0), ct)));
        api.MapGet("/jobs/counts", async (IJobStore store, CancellationToken ct) => Results.Ok(await store.CountByStateAsync(ct)));
        api.MapGet("/jobs/{jobId:guid}", async (Guid jobId, IJobStore store, CancellationToken ct) =>
            await store.GetAsync(jobId, ct) is { } job ? Results.Ok(job) : Results.NotFound());
        api.MapPost("/jobs/{jobId:guid}/rerun", async (Guid jobId, IJobStore store, StudyDispatcher dispatcher, CancellationToken ct) =>
        {
            if (await store.GetAsync(jobId, ct) is not { } job) return Results.NotFound();
            // A study the adapter could not examine has no series to run: examine and dispatch it again instead.
            if (job.SeriesInstanceUid.Length == 0)
                return Results.Ok(new { published = await dispatcher.DispatchAsync(job.StudyInstanceUid, ct) });
            if (await store.ResetForRerunAsync(job.IdempotencyKey, ct) is not { } reset)
                return Results.Conflict(new { error = $"job is {job.State}; only completed or failed jobs can be re-run" });
            await dispatcher.PublishAsync(reset, ct);
            return Results.Accepted($"/api/jobs/{reset.JobId}", reset);
        });
        api.MapPost("/studies/{studyUid}/dispatch", async (string studyUid, StudyDispatcher dispatcher, CancellationToken ct) =>
            Results.Ok(new { published = await dispatcher.DispatchAsync(studyUid, ct) }));
        api.MapGet("/studies/{studyUid}/rules", async (string studyUid, IStudyExaminer examiner, SeriesSelector selector, CancellationToken ct) =>
            Results.Ok(RulesReport.For(selector.Select(await examiner.ExamineAsync(studyUid, ct)))));
        return app;
    }
}

/// <summary>What <c>rules test</c> shows: each series, the rule that matched, or why each rule refused it.</summary>
public sealed record RulesReport(IReadOnlyList<RulesReport.Line> Series)
{
    public sealed record Line(string SeriesInstanceUid, string Modality, string? SeriesDescription, int Instances, string? MatchedRule, bool Selected, IReadOnlyList<string> Rejections);

    public static RulesReport For(StudySelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return new([.. selection.Decisions.Select(d => new Line(d.Series.SeriesInstanceUid, d.Series.Modality, d.Series.SeriesDescription,
            d.Series.InstanceCount, d.MatchedRule, d.Selected, d.Rejections))]);
    }
}
