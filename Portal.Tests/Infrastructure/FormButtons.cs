using System.Net.Http.Headers;
using AngleSharp.Html.Dom;

namespace Portal.Tests.Infrastructure;

/// <summary>A file as a browser's file input sends it.</summary>
public sealed record UploadFile(string FieldName, string FileName, string ContentType, byte[] Content);

/// <summary>
/// Presses a named button of a form, as a browser does: the button's formaction (Razor Pages'
/// asp-page-handler) decides where the form goes, and a multipart form sends its files.
/// </summary>
public static class FormButtons
{
    public static async Task<HttpResponseMessage> ClickAsync(
        this HttpClient client, IHtmlFormElement form, string buttonText, IDictionary<string, string>? values = null, params UploadFile[] files)
    {
        var button = form.Elements.OfType<IHtmlButtonElement>().FirstOrDefault(b => b.TextContent.Trim() == buttonText)
            ?? throw new Xunit.Sdk.XunitException($"The form has no button \"{buttonText}\"; it has: {string.Join(", ", form.Elements.OfType<IHtmlButtonElement>().Select(b => b.TextContent.Trim()))}");
        var fields = Html.FormFields(form, values);
        if (!string.IsNullOrEmpty(button.Name))
        {
            fields.Add(new(button.Name, button.Value));
        }

        var formAction = button.GetAttribute("formaction");
        var target = Html.Target(form, string.IsNullOrEmpty(formAction) ? form.GetAttribute("action") : formAction);

        if (form.Enctype != "multipart/form-data")
        {
            using var encoded = new FormUrlEncodedContent(fields);
            return await client.PostAsync(target, encoded);
        }

        using var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            multipart.Add(new StringContent(value), name);
        }

        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
            multipart.Add(part, file.FieldName, file.FileName);
        }

        return await client.PostAsync(target, multipart);
    }
}
