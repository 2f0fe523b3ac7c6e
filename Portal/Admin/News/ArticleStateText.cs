using Portal.News;

namespace Portal.Admin.News;

public static class ArticleStateText
{
    /// <summary>The word in the staff list and in the address (?status=terjadwal).</summary>
    public static string Key(this ArticleState state) => state switch
    {
        ArticleState.Draft => "draf",
        ArticleState.Scheduled => "terjadwal",
        ArticleState.Published => "terbit",
        _ => "arsip",
    };

    public static string Label(this ArticleState state) => state switch
    {
        ArticleState.Draft => "Draf",
        ArticleState.Scheduled => "Terjadwal",
        ArticleState.Published => "Terbit",
        _ => "Diarsipkan",
    };

    /// <summary>Bootstrap badge colours chosen for text contrast of at least 4.5:1.</summary>
    public static string BadgeClass(this ArticleState state) => state switch
    {
        ArticleState.Draft => "text-bg-secondary",
        ArticleState.Scheduled => "text-bg-warning",
        ArticleState.Published => "text-bg-success",
        _ => "text-bg-dark",
    };

    public static ArticleState? Parse(string? key) =>
        Enum.GetValues<ArticleState>().Cast<ArticleState?>().FirstOrDefault(s => s!.Value.Key() == key);
}
