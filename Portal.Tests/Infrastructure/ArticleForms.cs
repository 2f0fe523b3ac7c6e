using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Portal.Tests.Infrastructure;

/// <summary>The staff article form (new and edit) as editors open it, and what it holds after a post that was refused.</summary>
public static class ArticleForms
{
    public static async Task<IHtmlFormElement> NewArticleFormAsync(this HttpClient client) =>
        (await client.GetPageAsync("/admin/berita/baru")).ArticleForm();

    public static async Task<IHtmlFormElement> EditArticleFormAsync(this HttpClient client, int id) =>
        (await client.GetPageAsync($"/admin/berita/{id}")).ArticleForm();

    /// <summary>The article form on a page the editor was sent on or back to.</summary>
    public static IHtmlFormElement ArticleForm(this IHtmlDocument page) => page.MainForm("#formulir-berita");

    public static string TitleInForm(this IHtmlDocument page) =>
        page.QuerySelector<IHtmlInputElement>("input[name='Input.Title']")!.Value;

    public static string BodyInForm(this IHtmlDocument page) =>
        page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Body']")!.Value;

    /// <summary>The form came back holding what the editor typed, and no article of that title was saved.</summary>
    public static async Task AssertKeptAndNotSavedAsync(this PortalFactory factory, IHtmlDocument page, string title, string body)
    {
        Assert.Equal(title, page.TitleInForm());
        Assert.Equal(body, page.BodyInForm());
        Assert.False(await factory.AnyArticleTitledAsync(title));
    }

    public static Task<bool> AnyArticleTitledAsync(this PortalFactory factory, string title) =>
        factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title));
}
