namespace Mosmos.InferenceWorker.Model.SlidingWindow;

/// <summary>
/// Patch start positions along one axis, MONAI sliding_window_inference style: step = ⌊patch·(1 − overlap)⌋
/// (at least 1), starts 0, step, 2·step … and a last patch flush with the far edge. An axis shorter than the
/// patch gets one patch at 0; the part past the volume is padded with zeros and discarded.
/// </summary>
internal static class PatchGrid
{
    public static int[] Starts(int length, int patch, double overlap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(patch, 1);
        if (length <= patch)
            return [0];
        var step = Math.Max(1, (int)(patch * (1 - overlap)));
        var count = (length - patch + step - 1) / step + 1;
        var starts = new int[count];
        for (var i = 0; i < count; i++)
            starts[i] = Math.Min(i * step, length - patch);
        return starts;
    }
}
