using System.Globalization;

namespace Mosmos.Dicom.Imaging;

/// <summary>
/// Orders frames along the slice normal and checks the stack (<c>dicom-seg-sr.md</c> §5.3–5.5): sort by
/// d = n·IPP (never InstanceNumber or SliceLocation), resolve duplicate positions, require regular gaps, and
/// detect gantry tilt (an IPP step not parallel to n, PS3.3 C.7.6.2.1.1).
/// </summary>
internal sealed record SliceStack(ImageGeometry Geometry, IReadOnlyList<FrameHeader> Frames, double MaxSpacingDeviation, double TiltDegrees)
{
    public static SliceStack Arrange(List<FrameHeader> frames, SeriesVolumeOptions options, List<DroppedSlice> dropped)
    {
        var first = frames[0];
        var normal = first.Normal;
        var sorted = frames.Select((f, i) => (Frame: f, D: Vector3D.Dot(normal, f.Position), Order: i))
            .OrderBy(s => s.D).ThenBy(s => s.Order).ToList();
        var kept = RemoveDuplicates(sorted, options, dropped);
        if (kept.Count < options.MinSlices)
        {
            throw new SeriesRejectedException(SeriesRejection.TooFewSlices,
                $"{kept.Count} usable slice(s), at least {options.MinSlices} needed ({SeriesVolumeBuilder.Describe(dropped)})");
        }

        double deviation = CheckSpacing(kept, options.SpacingTolerance);
        var (tiltDegrees, step) = CheckTilt(kept, normal, options);
        double sliceSpacing;
        Vector3D directionZ;
        if (kept.Count == 1)
        {
            // One slice has no step; its thickness is the best extent there is (only with MinSlices = 1).
            sliceSpacing = first.Instance.GetDouble(DicomTags.SliceThickness) is > 0 and var t ? t : 1;
            directionZ = normal;
        }
        else if (tiltDegrees > 0)
        {
            sliceSpacing = step.Length;
            directionZ = step.Normalize();
        }
        else
        {
            // Mean gap from the ends: the least noisy estimate of a regular spacing.
            sliceSpacing = (kept[^1].D - kept[0].D) / (kept.Count - 1);
            directionZ = normal;
        }
        var geometry = new ImageGeometry(first.Format.Columns, first.Format.Rows, kept.Count,
            new Vector3D(first.ColumnSpacing, first.RowSpacing, sliceSpacing),
            kept[0].Frame.Position, first.RowDirection, first.ColumnDirection, directionZ);
        return new SliceStack(geometry, kept.Select(k => k.Frame).ToList(), deviation, tiltDegrees);
    }

    private static List<(FrameHeader Frame, double D)> RemoveDuplicates(
        List<(FrameHeader Frame, double D, int Order)> sorted, SeriesVolumeOptions options, List<DroppedSlice> dropped)
    {
        var kept = new List<(FrameHeader Frame, double D)>(sorted.Count);
        for (int start = 0; start < sorted.Count;)
        {
            int end = start + 1;
            while (end < sorted.Count && sorted[end].D - sorted[start].D <= options.DuplicateDistance) end++;
            var run = sorted.GetRange(start, end - start);
            if (run.Count > 1)
            {
                if (options.Duplicates == DuplicatePolicy.Reject)
                {
                    throw new SeriesRejectedException(SeriesRejection.IrregularSpacing,
                        $"{run.Count} slices share the position {Mm(run[0].D)} along the normal: " +
                        string.Join(", ", run.Select(r => Name(r.Frame))) + " (more than one acquisition, echo or phase?)");
                }
                // Explicit rule: the highest InstanceNumber wins (the latest reconstruction), then the later frame, then input order.
                var winner = run.OrderByDescending(r => r.Frame.InstanceNumber ?? int.MinValue)
                    .ThenByDescending(r => r.Frame.FrameNumber).ThenByDescending(r => r.Order).First();
                foreach (var loser in run.Where(r => r.Order != winner.Order))
                    dropped.Add(new DroppedSlice(loser.Frame.SopInstanceUid, loser.Frame.FrameNumber, $"duplicate position, kept {Name(winner.Frame)}"));
                kept.Add((winner.Frame, winner.D));
            }
            else
            {
                kept.Add((run[0].Frame, run[0].D));
            }
            start = end;
        }
        return kept;
    }

    /// <summary>Every gap within the relative tolerance of the median gap; returns the largest relative deviation.</summary>
    private static double CheckSpacing(List<(FrameHeader Frame, double D)> kept, double tolerance)
    {
        if (kept.Count < 3) return 0;
        var gaps = new double[kept.Count - 1];
        for (int k = 0; k < gaps.Length; k++) gaps[k] = kept[k + 1].D - kept[k].D;
        var ordered = (double[])gaps.Clone();
        Array.Sort(ordered);
        double median = ordered.Length % 2 == 1 ? ordered[ordered.Length / 2] : (ordered[ordered.Length / 2 - 1] + ordered[ordered.Length / 2]) / 2;
        int worst = 0;
        for (int k = 1; k < gaps.Length; k++)
        {
            if (Math.Abs(gaps[k] - median) > Math.Abs(gaps[worst] - median)) worst = k;
        }
        double deviation = Math.Abs(gaps[worst] - median) / median;
        if (deviation <= tolerance) return deviation;

        double ratio = gaps[worst] / median;
        string hint = Math.Round(ratio) >= 2 && Math.Abs(ratio - Math.Round(ratio)) <= tolerance * ratio
            ? $"; {Math.Round(ratio) - 1} slice(s) seem to be missing there"
            : "";
        throw new SeriesRejectedException(SeriesRejection.IrregularSpacing,
            $"the gap between slice {worst} ({Name(kept[worst].Frame)}, {Mm(kept[worst].D)}) and slice {worst + 1} " +
            $"({Name(kept[worst + 1].Frame)}, {Mm(kept[worst + 1].D)}) along the normal is {Mm(gaps[worst])}, " +
            $"the typical gap is {Mm(median)}: {deviation * 100:0.#} % off, tolerance {tolerance * 100:0.##} %{hint}");
    }

    /// <summary>The worst angle between a slice step and the normal; zero when within tolerance. Also the mean step.</summary>
    private static (double Degrees, Vector3D MeanStep) CheckTilt(List<(FrameHeader Frame, double D)> kept, Vector3D normal, SeriesVolumeOptions options)
    {
        if (kept.Count < 2) return (0, Vector3D.Zero);
        var meanStep = (kept[^1].Frame.Position - kept[0].Frame.Position) / (kept.Count - 1);
        double worstCos = 1;
        int worst = 0;
        for (int k = 0; k + 1 < kept.Count; k++)
        {
            var step = kept[k + 1].Frame.Position - kept[k].Frame.Position;
            double cos = Math.Abs(Vector3D.Dot(step, normal)) / step.Length;
            if (cos < worstCos) (worstCos, worst) = (cos, k);
        }
        if (1 - worstCos <= options.TiltTolerance) return (0, meanStep);

        double degrees = Math.Acos(Math.Clamp(worstCos, -1, 1)) * 180 / Math.PI;
        if (!options.AllowGantryTilt)
        {
            throw new SeriesRejectedException(SeriesRejection.GantryTilt, string.Create(CultureInfo.InvariantCulture,
                $"the step from slice {worst} to {worst + 1} ({Name(kept[worst].Frame)} → {Name(kept[worst + 1].Frame)}) is {degrees:0.##}° " +
                $"off the slice normal: gantry tilt or shear; resample the series to an orthogonal grid or allow tilt"));
        }
        // A sheared grid is only a grid if every step is the same vector.
        for (int k = 0; k + 1 < kept.Count; k++)
        {
            var step = kept[k + 1].Frame.Position - kept[k].Frame.Position;
            if (1 - Vector3D.Dot(step, meanStep) / (step.Length * meanStep.Length) > options.TiltTolerance)
            {
                throw new SeriesRejectedException(SeriesRejection.GantryTilt,
                    $"the slice steps change direction at slice {k} ({Name(kept[k].Frame)}): not one tilted grid");
            }
        }
        return (Math.Acos(Math.Clamp(Vector3D.Dot(meanStep.Normalize(), normal), -1, 1)) * 180 / Math.PI, meanStep);
    }

    private static string Name(FrameHeader f) => f.IsMultiFrame ? $"{f.SopInstanceUid} frame {f.FrameNumber}" : f.SopInstanceUid;

    private static string Mm(double value) => value.ToString("0.###", CultureInfo.InvariantCulture) + " mm";
}
