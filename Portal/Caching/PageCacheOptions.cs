namespace Portal.Caching;

/// <summary>Bounds of the public page cache ("Portal:PageCache").</summary>
public sealed class PageCacheOptions
{
    public const string Section = "Portal:PageCache";

    /// <summary>Off: every page is rendered for every request (for diagnosing, or a benchmark's "before").</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Memory for cached bodies, all variants together. A page is 10–40 KB uncompressed and a few KB
    /// compressed, so 64 MB holds thousands of pages. When full (the store is a size-limited
    /// MemoryCache), the page that does not fit is not stored and a background compaction removes a
    /// share of the entries, least recently used first, so later pages fit again: a crawl over
    /// 100,000 articles cannot grow the process past it, though it can push out popular pages.
    /// </summary>
    [Range(1, 4096)]
    public int SizeLimitMegabytes { get; set; } = 64;

    /// <summary>
    /// Longest life of an entry, a safety net: every change that is logged, and every scheduled
    /// one, already starts a new generation at its moment.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(1);
}
