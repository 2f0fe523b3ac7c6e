using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Portal.Shared;

namespace Portal.Benchmarks;

/// <summary>
/// The rebuild benchmark reads the database outside the web app, where no page is mapped. The
/// addresses it writes into the index do not change the timing, so each is its page's name.
/// </summary>
internal sealed class PageNameLinks : LinkGenerator
{
    public static SiteLinks SiteLinks() =>
        new(Options.Create(new SiteOptions()), new HttpContextAccessor(), new HostingEnvironment { EnvironmentName = Environments.Production }, new PageNameLinks());

    public override string? GetPathByAddress<TAddress>(
        HttpContext httpContext, TAddress address, RouteValueDictionary values, RouteValueDictionary? ambientValues = null,
        PathString? pathBase = null, FragmentString fragment = default, LinkOptions? options = null) => PageName(values);

    public override string? GetPathByAddress<TAddress>(
        TAddress address, RouteValueDictionary values, PathString pathBase = default, FragmentString fragment = default, LinkOptions? options = null) =>
        PageName(values);

    public override string? GetUriByAddress<TAddress>(
        HttpContext httpContext, TAddress address, RouteValueDictionary values, RouteValueDictionary? ambientValues = null,
        string? scheme = null, HostString? host = null, PathString? pathBase = null, FragmentString fragment = default, LinkOptions? options = null) =>
        PageName(values);

    public override string? GetUriByAddress<TAddress>(
        TAddress address, RouteValueDictionary values, string scheme, HostString host, PathString pathBase = default,
        FragmentString fragment = default, LinkOptions? options = null) => PageName(values);

    private static string? PageName(RouteValueDictionary values) => values["page"]?.ToString();
}
