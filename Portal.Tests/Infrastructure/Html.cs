using AngleSharp;
using AngleSharp.Html.Dom;

namespace Portal.Tests.Infrastructure;

/// <summary>Reads pages as a user sees them and submits their real forms (antiforgery token included).</summary>
public static class Html
{
    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var content = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(request =>
        {
            request.Content(content);
            request.Address(response.RequestMessage?.RequestUri ?? new Uri("http://localhost/"));
            foreach (var header in response.Content.Headers)
            {
                request.Header(header.Key, string.Join(",", header.Value));
            }
        });
        return (IHtmlDocument)document;
    }

    /// <summary>Posts a form as the browser would: its own fields, hidden ones included, with some values replaced.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, IHtmlFormElement form, IDictionary<string, string>? values = null, string? submitButtonName = null)
    {
        var fields = FormFields(form, values);
        if (submitButtonName is not null)
        {
            var button = form.Elements.OfType<IHtmlButtonElement>().First(b => b.Name == submitButtonName);
            fields.Add(new(button.Name!, button.Value));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(Target(form, form.GetAttribute("action")), content);
    }

    /// <summary>
    /// Where a form posts: its action (or a button's formaction) resolved against the page's
    /// address, as a browser does. AngleSharp's form.Action returns a relative attribute as
    /// written, which on Linux would parse as a file path.
    /// </summary>
    public static Uri Target(IHtmlFormElement form, string? action) =>
        new(new Uri(new Uri(form.BaseUri), string.IsNullOrEmpty(action) ? form.BaseUri : action).PathAndQuery, UriKind.Relative);

    /// <summary>The fields a browser would send for a form: its own values, hidden ones included, with some replaced.</summary>
    public static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form, IDictionary<string, string>? values = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var overridden = new HashSet<string>(values?.Keys ?? []);
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !overridden.Contains(input.Name):
                    if ((input.Type is "checkbox" or "radio") && !input.IsChecked)
                    {
                        continue;
                    }

                    if (input.Type is "submit" or "button" or "file")
                    {
                        continue;
                    }

                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !overridden.Contains(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !overridden.Contains(select.Name):
                    fields.Add(new(select.Name, select.Value ?? string.Empty));
                    break;
            }
        }

        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            fields.Add(new(key, value));
        }

        return fields;
    }

    public static string Text(this AngleSharp.Dom.IParentNode node, string selector) =>
        node.QuerySelector(selector)?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"No element matches '{selector}'");

    public static string? Meta(this IHtmlDocument document, string property) =>
        document.QuerySelector($"meta[property='{property}'], meta[name='{property}']")?.GetAttribute("content");
}
