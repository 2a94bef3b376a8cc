using Mosmos.Trainer.Training;

namespace Mosmos.Trainer.Tests.Training;

public sealed class LearningRateScheduleTests
{
    private static readonly TrainingOptions Options = new() { Steps = 110, WarmupSteps = 10, LearningRate = 1e-2, MinLearningRate = 1e-4 };

    [Theory]
    [InlineData(0, 1e-3)]        // warm-up: (step + 1) / 10 of the base rate
    [InlineData(9, 1e-2)]
    [InlineData(10, 1e-2)]       // cosine starts at the base rate
    [InlineData(59.5, 5.05e-3)] // half-way: the mean of base and minimum (step 59.5 is between 59 and 60)
    [InlineData(109, 1e-4)]      // last step: the minimum
    public void FollowsWarmupThenCosine(double step, double expected)
    {
        var lr = step % 1 == 0 ? LearningRateSchedule.At((int)step, Options)
            : (LearningRateSchedule.At((int)step, Options) + LearningRateSchedule.At((int)step + 1, Options)) / 2;
        Assert.Equal(expected, lr, 1e-5);
    }
}
