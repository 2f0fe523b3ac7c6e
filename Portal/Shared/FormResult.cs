using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Portal.Shared;

/// <summary>A message for the person filling a form: beside a field (by its input name) or, without one, above the form.</summary>
public sealed record FormError(string? Field, string Message);

/// <summary>The outcome of a service method behind a form: errors users can cause are results, not exceptions.</summary>
public class FormResult(IReadOnlyList<FormError> errors)
{
    public static readonly FormResult Success = new([]);

    public IReadOnlyList<FormError> Errors { get; } = errors;

    public virtual bool Succeeded => Errors.Count == 0;

    /// <summary>Every message in one line, for a place with room for one: a status message, the console.</summary>
    public string Summary => string.Join(" ", Errors.Select(e => e.Message));

    public static FormResult Fail(string? field, string message) => new([new FormError(field, message)]);
}

/// <summary>A form result that, when the form was accepted, carries what it made: the new id, the stored file's address.</summary>
public class FormResult<T> : FormResult
{
    public FormResult(T value)
        : base([]) => Value = value;

    public FormResult(IReadOnlyList<FormError> errors)
        : base(errors) => Value = default!;

    /// <summary>Only an accepted form made something; asking a refused one is a bug, not a user's error.</summary>
    public T Value => Succeeded ? field : throw new InvalidOperationException("A refused form has no value.");

    public static new FormResult<T> Fail(string? field, string message) => new([new FormError(field, message)]);
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

public static class IdentityFormErrors
{
    /// <summary>Identity's refusals (a weak password, a taken email), beside one field or, without one, above the form.</summary>
    public static List<FormError> ToFormErrors(this IdentityResult result, string? field = null) =>
        result.Errors.Select(e => new FormError(field, e.Description)).ToList();
}
