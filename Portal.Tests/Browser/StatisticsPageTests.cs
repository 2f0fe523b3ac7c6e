using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.Playwright;

namespace Portal.Tests.Browser;

/// <summary>
/// /statistik in Chromium: wwwroot/js/statistik.js draws a chart before every table that asks for
/// one (data-chart), under the strict Content-Security-Policy, on a phone and on a desktop; the
/// tables stay, and without JavaScript they are the whole page.
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public partial class StatisticsPageTests(BrowserFixture browser)
{
    private const string Path = "/statistik";

    /// <summary>
    /// Every securitypolicyviolation event of the page, kept where the test can read it. Added through
    /// the DevTools protocol, which the page's CSP does not govern; the portal's own scripts stay under it.
    /// </summary>
    private const string RecordCspViolations = """
        window.cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    public static TheoryData<string> Devices => [Device.Desktop.Name, Device.Phone.Name];

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task Every_chart_table_gets_a_drawn_chart_named_after_it_without_errors_or_CSP_violations(string deviceName)
    {
        var device = deviceName == Device.Phone.Name ? Device.Phone : Device.Desktop;
        await using var session = await browser.OpenAsync(device);
        var page = session.Page;
        await page.AddInitScriptAsync(RecordCspViolations);

        Assert.Equal(200, await session.GotoAsync(Path));
        var charts = await ChartsAsync(page);

        Assert.NotEmpty(charts);
        Assert.All(charts, chart =>
        {
            Assert.True(chart.Drawn, $"no chart was drawn for the table \"{chart.Table}\"");
            Assert.Equal("img", chart.Role);
            Assert.Contains(chart.Table, chart.Label, StringComparison.Ordinal);
            Assert.True(chart.Width > 0 && chart.Height > 0 && chart.Width <= device.Width, $"the chart of \"{chart.Table}\" is {chart.Width}×{chart.Height}");
            Assert.True(chart.Painted, $"the chart of \"{chart.Table}\" has a canvas with nothing on it");
        });
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.cspViolations"));
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{Path} is {widths[0]}px wide on a {widths[1]}px screen");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        session.AssertNoProblems();
        await Screenshots.SaveAsync(session, "statistik");
    }

    [Fact]
    public async Task A_suppressed_cell_is_a_gap_in_the_chart_and_its_note_says_so()
    {
        await using var session = await browser.OpenAsync(Device.Desktop);
        var page = session.Page;
        // The page as the server would write it with a suppressed first figure, whatever the data holds now.
        await page.RouteAsync("**" + Path, async route =>
        {
            var response = await route.FetchAsync();
            var html = FirstSeriesFigure().Replace(await response.TextAsync(), "<td data-value=\"\">&lt; 5</td>", 1);
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = html });
        });

        await session.GotoAsync(Path);
        await ChartsAsync(page);

        var first = await page.EvaluateAsync<string[]>("""
            () => {
              const chart = document.querySelector('.stat-chart');
              const value = Chart.getChart(chart.querySelector('canvas')).data.datasets[0].data[0];
              return [String(value), chart.querySelector('.stat-chart-note')?.textContent ?? ''];
            }
            """);
        Assert.Equal("null", first[0]);
        Assert.StartsWith("\"< 5\"", first[1], StringComparison.Ordinal);
        Assert.Contains("tidak digambar", first[1], StringComparison.Ordinal);
        session.AssertNoProblems();
    }

    [Fact]
    public async Task Without_JavaScript_the_page_holds_every_chart_table_with_its_figures_and_no_chart()
    {
        using var client = new HttpClient { BaseAddress = browser.BaseAddress };

        var page = await client.GetPageAsync(Path);

        var tables = page.QuerySelectorAll("main table[data-chart]");
        Assert.NotEmpty(tables);
        Assert.All(tables, table =>
        {
            Assert.Contains(table.GetAttribute("data-chart"), new[] { "bar", "line" });
            Assert.NotEmpty(table.QuerySelectorAll("thead th[scope=col][data-series]"));
            Assert.NotEmpty(table.QuerySelectorAll("tbody tr > th[scope=row]:first-child"));
            Assert.All(table.QuerySelectorAll("tbody td[data-value]"), cell => Assert.Matches(@"^(\d+(\.\d+)?)?$", cell.GetAttribute("data-value")));
        });
        Assert.Empty(page.QuerySelectorAll("canvas, .stat-chart"));
        var script = page.QuerySelectorAll("script[src]").Cast<IHtmlScriptElement>().Single(s => s.Source!.Contains("/js/statistik.js", StringComparison.Ordinal));
        Assert.True(script.IsDeferred);
    }

    private sealed record DrawnChart(string Table, bool Drawn, string Role, string Label, int Width, int Height, bool Painted);

    /// <summary>Waits until the script has marked every chart table, then reads each table's chart: the element just before the table (or its scrolling wrapper).</summary>
    private static async Task<List<DrawnChart>> ChartsAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => document.querySelectorAll('table[data-chart]:not([data-chart-drawn])').length === 0");
        // Chart.js animates for 300 ms; what it paints first is already on the canvas.
        var json = await page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('table[data-chart]')].map(table => {
              const anchor = table.closest('.table-responsive') || table;
              const chart = anchor.previousElementSibling;
              const canvas = chart && chart.classList.contains('stat-chart') ? chart.querySelector('canvas') : null;
              const labelled = (table.getAttribute('aria-labelledby') || '').split(/\s+/).map(id => document.getElementById(id)?.textContent.trim() ?? '').join(' ').trim();
              const name = table.caption?.textContent.trim() || labelled;
              if (!canvas) {
                return { table: name, drawn: false, role: '', label: '', width: 0, height: 0, painted: false };
              }
              const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let painted = false;
              for (let i = 3; i < pixels.length && !painted; i += 4) {
                painted = pixels[i] !== 0;
              }
              const box = canvas.getBoundingClientRect();
              return {
                table: name, drawn: !!Chart.getChart(canvas), role: canvas.getAttribute('role') ?? '', label: canvas.getAttribute('aria-label') ?? '',
                width: Math.round(box.width), height: Math.round(box.height), painted
              };
            }))
            """);
        return System.Text.Json.JsonSerializer.Deserialize<List<DrawnChart>>(json, System.Text.Json.JsonSerializerOptions.Web)!;
    }

    [GeneratedRegex(@"<td data-value=""\d+"">[^<]*</td>")]
    private static partial Regex FirstSeriesFigure();
}
