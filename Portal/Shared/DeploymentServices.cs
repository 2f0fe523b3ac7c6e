using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Portal.Shared;

/// <summary>
/// What the portal needs to run on the internet behind a TLS proxy (docs/deploy.md), in one place:
/// forwarded headers believed from the proxy only, so the portal sees the real scheme and client
/// address (Secure cookies, HSTS, rate limits and logs depend on both); HSTS and the HTTPS redirect;
/// the TempData cookie Secure over HTTPS like the sign-in and antiforgery cookies; no Server header;
/// the client's address in the log.
/// </summary>
public static class DeploymentServices
{
    /// <summary>One year, with subdomains: what browsers' preload lists ask for; the city's other hosts are HTTPS too.</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static IServiceCollection AddDeployment(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ProxyOptions>>((forwarded, proxy) => TrustProxy(forwarded, proxy.Value));
        services.AddHsts(options =>
        {
            options.MaxAge = HstsMaxAge;
            options.IncludeSubDomains = true;
        });

        // "Server: Kestrel" only tells an attacker what to try.
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);

        // Same policy as portal.auth and portal.af: Secure whenever the request is HTTPS, which
        // behind nginx it is once X-Forwarded-Proto is believed. Not Always: plain-HTTP development would lose its messages.
        services.Configure<CookieTempDataProviderOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>
    /// First in the pipeline: everything after it, the request log included, sees the client and
    /// scheme the proxy reported.
    /// </summary>
    public static WebApplication UseForwardedClient(this WebApplication app)
    {
        app.UseMiddleware<UntrustedForwardingCheck>();
        app.UseForwardedHeaders();
        app.UseMiddleware<RequestLog>();
        return app;
    }

    /// <summary>
    /// HSTS and the redirect of plain HTTP to HTTPS, outside Development. Behind nginx the proxy
    /// redirects port 80 itself and every request reaches the portal as HTTPS, so this redirect only
    /// acts on a portal reached directly (its HTTPS port from ASPNETCORE_HTTPS_PORT or an HTTPS
    /// endpoint). A request whose forwarded headers were not believed is not redirected: it is most
    /// likely the proxy itself, missing from Portal:Proxy:KnownProxies, and a redirect to HTTPS
    /// would come back through that proxy as HTTP again, for ever. The log says what to fix.
    /// </summary>
    /// <summary>
    /// The request carries forwarded headers from an address that is not a trusted proxy: most
    /// likely a proxy missing from the setting, whose every visitor then looks like the proxy
    /// (loopback, say); nothing that trusts the client address may trust this one.
    /// </summary>
    public static bool CameThroughUntrustedProxy(HttpContext context) => context.Items.ContainsKey(UntrustedForwardingCheck.ItemKey);

    public static WebApplication UseHttpsOnly(this WebApplication app)
    {
        app.UseHsts();
        app.UseWhen(
            context => !CameThroughUntrustedProxy(context),
            https => https.UseHttpsRedirection());
        return app;
    }

    private static void TrustProxy(ForwardedHeadersOptions forwarded, ProxyOptions proxy)
    {
        // Not X-Forwarded-Host: the Host header itself is what nginx passes on and host filtering checks.
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        if (!proxy.IsConfigured)
        {
            forwarded.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
            forwarded.KnownProxies.Add(IPAddress.IPv6Loopback);
            return;
        }

        foreach (var address in proxy.KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(address));
        }

        foreach (var network in proxy.KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }

    /// <summary>
    /// Marks requests that carry forwarded headers from an address that is not a trusted proxy (the
    /// forwarded-headers middleware ignores them silently) and warns once per address, naming the
    /// setting: a proxy missing from the list otherwise shows only as every client having the
    /// proxy's address and no cookie being Secure. Few addresses are remembered, so a client
    /// spoofing the headers from many addresses cannot fill the log.
    /// </summary>
    private sealed class UntrustedForwardingCheck(RequestDelegate next, IOptions<ForwardedHeadersOptions> options, ILogger<UntrustedForwardingCheck> logger)
    {
        public const string ItemKey = "Portal.UntrustedForwarding";
        private const int MaxWarnedAddresses = 16;

        private readonly ConcurrentDictionary<IPAddress, bool> _warned = new();

        public Task InvokeAsync(HttpContext context)
        {
            var headers = context.Request.Headers;
            if ((headers.ContainsKey(ForwardedHeadersDefaults.XForwardedForHeaderName) || headers.ContainsKey(ForwardedHeadersDefaults.XForwardedProtoHeaderName))
                && context.Connection.RemoteIpAddress is { } address
                && !IsTrusted(address))
            {
                context.Items[ItemKey] = true;
                if (_warned.Count < MaxWarnedAddresses && _warned.TryAdd(address, true))
                {
                    logger.LogWarning(
                        "X-Forwarded-For/-Proto from {ProxyAddress} ignored: that address is not a trusted proxy. If the TLS proxy connects from it, add it to {Setting} (docs/deploy.md).",
                        address, $"{ProxyOptions.Section}:{nameof(ProxyOptions.KnownProxies)}");
                }
            }

            return next(context);
        }

        private bool IsTrusted(IPAddress address)
        {
            var forwarded = options.Value;
            var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            return forwarded.KnownProxies.Contains(address) || forwarded.KnownProxies.Contains(v4)
                || forwarded.KnownIPNetworks.Any(network => network.Contains(v4));
        }
    }

    /// <summary>
    /// One line per request (page-cache hits at Debug) with the client's address (the real one behind the proxy), and a log
    /// scope that adds it to every line written while the request runs. The path only, never the
    /// query string: confirmation and reset links carry tokens and addresses there.
    /// </summary>
    private sealed class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
    {
        /// <summary>
        /// A public page answered from the page cache (the output cache adds Age to what it
        /// serves from memory): logged at Debug. Writing a line per hit costs more than the hit
        /// itself and would halve what a burst can be served at; the proxy's access log has them,
        /// and every miss, error, form post and signed-in request is still logged here.
        /// </summary>
        private static bool IsPageCacheHit(HttpContext context) =>
            context.Response.StatusCode is >= 200 and < 400 && context.Response.Headers.Age.Count > 0;

        public async Task InvokeAsync(HttpContext context)
        {
            var client = context.Connection.RemoteIpAddress?.ToString() ?? "-";
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["ClientAddress"] = client });
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var level = IsPageCacheHit(context) ? LogLevel.Debug : LogLevel.Information;
                if (logger.IsEnabled(level))
                {
                    logger.Log(level,
                        "{Method} {Path} answered {StatusCode} to {ClientAddress} over {Scheme} in {ElapsedMilliseconds:0} ms",
                        context.Request.Method, context.Request.Path.ToUriComponent(), context.Response.StatusCode, client,
                        context.Request.Scheme, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }
    }
}
