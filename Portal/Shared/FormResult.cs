using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Portal.Shared;

/// <summary>A message for the person filling a form: beside a field (by its input name) or, without one, above the form.</summary>
public sealed record FormError(string? Field, string Message);

/// <summary>The outcome of a service method behind a form: errors users can cause are results, not exceptions.</summary>
public sealed class FormResult
{
    public static readonly FormResult Success = new([]);

    public FormResult(IReadOnlyList<FormError> errors) => Errors = errors;

    public IReadOnlyList<FormError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static FormResult Fail(string? field, string message) => new([new FormError(field, message)]);
}

public static class FormErrorsModelState
{
    /// <summary>Puts service errors beside their fields ("Input.Nik") or in the form's summary.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IEnumerable<FormError> errors, string prefix = "Input")
    {
        foreach (var error in errors)
        {
            modelState.AddModelError(error.Field is null ? string.Empty : $"{prefix}.{error.Field}", error.Message);
        }
    }
}
