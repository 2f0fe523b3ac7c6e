using Portal.Shared;

namespace Portal.Tests.Shared;

public class SlugsTests
{
    [Theory]
    [InlineData("Pelatihan Barista 2025", "pelatihan-barista-2025")]
    [InlineData("  36 Pencaker: Siap Ditempatkan!  ", "36-pencaker-siap-ditempatkan")]
    [InlineData("Café Kopi & Latte_Art", "cafe-kopi-latte-art")]
    [InlineData("SABLON--screen   printing", "sablon-screen-printing")]
    [InlineData("***", "")]
    public void Slugs_are_lower_case_words_joined_by_hyphens(string text, string expected)
    {
        Assert.Equal(expected, Slugs.FromText(text));
    }

    [Theory]
    [InlineData("pelatihan-barista", true)]
    [InlineData("Pelatihan-Barista", false)]
    [InlineData("-barista", false)]
    [InlineData("barista--kopi", false)]
    [InlineData("", false)]
    public void Only_normalised_slugs_are_valid(string slug, bool valid)
    {
        Assert.Equal(valid, Slugs.IsValid(slug));
    }

    [Fact]
    public void Long_titles_give_slugs_within_the_limit()
    {
        var slug = Slugs.FromText(string.Join(' ', Enumerable.Repeat("pelatihan", 40)));
        Assert.True(slug.Length <= Slugs.MaxLength);
        Assert.True(Slugs.IsValid(slug));
    }
}
