using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Portal.Tests.Browser;

/// <summary>axe-core checks of the page as rendered (styles, scripts and all), with a readable failure message.</summary>
public static class Accessibility
{
    /// <summary>
    /// Impacts that fail a test. Serious and critical violations lock people out (unlabelled fields, text too
    /// faint to read, controls a screen reader cannot name); moderate and minor ones are reported by axe but left
    /// to review.
    /// </summary>
    private static readonly HashSet<string> Blocking = new(StringComparer.OrdinalIgnoreCase) { "serious", "critical" };

    /// <summary>
    /// All of axe's rules (WCAG 2.x A and AA and best practices), reporting every element only for violations:
    /// passes in full would be megabytes of JSON per page and triple the time. The portal has no iframes.
    /// </summary>
    private static readonly AxeRunOptions Options = new()
    {
        ResultTypes = [ResultType.Violations],
        Iframes = false,
    };

    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(Options);
        var blocking = result.Violations.Where(v => v.Impact is not null && Blocking.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, Describe(page.Url, blocking));
    }

    /// <summary>
    /// What Chromium tells a screen reader about the element the selector finds: its name and whether it is
    /// expanded, read from the browser's own accessibility tree. A &lt;details&gt; summary says expanded or
    /// collapsed without an aria-expanded attribute, and Playwright's role model does not read that state.
    /// </summary>
    public static async Task<AccessibleState> StateAsync(IPage page, string selector)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        try
        {
            var document = await cdp.SendAsync("DOM.getDocument");
            var found = await cdp.SendAsync("DOM.querySelector", new()
            {
                ["nodeId"] = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32(),
                ["selector"] = selector,
            });
            var nodeId = found!.Value.GetProperty("nodeId").GetInt32();
            Assert.True(nodeId != 0, $"No element matches {selector} on {page.Url}.");
            var tree = await cdp.SendAsync("Accessibility.getPartialAXTree", new() { ["nodeId"] = nodeId, ["fetchRelatives"] = false });
            var node = tree!.Value.GetProperty("nodes")[0];
            var name = node.TryGetProperty("name", out var named) ? named.GetProperty("value").GetString() : null;
            var expanded = node.TryGetProperty("properties", out var properties)
                ? properties.EnumerateArray().Where(p => p.GetProperty("name").GetString() == "expanded")
                    .Select(p => (bool?)p.GetProperty("value").GetProperty("value").GetBoolean()).SingleOrDefault()
                : null;
            return new AccessibleState(name ?? string.Empty, expanded);
        }
        finally
        {
            await cdp.DetachAsync();
        }
    }

    private static string Describe(string url, List<AxeResultItem> violations)
    {
        var text = new StringBuilder($"axe found {violations.Count} serious or critical violation(s) on {url}:");
        foreach (var violation in violations)
        {
            text.Append($"\n- {violation.Id} ({violation.Impact}): {violation.Help} {violation.HelpUrl}");
            foreach (var node in violation.Nodes.Take(5))
            {
                text.Append($"\n    at {node.Target}: {node.Html}");
            }
        }

        return text.ToString();
    }
}

/// <summary>An element as assistive technology is told of it: its accessible name, and expanded or collapsed (null: neither).</summary>
public sealed record AccessibleState(string Name, bool? Expanded);
