namespace Mosmos.Trainer.Training;

/// <summary>Linear warm-up from 0 to the base rate, then a half-cosine down to the minimum at the last step.</summary>
public static class LearningRateSchedule
{
    /// <param name="step">0-based index of the step about to run.</param>
    public static double At(int step, TrainingOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (step < o.WarmupSteps) return o.LearningRate * (step + 1) / o.WarmupSteps;
        var span = Math.Max(1, o.Steps - o.WarmupSteps - 1);
        var t = Math.Clamp((double)(step - o.WarmupSteps) / span, 0, 1);
        return o.MinLearningRate + 0.5 * (o.LearningRate - o.MinLearningRate) * (1 + Math.Cos(Math.PI * t));
    }
}
