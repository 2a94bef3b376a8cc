using Microsoft.Extensions.Options;

namespace Mosmos.Adapter.Selection;

/// <summary>Refuses start-up with every rule error listed at once.</summary>
public sealed class SelectionOptionsValidator : IValidateOptions<SelectionOptions>
{
    public ValidateOptionsResult Validate(string? name, SelectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
