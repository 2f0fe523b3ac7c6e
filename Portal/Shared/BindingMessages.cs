using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Portal.Shared;

/// <summary>
/// What a form says when a value cannot even be read (letters in a number field, an empty
/// required number), in Indonesian like every other message beside a field. The defaults are
/// English and name the C# property.
/// </summary>
public static class BindingMessages
{
    public static void UseIndonesian(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"Isian \"{value}\" tidak valid untuk {field}.");
        messages.SetMissingBindRequiredValueAccessor(field => $"{field} wajib diisi.");
        messages.SetMissingKeyOrValueAccessor(() => "Isian wajib diisi.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Permintaan tidak berisi data yang diperlukan.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Isian \"{value}\" tidak valid.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Isian tidak valid.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Isian harus berupa angka.");
        messages.SetUnknownValueIsInvalidAccessor(field => $"Isian untuk {field} tidak valid.");
        messages.SetValueIsInvalidAccessor(value => $"Isian \"{value}\" tidak valid.");
        messages.SetValueMustBeANumberAccessor(field => $"{field} harus berupa angka.");
        messages.SetValueMustNotBeNullAccessor(field => $"{field} wajib diisi.");
    }
}
