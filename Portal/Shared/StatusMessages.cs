using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Portal.Shared;

/// <summary>
/// The one-line message shown after a redirect (Post/Redirect/Get): "Profil Anda sudah disimpan."
/// Kept in TempData and shown once by the layout (_StatusMessage).
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

    public static (string? Message, bool IsError) TakeStatus(this ITempDataDictionary tempData) =>
        (tempData[MessageKey] as string, tempData[ErrorKey] as bool? ?? false);
}
