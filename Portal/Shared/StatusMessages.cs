using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Portal.Shared;

/// <summary>
/// The one-line message shown after a redirect (Post/Redirect/Get): "Profil Anda sudah disimpan."
/// Kept in TempData and shown once by the layout (_StatusMessage), on public and staff pages alike.
/// </summary>
public static class StatusMessages
{
    private const string MessageKey = "Portal.Status";
    private const string ErrorKey = "Portal.StatusIsError";

    public static void SetStatus(this ITempDataDictionary tempData, string message, bool isError = false)
    {
        tempData[MessageKey] = message;
        tempData[ErrorKey] = isError;
    }

    /// <summary>
    /// Whether this request can carry a message: TempData lives in a cookie set by the redirecting
    /// POST. Reading TempData on a request without that cookie would make the provider answer with
    /// a Set-Cookie that deletes it, and an answer that sets a cookie is never cached, so the
    /// layout looks only when the cookie came.
    /// </summary>
    public static bool MayCarryStatus(HttpContext context)
    {
        var name = context.RequestServices.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name;
        return name is not null && context.Request.Cookies.ContainsKey(name);
    }

    /// <summary>
    /// The message, removed as it is read: whichever layout shows it first (the staff layout below
    /// its menu, before the site layout runs) is the only one that does.
    /// </summary>
    public static (string? Message, bool IsError) TakeStatus(this ITempDataDictionary tempData)
    {
        var status = (tempData[MessageKey] as string, tempData[ErrorKey] as bool? ?? false);
        tempData.Remove(MessageKey);
        tempData.Remove(ErrorKey);
        return status;
    }
}
