using Mosmos.Adapter.Selection;

namespace Mosmos.Adapter.Tests.Selection;

public sealed class SelectionOptionsTests
{
    [Fact]
    public void Every_rule_error_is_reported_at_once()
    {
        var bad = new SelectionRule { Name = "", Model = "", MinSlices = 0, MinSliceThicknessMm = 5, MaxSliceThicknessMm = 1, BodyPartPattern = "(", AxialToleranceDegrees = 120 };
        var duplicate1 = new SelectionRule { Name = "x", Model = "m" };
        duplicate1.Modalities.Add("CT");
        var duplicate2 = new SelectionRule { Name = "x", Model = "m" };
        duplicate2.Modalities.Add("CT");
        var options = new SelectionOptions { UrgentStudyDescriptionPattern = "[" };
        options.Rules.Add(bad);
        options.Rules.Add(duplicate1);
        options.Rules.Add(duplicate2);

        var errors = options.Validate();

        Assert.Contains(errors, e => e.Contains("Name is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Model is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Modalities is empty", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MinSlices", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("above MaxSliceThicknessMm", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("BodyPartPattern is not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("AxialToleranceDegrees", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("used by another rule", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("UrgentStudyDescriptionPattern", StringComparison.Ordinal));
        Assert.Equal(9, errors.Count);
    }

    [Fact]
    public void No_rules_is_an_error() =>
        Assert.Contains(new SelectionOptions().Validate(), e => e.Contains("nothing would ever be segmented", StringComparison.Ordinal));
}
