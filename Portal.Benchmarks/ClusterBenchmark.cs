using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Content;
using Portal.Data;
using Portal.Training;

namespace Portal.Benchmarks;

/// <summary>
/// The cluster benchmark of issue 12: three portal nodes on one PostgreSQL behind nginx, started by
/// tools/cluster/cluster.sh (Portal.Benchmarks/cluster-benchmark.sh starts it, runs this, stops it).
/// Everything goes over HTTP as a browser would (forms with their antiforgery tokens); only the
/// 300 job seekers and the capped batch are written straight into the database beforehand, and the
/// database is read to count what was stored. A measurement that fails (a node that does not share
/// what it must, a timeout) is reported as failed in the table; the next one still runs.
/// Usage: dotnet Portal.Benchmarks.dll cluster --dir DIR [--publishes 100] [--applicants 300]
/// [--cap 50] [--accepts 20] [--duration 8] [--results Portal.Benchmarks/RESULTS-cluster.md]
/// </summary>
public static class ClusterBenchmark
{
    private static readonly TimeSpan PollPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan VisibleTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var folder = WebBenchmark.TextOption(args, "--dir") ?? throw new ArgumentException("--dir DIR (a cluster started by tools/cluster/cluster.sh up DIR) is required");
        var publishes = Benchmark.Option(args, "--publishes", 100);
        var applicants = Benchmark.Option(args, "--applicants", 300);
        var cap = Benchmark.Option(args, "--cap", 50);
        var accepts = Benchmark.Option(args, "--accepts", 20);
        var duration = TimeSpan.FromSeconds(Benchmark.Option(args, "--duration", 8));
        var repository = WebBenchmark.RepositoryRoot();
        var resultsFile = Path.GetFullPath(WebBenchmark.TextOption(args, "--results") ?? Path.Combine(repository, "Portal.Benchmarks", "RESULTS-cluster.md"));
        var cluster = ClusterControl.Open(folder, repository);
        var runTime = Stopwatch.StartNew();

        return await WebBenchmark.ReportedAsync("cluster", resultsFile, async cancellationToken =>
        {
            var machine = WebBenchmark.Machine.Describe();
            Console.WriteLine($"Portal cluster benchmark: nginx {cluster.Nginx}, nodes {string.Join(", ", cluster.Nodes.Select(n => $"{n.Key} {n.Value}"))}; {machine.Cores} cores");
            var rows = new List<Row>();
            var run = new Run(cluster, rows, cancellationToken);

            var people = await run.Step("seeding", () => SeedAsync(cluster, applicants, cap, cancellationToken));
            using var staffOnA = await run.Step("staff sign-in on node a", () => SignInAsync(cluster.BrowserOf(cluster.Nodes["a"]), cluster.AdminEmail, cluster.AdminPassword, cancellationToken));
            if (people is null || staffOnA is null)
            {
                return Report(machine, rows, runTime.Elapsed);
            }

            await run.Measure("publish → /cari", () => PublishToSearchAsync(cluster, staffOnA, publishes, cancellationToken));
            var sessionHolds = await run.Measure("session", () => SessionAsync(cluster, people, cancellationToken)) ?? false;
            await run.Measure("capped batch", () => CappedBatchAsync(cluster, people, sessionHolds, cancellationToken));
            await run.Measure("node c down", () => CatchUpAsync(cluster, staffOnA, people, publishes, accepts, cancellationToken));
            await run.Measure("throughput", () => ThroughputAsync(cluster, duration, cancellationToken));
            return Report(machine, rows, runTime.Elapsed);
        },
        () => Task.CompletedTask);
    }

    /// <summary>One line of the table: what was measured, the figure, the target and whether it was met (null: no target).</summary>
    private sealed record Row(string Measurement, string Figure, string Target, bool? Met);

    /// <summary>Runs each measurement so that one failing (reported as a row) does not stop the others.</summary>
    private sealed class Run(ClusterControl cluster, List<Row> rows, CancellationToken cancellationToken)
    {
        public async Task<T?> Step<T>(string name, Func<Task<T>> step)
            where T : class
        {
            try
            {
                return await step();
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Fail(name, e);
                return null;
            }
        }

        public async Task<bool?> Measure(string name, Func<Task<(List<Row> Rows, bool Passed)>> measure)
        {
            Console.WriteLine($"{name}…");
            try
            {
                var (measured, passed) = await measure();
                rows.AddRange(measured);
                measured.ForEach(r => Console.WriteLine($"  {r.Measurement}: {r.Figure} (target: {r.Target}) {Mark(r.Met)}"));
                return passed;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Fail(name, e);
                // Whatever failed, the next measurement starts from all three nodes behind nginx.
                try
                {
                    await cluster.UpstreamAsync(ClusterControl.NodeNames, cancellationToken);
                }
                catch (InvalidOperationException again)
                {
                    Console.Error.WriteLine($"  restoring nginx's upstream failed too: {again.Message}");
                }

                return null;
            }
        }

        private void Fail(string name, Exception e)
        {
            var message = e.Message.ReplaceLineEndings(" ");
            Console.Error.WriteLine($"  {name} FAILED: {message}");
            rows.Add(new Row(name, "failed: " + (message.Length > 300 ? message[..300] + "…" : message), "runs to the end", false));
        }
    }

    /// <summary>The job seekers (complete profiles, confirmed emails, one password) and the batch capped at 50 (--cap).</summary>
    private sealed record People(string Password, List<string> Emails, int BatchId, string ProgrammeSlug);

    private static async Task<People> SeedAsync(ClusterControl cluster, int count, int cap, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Seeding {count} job seekers and a batch capped at {cap}…");
        var password = "klaster-" + Guid.NewGuid().ToString("N")[..16];
        // Hashed once: PBKDF2 is slow on purpose, and every seeded account has the same password.
        var hash = new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), password);
        var run = Guid.NewGuid().ToString("N")[..6];
        await using var db = PortalDbContexts.Create(DatabaseProvider.PostgreSql, cluster.ConnectionString);
        var now = DateTime.UtcNow;
        var emails = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var email = $"pencaker{i:000}.{run}@contoh.id";
            var user = new PortalUser
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                LockoutEnabled = true,
                CreatedAtUtc = now,
            };
            db.Users.Add(user);
            db.JobSeekerProfiles.Add(new JobSeekerProfile
            {
                UserId = user.Id,
                FullName = $"Pencari Kerja {i:000}",
                // Region 3673 (Kota Serang), born 17-05-2000, a serial per person.
                Nik = $"36730{i / 1000 % 10}170500{i % 1000 + 1:0000}",
                DateOfBirth = new DateOnly(2000, 5, 17),
                Gender = Gender.Male,
                Phone = "+6281234567890",
                Address = "Jl. Ahmad Yani No. 1, Kota Serang",
                Kecamatan = Kecamatan.Serang,
                Education = EducationLevel.SmaSmk,
                EmploymentStatus = EmploymentStatus.Unemployed,
                UpdatedAtUtc = now,
            });
            emails.Add(email);
        }

        var programme = await db.Programmes.OrderBy(p => p.Slug).FirstAsync(cancellationToken);
        var batch = new Batch
        {
            Key = $"klaster-{run}",
            ProgrammeId = programme.Id,
            Name = $"Gelombang Uji Klaster {run}",
            Funding = FundingSource.Apbn,
            Provider = "BBPVP Serang",
            Location = "Workshop BBPVP Serang",
            Seats = cap,
            RegistrationCap = cap,
            RegistrationOpensAtUtc = now.AddDays(-1),
            RegistrationClosesAtUtc = now.AddDays(7),
            TrainingStartsOn = DateOnly.FromDateTime(now.AddDays(14)),
            TrainingEndsOn = DateOnly.FromDateTime(now.AddDays(28)),
            Origin = ContentOrigin.Portal,
        };
        db.Batches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        return new People(password, emails, batch.Id, programme.Slug);
    }

    /// <summary>The sign-in form, filled and posted; the browser is signed in afterwards or this throws saying why.</summary>
    private static async Task<Browser> SignInAsync(Browser browser, string email, string password, CancellationToken cancellationToken)
    {
        var form = await FormAsync(browser, "/akun/masuk", "main form", cancellationToken);
        using var answer = await browser.PostAsync(form, [new("Input.Email", email), new("Input.Password", password)], null, cancellationToken);
        var location = answer.Headers.Location?.OriginalString ?? "";
        if (answer.StatusCode != HttpStatusCode.Redirect || location.Contains("/akun/masuk", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"signing in as {email} at {browser.BaseAddress} answered {(int)answer.StatusCode} {location} " +
                $"(node {browser.NodeOf(answer) ?? "asked directly"})");
        }

        return browser;
    }

    private static async Task<IHtmlFormElement> FormAsync(Browser browser, string path, string selector, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(path, cancellationToken);
        return page.Document.QuerySelector(selector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"GET {path} on {browser.BaseAddress} (node {page.Node ?? "direct"}) ended at {page.Path} with {(int)page.Status}, without the form '{selector}'");
    }

    /// <summary>A new article published now through the staff form on node A; its unique word and its address.</summary>
    private static async Task<(string Word, string Slug)> PublishAsync(Browser staff, CancellationToken cancellationToken)
    {
        // Consonants only: a made-up word the Indonesian stemmer leaves alone, found nowhere else.
        var word = "kl" + string.Concat(Enumerable.Range(0, 10).Select(_ => "bcdfghjkmnprstvz"[Random.Shared.Next(16)]));
        var form = await FormAsync(staff, "/admin/berita/baru", "#formulir-berita", cancellationToken);
        using var answer = await staff.PostAsync(form,
        [
            new("Input.Title", $"Uji klaster {word}"),
            new("Input.Summary", $"Ringkasan uji klaster {word}."),
            new("Input.Body", $"Berita uji klaster **{word}**, diterbitkan oleh benchmark."),
        ], "Publish", cancellationToken);
        if (answer.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"publishing answered {(int)answer.StatusCode} instead of a redirect to the editor");
        }

        var editor = await staff.FollowAsync(answer, cancellationToken);
        var slug = (editor.Document.QuerySelector("input[name='Input.Slug']") as IHtmlInputElement)?.Value;
        return string.IsNullOrEmpty(slug) ? throw new InvalidOperationException($"the editor page after publishing ({editor.Path}) shows no slug") : (word, slug);
    }

    /// <summary>When a node's /cari first finds the article, and when its (page-cached) /berita list first shows it.</summary>
    private sealed record Visible(double SearchMs, double ListMs);

    private static async Task<Visible> WatchAsync(Browser node, string word, string slug, Stopwatch sincePublished, CancellationToken cancellationToken)
    {
        double? search = null, list = null;
        var link = $"/berita/{slug}\"";
        while ((search is null || list is null) && sincePublished.Elapsed < VisibleTimeout)
        {
            if (search is null && (await node.GetAsync($"/cari?q={word}", cancellationToken)).Html.Contains(link, StringComparison.Ordinal))
            {
                search = sincePublished.Elapsed.TotalMilliseconds;
            }

            if (list is null && (await node.GetAsync("/berita", cancellationToken)).Html.Contains(link, StringComparison.Ordinal))
            {
                list = sincePublished.Elapsed.TotalMilliseconds;
            }

            await Task.Delay(PollPause, cancellationToken);
        }

        return new Visible(search ?? double.PositiveInfinity, list ?? double.PositiveInfinity);
    }

    private static async Task<(List<Row>, bool)> PublishToSearchAsync(ClusterControl cluster, Browser staff, int count, CancellationToken cancellationToken)
    {
        using var b = cluster.BrowserOf(cluster.Nodes["b"]);
        using var c = cluster.BrowserOf(cluster.Nodes["c"]);
        var onB = new List<Visible>();
        var onC = new List<Visible>();
        for (var i = 0; i < count; i++)
        {
            var (word, slug) = await PublishAsync(staff, cancellationToken);
            // From the answer to the publishing post: the article is committed on node A.
            var since = Stopwatch.StartNew();
            var watched = await Task.WhenAll(WatchAsync(b, word, slug, since, cancellationToken), WatchAsync(c, word, slug, since, cancellationToken));
            onB.Add(watched[0]);
            onC.Add(watched[1]);
            if (i % 20 == 19)
            {
                Console.WriteLine($"  {i + 1} published");
            }
        }

        var both = onB.Zip(onC, (x, y) => Math.Max(x.SearchMs, y.SearchMs)).ToList();
        var missed = both.Count(double.IsPositiveInfinity);
        // How much later than /cari the node's cached /berita showed the article (0: in the same look).
        var cacheLag = onB.Concat(onC).Select(v => Math.Max(0, v.ListMs - v.SearchMs)).ToList();
        var cacheMissed = onB.Concat(onC).Count(v => double.IsPositiveInfinity(v.ListMs));
        var rows = new List<Row>
        {
            new($"publish on A → `/cari` finds it on B ({count} publishes)", Percentiles(onB.Select(v => v.SearchMs)), "", null),
            new($"publish on A → `/cari` finds it on C", Percentiles(onC.Select(v => v.SearchMs)), "", null),
            new($"publish on A → found on both B and C", Percentiles(both) + (missed > 0 ? $"; {missed} not found within {VisibleTimeout.TotalSeconds:0} s" : ""),
                "p99 ≤ 1 s", missed == 0 && Percentile(both, 0.99) <= 1000),
            new("`/berita` (page cache) of B and C shows it, later than `/cari` by", Percentiles(cacheLag) + (cacheMissed > 0 ? $"; {cacheMissed} never shown" : ""),
                "as soon as the index (p99 ≤ 100 ms, one look)", cacheMissed == 0 && Percentile(cacheLag, 0.99) <= 100),
        };
        return (rows, rows.All(r => r.Met != false));
    }

    /// <summary>A job seeker signs in through nginx and reads 10 signed-in pages through it: each must be the signed-in page.</summary>
    private static async Task<(List<Row>, bool)> SessionAsync(ClusterControl cluster, People people, CancellationToken cancellationToken)
    {
        using var browser = cluster.BrowserOf(cluster.Nginx);
        var form = await FormAsync(browser, "/akun/masuk", "main form", cancellationToken);
        using var answer = await browser.PostAsync(form, [new("Input.Email", people.Emails[0]), new("Input.Password", people.Password)], null, cancellationToken);
        var location = answer.Headers.Location?.OriginalString ?? "";
        if (answer.StatusCode != HttpStatusCode.Redirect || location.Contains("/akun/masuk", StringComparison.Ordinal))
        {
            return ([new Row("sign in through nginx, then 10 signed-in pages",
                $"sign-in refused: {(int)answer.StatusCode} from node {browser.NodeOf(answer)} (form from another node: its antiforgery token is not accepted)",
                "signed in on every node", false)], false);
        }

        var nodes = new List<string>();
        var signedIn = 0;
        for (var i = 0; i < 10; i++)
        {
            var page = await browser.GetAsync("/akun/profil", cancellationToken);
            nodes.Add(page.Node ?? "?");
            if (page.Status == HttpStatusCode.OK && page.Path == "/akun/profil")
            {
                signedIn++;
            }
        }

        var passed = signedIn == 10;
        return ([new Row("sign in through nginx, then 10 signed-in pages (`/akun/profil`)",
            $"{(passed ? "pass" : "FAIL")}: {signedIn}/10 signed in; answered by {string.Join(" ", nodes)}",
            "10/10, on every node", passed && nodes.Distinct().Count() == ClusterControl.NodeNames.Length)], passed);
    }

    /// <summary>
    /// Every job seeker signs in and opens the apply form, then all posts leave at once. Through
    /// nginx when a session holds across nodes; otherwise (node-local keys) each person stays on
    /// one node's own address, spread over the three, and the table says so.
    /// </summary>
    private static async Task<(List<Row>, bool)> CappedBatchAsync(ClusterControl cluster, People people, bool throughNginx, CancellationToken cancellationToken)
    {
        var applyPath = $"/pelatihan/{people.ProgrammeSlug}/gelombang/{people.BatchId}/daftar";
        var prepared = new (Browser Browser, HttpRequestMessage Request)?[people.Emails.Count];
        var preparationErrors = new List<string>();
        using var gate = new SemaphoreSlim(8);
        var preparing = Stopwatch.StartNew();
        await Task.WhenAll(people.Emails.Select(async (email, i) =>
        {
            await gate.WaitAsync(cancellationToken);
            var browser = cluster.BrowserOf(throughNginx ? cluster.Nginx : cluster.Nodes[ClusterControl.NodeNames[i % 3]]);
            try
            {
                await SignInAsync(browser, email, people.Password, cancellationToken);
                var form = await FormAsync(browser, applyPath, "main form:has([name='Input.Consent'])", cancellationToken);
                prepared[i] = (browser, Browser.PostRequest(form, [new("Input.Consent", "true"), new("Input.Motivation", "Ingin bekerja.")], null));
            }
            catch (InvalidOperationException e)
            {
                browser.Dispose();
                lock (preparationErrors)
                {
                    preparationErrors.Add(e.Message);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        var ready = prepared.OfType<(Browser Browser, HttpRequestMessage Request)>().ToList();
        Console.WriteLine($"  {ready.Count} signed in with the form open in {preparing.Elapsed.TotalSeconds:0.0} s; {preparationErrors.Count} could not");

        var stored = 0;
        var full = 0;
        var serverErrors = 0;
        var others = new List<string>();
        var nodes = new Dictionary<string, int>();
        var sending = Stopwatch.StartNew();
        await Task.WhenAll(ready.Select(async person =>
        {
            using var answer = await person.Browser.SendAsync(person.Request, cancellationToken);
            var html = await answer.Content.ReadAsStringAsync(cancellationToken);
            lock (others)
            {
                var node = person.Browser.NodeOf(answer) ?? person.Browser.BaseAddress.Port.ToString(CultureInfo.InvariantCulture);
                nodes[node] = nodes.GetValueOrDefault(node) + 1;
                if (answer.StatusCode == HttpStatusCode.Redirect && answer.Headers.Location?.OriginalString.Contains("/akun/lamaran", StringComparison.Ordinal) == true)
                {
                    stored++;
                }
                else if (answer.StatusCode == HttpStatusCode.OK && html.Contains(ApplicationService.CapFullMessage, StringComparison.Ordinal))
                {
                    full++;
                }
                else if ((int)answer.StatusCode >= 500)
                {
                    serverErrors++;
                }
                else
                {
                    others.Add($"{(int)answer.StatusCode} {answer.Headers.Location?.AbsolutePath}");
                }
            }
        }));
        var sent = sending.Elapsed;
        ready.ForEach(p =>
        {
            p.Request.Dispose();
            p.Browser.Dispose();
        });

        await using var db = PortalDbContexts.Create(DatabaseProvider.PostgreSql, cluster.ConnectionString);
        var inDatabase = await db.Applications.CountAsync(a => a.BatchId == people.BatchId, cancellationToken);
        var cap = (await db.Batches.SingleAsync(b => b.Id == people.BatchId, cancellationToken)).RegistrationCap ?? 0;
        var count = people.Emails.Count;
        var route = throughNginx
            ? "through nginx"
            : "each person on one node's own address (a session does not hold across nodes through nginx yet)";
        var otherText = others.Count == 0 ? "none" : string.Join(", ", others.GroupBy(o => o).Select(g => $"{g.Count()}× {g.Key}"));
        var rows = new List<Row>
        {
            new($"{count} simultaneous applications to a batch capped at {cap}, {route}",
                $"{ready.Count} sent in {sent.TotalSeconds:0.00} s; answered by {string.Join(", ", nodes.OrderBy(n => n.Key).Select(n => $"{n.Key}: {n.Value}"))}" +
                (preparationErrors.Count > 0 ? $"; {preparationErrors.Count} could not sign in or open the form ({preparationErrors[0]})" : ""),
                $"{count} sent through nginx", throughNginx && ready.Count == count),
            new("applications stored (counted in the database)", $"{inDatabase} ({stored} answered \"submitted\")", $"exactly {cap}", inDatabase == cap && stored == cap),
            new("answers with \"kuota pendaftaran penuh\"", full.ToString(CultureInfo.InvariantCulture), $"every other one ({ready.Count - cap})", full == ready.Count - cap),
            new("5xx answers", serverErrors.ToString(CultureInfo.InvariantCulture), "0", serverErrors == 0),
            new("other answers", otherText, "none", others.Count == 0),
        };
        return (rows, rows.All(r => r.Met != false));
    }

    /// <summary>
    /// Node C is killed; articles are published on A and applicants accepted on A and B meanwhile;
    /// C is started again: the time until its index has applied every change, with no rebuild.
    /// </summary>
    private static async Task<(List<Row>, bool)> CatchUpAsync(ClusterControl cluster, Browser staffOnA, People people, int publishes, int accepts, CancellationToken cancellationToken)
    {
        await cluster.KillNodeAsync("c", cancellationToken);
        await cluster.UpstreamAsync(["a", "b"], cancellationToken);
        Console.WriteLine($"  node c killed; publishing {publishes} articles on a, accepting {accepts} applicants on a and b…");
        var last = (Word: "", Slug: "");
        for (var i = 0; i < publishes; i++)
        {
            last = await PublishAsync(staffOnA, cancellationToken);
        }

        using var staffOnB = await SignInAsync(cluster.BrowserOf(cluster.Nodes["b"]), cluster.AdminEmail, cluster.AdminPassword, cancellationToken);
        await using var db = PortalDbContexts.Create(DatabaseProvider.PostgreSql, cluster.ConnectionString);
        var ids = await db.Applications.Where(a => a.BatchId == people.BatchId && a.Status == ApplicationStatus.Diajukan)
            .OrderBy(a => a.Id).Select(a => a.Id).Take(accepts).ToListAsync(cancellationToken);
        var half = ids.Count / 2;
        foreach (var (staff, changed, to) in new[] { (staffOnA, ids, ApplicationStatus.Diverifikasi), (staffOnA, ids[..half], ApplicationStatus.Diterima), (staffOnB, ids[half..], ApplicationStatus.Diterima) })
        {
            if (changed.Count > 0)
            {
                await ChangeStatusAsync(staff, people.BatchId, changed, to, cancellationToken);
            }
        }
        var accepted = await db.Applications.CountAsync(a => ids.Contains(a.Id) && a.Status == ApplicationStatus.Diterima, cancellationToken);
        var newest = await db.SearchChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;

        var logBefore = File.Exists(cluster.NodeLog("c")) ? new FileInfo(cluster.NodeLog("c")).Length : 0;
        var restart = Stopwatch.StartNew();
        await cluster.RestartNodeAsync("c", cancellationToken);
        var healthy = restart.Elapsed;
        using var c = cluster.BrowserOf(cluster.Nodes["c"]);
        TimeSpan? caughtUp = null, found = null;
        long applied = 0;
        while ((caughtUp is null || found is null) && restart.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (caughtUp is null)
            {
                applied = await AppliedChangeAsync(c, cancellationToken);
                caughtUp = applied >= newest ? restart.Elapsed : null;
            }

            if (found is null && (await c.GetAsync($"/cari?q={last.Word}", cancellationToken)).Html.Contains($"/berita/{last.Slug}\"", StringComparison.Ordinal))
            {
                found = restart.Elapsed;
            }

            await Task.Delay(PollPause, cancellationToken);
        }

        await cluster.UpstreamAsync(ClusterControl.NodeNames, cancellationToken);
        var log = ReadFrom(cluster.NodeLog("c"), logBefore);
        var rebuilt = log.Contains("is rebuilt from the database", StringComparison.Ordinal);
        var opened = log.Split('\n').FirstOrDefault(l => l.Contains("Search index opened at change", StringComparison.Ordinal))?.Trim();
        var rows = new List<Row>
        {
            new($"while C was down: {publishes} articles published on A, applicants accepted on A and B", $"{accepted} accepted", $"{accepts} accepted", accepted == accepts),
            new("C restarted: `/healthz` answers after", Seconds(healthy), "", null),
            new($"C caught up (its `/healthz` applied change ≥ {newest}) after", caughtUp is { } t ? $"{Seconds(t)} ({Seconds(t - healthy)} after `/healthz` answered)" : $"not within 120 s (applied {applied})", "by itself, no manual step", caughtUp is not null),
            new("C's `/cari` finds the last article published while it was down after", found is { } f ? Seconds(f) : "not within 120 s", "", found is not null),
            new("C's index rebuilt from the database?", rebuilt ? "yes (a full rebuild)" : $"no; its log: \"{opened ?? "no 'opened at change' line"}\"", "no rebuild", !rebuilt),
        };
        return (rows, rows.All(r => r.Met != false));
    }

    private static async Task ChangeStatusAsync(Browser staff, int batchId, List<int> ids, ApplicationStatus to, CancellationToken cancellationToken)
    {
        var form = await FormAsync(staff, $"/admin/pelatihan/gelombang/{batchId}/pendaftar", "form.applicant-bulk", cancellationToken);
        var values = ids.Select(id => new KeyValuePair<string, string>("Input.Ids", id.ToString(CultureInfo.InvariantCulture)))
            .Append(new("Input.To", to.ToString()))
            .Append(new("Input.Note", "Benchmark klaster"));
        using var answer = await staff.PostAsync(form, values, null, cancellationToken);
        if (answer.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"changing {ids.Count} applications to {to} on {staff.BaseAddress} answered {(int)answer.StatusCode}");
        }
    }

    /// <summary>The change id the node's index has applied, from its /healthz detail (loopback may read it).</summary>
    private static async Task<long> AppliedChangeAsync(Browser node, CancellationToken cancellationToken)
    {
        var page = await node.GetAsync("/healthz", cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(page.Html);
            return json.RootElement.GetProperty("checks").GetProperty("search").GetProperty("data").GetProperty("appliedChange").GetInt64();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return -1;
        }
    }

    /// <summary>wrk on one anonymous article page through nginx, with 1, 2 and 3 nodes behind it.</summary>
    private static async Task<(List<Row>, bool)> ThroughputAsync(ClusterControl cluster, TimeSpan duration, CancellationToken cancellationToken)
    {
        var repository = WebBenchmark.RepositoryRoot();
        var article = "/berita/" + Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(repository, "content", "news"), "*.md").Order(StringComparer.Ordinal).First());
        var url = new Uri(cluster.Nginx, article).ToString();
        var rows = new List<Row>();
        var headers = new Dictionary<string, string>();
        double? one = null;
        for (var n = 1; n <= ClusterControl.NodeNames.Length; n++)
        {
            var nodes = ClusterControl.NodeNames[..n];
            await cluster.UpstreamAsync(nodes, cancellationToken);
            using var check = cluster.BrowserOf(cluster.Nginx);
            var page = await check.GetAsync(article, cancellationToken);
            if (page.Status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{article} through nginx answered {(int)page.Status}");
            }

            await Wrk.RunAsync(url, TimeSpan.FromSeconds(2), 32, headers, null, cancellationToken);
            var result = await Wrk.RunAsync(url, duration, 32, headers, null, cancellationToken);
            one ??= result.RequestsPerSecond;
            rows.Add(new Row($"`{article}` through nginx, {n} node{(n > 1 ? "s" : "")} ({string.Join(",", nodes)})",
                FormattableString.Invariant($"{result.RequestsPerSecond:N0} req/s ({result.RequestsPerSecond / one.Value:0.00}× one node), p50 {result.P50Ms:0.0} ms, p99 {result.P99Ms:0.0} ms, {result.Errors} errors"),
                "no errors", result.Errors == 0));
        }

        await cluster.UpstreamAsync(ClusterControl.NodeNames, cancellationToken);
        return (rows, rows.All(r => r.Met != false));
    }

    private static string ReadFrom(string file, long offset)
    {
        if (!File.Exists(file))
        {
            return string.Empty;
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Percentiles(IEnumerable<double> values)
    {
        var list = values.ToList();
        return FormattableString.Invariant($"p50 {Milliseconds(Percentile(list, 0.5))}, p99 {Milliseconds(Percentile(list, 0.99))}, max {Milliseconds(list.DefaultIfEmpty(double.NaN).Max())}");
    }

    private static string Milliseconds(double ms) => double.IsPositiveInfinity(ms) ? "never" : FormattableString.Invariant($"{ms:0} ms");

    private static string Seconds(TimeSpan t) => FormattableString.Invariant($"{t.TotalSeconds:0.0} s");

    private static string Mark(bool? met) => met switch { true => "✓", false => "✗", null => "" };

    private static string Report(WebBenchmark.Machine machine, List<Row> rows, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine("# Cluster benchmark (issue 12)");
        text.AppendLine();
        text.AppendLine("Written by `Portal.Benchmarks/cluster-benchmark.sh`: one PostgreSQL (fsync on), three portal nodes (Release, Production, each its own");
        text.AppendLine("data folder and Lucene index) and Debian's nginx round-robin in front, all on loopback, started by `tools/cluster/cluster.sh`.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{machine.Date:yyyy-MM-dd HH:mm} UTC · {machine.Cores} cores, {machine.Cpu} · {machine.Os} · {machine.Dotnet} · " +
            $"load before {machine.LoadBefore}, after {Benchmark.LoadAverage()} · run {elapsed.TotalMinutes:0.0} min");
        text.AppendLine();
        text.AppendLine("| measurement | figure | target | met |");
        text.AppendLine("|---|---|---|---|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Measurement} | {row.Figure.Replace("|", "\\|", StringComparison.Ordinal)} | {row.Target} | {Mark(row.Met)} |");
        }

        text.AppendLine();
        text.AppendLine("Publishing: the staff form on node A (antiforgery token, as a browser), timed from its answer; B and C are each asked");
        text.AppendLine($"`/cari?q=<the article's unique word>` and `/berita` every {PollPause.TotalMilliseconds:0} ms until both show the article.");
        text.AppendLine("Sessions: the node that answered is nginx's `X-Portal-Upstream` header. Applications: 300 job seekers and the batch are");
        text.AppendLine("written into the database beforehand; each person signs in and opens the form, then every post leaves at once.");
        return text.ToString();
    }
}
