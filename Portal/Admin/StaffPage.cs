using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Portal.Shared;

namespace Portal.Admin;

/// <summary>Small things every staff page shares: its head tags, the message after a redirect, field errors.</summary>
public static class StaffPage
{
    private const string StatusKey = "Staff.Status";

    /// <summary>Staff pages are never indexed (robots.txt also keeps crawlers out of /admin/).</summary>
    public static PageMeta Meta(string title) => new(title, "Area staf Portal Pelatihan Kerja Kota Serang.") { NoIndex = true };

    /// <summary>What the next page says after Post/Redirect/Get ("Perubahan disimpan.").</summary>
    public static void SetStatus(this ITempDataDictionary tempData, string message) => tempData[StatusKey] = message;

    public static string? TakeStatus(this ITempDataDictionary tempData) => tempData[StatusKey] as string;

    /// <summary>Puts a service's field errors beside the fields of the form bound as <paramref name="prefix"/>.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IEnumerable<FieldError> errors, string prefix)
    {
        foreach (var error in errors)
        {
            modelState.AddModelError(error.Field.Length == 0 ? string.Empty : $"{prefix}.{error.Field}", error.Message);
        }
    }
}
