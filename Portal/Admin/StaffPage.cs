using Microsoft.AspNetCore.Mvc.ModelBinding;
using Portal.Shared;

namespace Portal.Admin;

/// <summary>Small things every staff page shares: its head tags, field errors.</summary>
public static class StaffPage
{
    /// <summary>Staff pages are never indexed (robots.txt also keeps crawlers out of /admin/).</summary>
    public static PageMeta Meta(string title) => new(title, "Area staf Portal Pelatihan Kerja Kota Serang.") { NoIndex = true };

    /// <summary>Puts a service's field errors beside the fields of the form bound as <paramref name="prefix"/>.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IEnumerable<FieldError> errors, string prefix)
    {
        foreach (var error in errors)
        {
            modelState.AddModelError(error.Field.Length == 0 ? string.Empty : $"{prefix}.{error.Field}", error.Message);
        }
    }
}
