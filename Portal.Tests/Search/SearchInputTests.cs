using Portal.Search;

namespace Portal.Tests.Search;

public class SearchInputTests
{
    [Theory]
    [InlineData("pelatihan barista", "Word:pelatihan|Word:barista")]
    [InlineData("\"public speaking\" APBN", "Phrase:public speaking|Word:APBN")]
    [InlineData("barist*", "Prefix:barist")]
    [InlineData("\"", "")]
    [InlineData("\"sablon", "Word:sablon")]
    [InlineData("*", "")]
    [InlineData("a*", "Word:a")]
    [InlineData("***", "")]
    [InlineData("title:barista AND (sablon", "Word:title:barista|Word:AND|Word:(sablon")]
    [InlineData("  barista \t\n sablon  ", "Word:barista|Word:sablon")]
    [InlineData("bar\u0000ista\u202Esablon", "Word:bar|Word:ista|Word:sablon")]
    [InlineData("\"\"", "")]
    [InlineData("kopi 咖啡 قهوة", "Word:kopi|Word:咖啡|Word:قهوة")]
    public void Input_is_read_forgivingly_into_words_phrases_and_prefixes(string raw, string expected)
    {
        var input = SearchInput.Parse(raw);

        Assert.Equal(expected, string.Join('|', input.Terms.Select(t => $"{t.Kind}:{t.Text}")));
    }

    [Fact]
    public void Long_input_is_cut_at_the_limit_and_says_so()
    {
        var input = SearchInput.Parse(string.Concat(Enumerable.Repeat("barista ", 1_250)));

        Assert.True(input.Truncated);
        Assert.True(input.Text.Length <= SearchInput.MaxLength);
        Assert.True(input.Terms.Count <= SearchInput.MaxTerms);
        Assert.True(input.TooManyTerms);
    }

    [Fact]
    public void A_cut_never_splits_a_character()
    {
        var input = SearchInput.Parse(new string('a', SearchInput.MaxLength - 1) + "😀😀");

        Assert.False(input.Text.Any(char.IsSurrogate) && input.Text.Count(char.IsSurrogate) % 2 == 1);
    }

    [Fact]
    public void No_more_than_three_prefixes_are_expanded()
    {
        var input = SearchInput.Parse("ba* ka* sa* pa* la*");

        Assert.Equal(SearchInput.MaxPrefixes, input.Terms.Count(t => t.Kind == SearchTermKind.Prefix));
        Assert.True(input.TooManyTerms);
    }
}
