using Portal.Shared;

namespace Portal.Tests.Shared;

public class PagerTests
{
    // 0 is a gap: the pager draws an ellipsis there.
    [Theory]
    [InlineData(1, 0, "")]
    [InlineData(1, 1, "1")]
    [InlineData(1, 2, "1 2")]
    [InlineData(2, 7, "1 2 3 4 0 7")]
    [InlineData(4, 7, "1 2 3 4 5 6 7")]
    [InlineData(1, 10, "1 2 3 0 10")]
    [InlineData(3, 10, "1 2 3 4 5 0 10")]
    [InlineData(4, 10, "1 2 3 4 5 6 0 10")]
    [InlineData(5, 10, "1 2 3 4 5 6 7 0 10")]
    [InlineData(6, 10, "1 0 4 5 6 7 8 9 10")]
    [InlineData(7, 10, "1 0 5 6 7 8 9 10")]
    [InlineData(10, 10, "1 0 8 9 10")]
    [InlineData(500, 1000, "1 0 498 499 500 501 502 0 1000")]
    [InlineData(1000, 1000, "1 0 998 999 1000")]
    [InlineData(5000, 1000, "1 0 998 999 1000")]
    public void The_window_shows_the_first_the_current_two_either_side_and_the_last(int page, int totalPages, string expected)
    {
        var pager = new Pager(page, 10, totalPages * 10, p => $"/x?halaman={p}");

        Assert.Equal(expected, string.Join(' ', pager.Window()));
    }

    [Fact]
    public void The_window_never_grows_past_nine_items_and_lists_each_page_once()
    {
        for (var total = 1; total <= 40; total++)
        {
            for (var page = 1; page <= total; page++)
            {
                var window = new Pager(page, 1, total, p => "").Window();
                var pages = window.Where(p => p != 0).ToList();

                Assert.InRange(window.Count, 1, 9);
                Assert.Equal(pages.Order(), pages);
                Assert.Equal(pages.Distinct(), pages);
                Assert.Contains(page, pages);
                Assert.Equal(1, pages[0]);
                Assert.Equal(total, pages[^1]);
            }
        }
    }
}
