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
