using Portal.Admin.News;
using Portal.Shared;

namespace Portal.Tests.Shared;

public class FormResultTests
{
    [Fact]
    public void An_accepted_form_carries_what_it_made()
    {
        var result = new FormResult<int>(42);

        Assert.True(result.Succeeded);
        Assert.Equal(42, result.Value);
        Assert.Empty(result.Summary);
    }

    [Fact]
    public void A_refused_form_has_its_messages_and_no_value()
    {
        var result = new FormResult<int>([new FormError("Slug", "Alamat sudah dipakai."), new FormError(null, "Periksa isian.")]);

        Assert.False(result.Succeeded);
        Assert.Equal("Alamat sudah dipakai. Periksa isian.", result.Summary);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public void An_article_saved_meanwhile_by_someone_else_is_a_refusal_without_field_errors()
    {
        var result = ArticleSaveResult.Conflicted(new ArticleConflict(3, "Judul", "Ringkasan", "Isi", "Humas", DateTime.UtcNow));

        Assert.False(result.Succeeded);
        Assert.Empty(result.Errors);
        Assert.NotNull(result.Conflict);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }
}
