using Portal.Caching;
using Portal.News;
using Portal.Training;

namespace Portal.Home;

[CachedPage]
public class IndexModel(NewsQueries news, TrainingQueries training) : PageModel
{
    public List<ArticleSummary> LatestNews { get; private set; } = [];

    public List<BatchView> OpenBatches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        LatestNews = await news.LatestAsync(6, cancellationToken);
        OpenBatches = await training.OpenBatchesAsync(cancellationToken);
    }
}
