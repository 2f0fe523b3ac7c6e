using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;

namespace Portal.Benchmarks;

/// <summary>One page as a browser ended up on it: the address after redirects, the status, the node that answered.</summary>
public sealed record Page(HttpStatusCode Status, string Path, string? Node, IHtmlDocument Document, string Html);

/// <summary>
/// A person's browser for the cluster benchmark: its own cookies, redirects followed by hand (so a
/// post's own answer can be read before its redirect), pages parsed with AngleSharp and forms posted
/// with every field they hold, antiforgery token included. The node that answered is read from
/// nginx's X-Portal-Upstream header (tools/cluster/cluster.sh), named by <paramref name="nodeNames"/>.
/// </summary>
public sealed class Browser(Uri baseAddress, IReadOnlyDictionary<string, string> nodeNames) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public Uri BaseAddress => baseAddress;

    public async Task<Page> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return await FollowAsync(response, cancellationToken);
    }

    /// <summary>Posts the form with its own fields and <paramref name="values"/>; the answer itself, before any redirect.</summary>
    public async Task<HttpResponseMessage> PostAsync(IHtmlFormElement form, IEnumerable<KeyValuePair<string, string>> values, string? handler, CancellationToken cancellationToken)
    {
        using var request = PostRequest(form, values, handler);
        return await _http.SendAsync(request, cancellationToken);
    }

    /// <summary>The request a form's post would send, built ahead of time (for posts that must leave at one moment).</summary>
    public static HttpRequestMessage PostRequest(IHtmlFormElement form, IEnumerable<KeyValuePair<string, string>> values, string? handler)
    {
        var fields = FormFields(form, values);
        var action = form.GetAttribute("action");
        var target = new Uri(new Uri(form.BaseUri), string.IsNullOrEmpty(action) ? form.BaseUri : action).PathAndQuery;
        if (handler is not null)
        {
            target += (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
        }

        HttpContent content;
        if (form.Enctype == "multipart/form-data")
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), name);
            }

            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(fields);
        }

        return new HttpRequestMessage(HttpMethod.Post, new Uri(target, UriKind.Relative)) { Content = content };
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => _http.SendAsync(request, cancellationToken);

    /// <summary>Follows redirects as a browser does (GET), up to five.</summary>
    public async Task<Page> FollowAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var current = response;
        try
        {
            for (var hop = 0; hop < 5 && (int)current.StatusCode is >= 300 and < 400 && current.Headers.Location is { } location; hop++)
            {
                var next = await _http.GetAsync(location.IsAbsoluteUri ? new Uri(location.PathAndQuery, UriKind.Relative) : location, cancellationToken);
                if (!ReferenceEquals(current, response))
                {
                    current.Dispose();
                }

                current = next;
            }

            var html = await current.Content.ReadAsStringAsync(cancellationToken);
            var path = current.RequestMessage?.RequestUri?.PathAndQuery ?? "/";
            var document = await ParseAsync(html, new Uri(baseAddress, path), cancellationToken);
            return new Page(current.StatusCode, current.RequestMessage?.RequestUri?.AbsolutePath ?? "/", NodeOf(current), document, html);
        }
        finally
        {
            if (!ReferenceEquals(current, response))
            {
                current.Dispose();
            }
        }
    }

    /// <summary>The cluster node that answered, from nginx's header; null when asked of a node directly.</summary>
    public string? NodeOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Portal-Upstream", out var values)
            ? string.Join(",", values.Select(v => nodeNames.TryGetValue(v.Trim(), out var name) ? name : v.Trim()))
            : null;

    public static async Task<IHtmlDocument> ParseAsync(string html, Uri address, CancellationToken cancellationToken)
    {
        var context = BrowsingContext.New(Configuration.Default);
        return (IHtmlDocument)await context.OpenAsync(request => request.Content(html).Address(address), cancellationToken);
    }

    /// <summary>The fields a browser sends for a form: its own values (hidden ones included), with some replaced or added.</summary>
    public static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form, IEnumerable<KeyValuePair<string, string>> values)
    {
        var added = values.ToList();
        var replaced = added.Select(v => v.Key).ToHashSet();
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !replaced.Contains(input.Name)
                    && input.Type is not ("submit" or "button" or "file") && (input.Type is not ("checkbox" or "radio") || input.IsChecked):
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !replaced.Contains(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !replaced.Contains(select.Name):
                    fields.Add(new(select.Name, select.Value ?? string.Empty));
                    break;
            }
        }

        fields.AddRange(added);
        return fields;
    }

    public void Dispose() => _http.Dispose();
}
