namespace Portal.Tests.Infrastructure;

/// <summary>
/// The pages a reader arriving from a link lands on, the seven that tools/lighthouse/measure.mjs
/// measures: home, news list, an article, programmes, a programme, a search and registration.
/// </summary>
public static class ReaderPages
{
    public const string Article = "/berita/16-pencaker-mulai-dilatih-meracik-kopi-di-pelatihan-barista";

    public static IReadOnlyList<string> Paths { get; } =
    [
        "/",
        "/berita",
        Article,
        "/pelatihan",
        TrainingLinks.Programme("barista"),
        "/cari?q=barista",
        AccountLinks.Register,
    ];

    public static TheoryData<string> All => [.. Paths];
}
