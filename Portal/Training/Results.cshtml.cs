namespace Portal.Training;

/// <summary>
/// A batch's selection results, by registration number. Not page-cached: an operator's later
/// status change (a Cadangan moving up) must show at once, and status changes do not clear the cache.
/// </summary>
public class ResultsModel(SelectionResults results, TrainingQueries training) : PageModel
{
    public Batch Batch { get; private set; } = null!;

    public Programme Programme => Batch.Programme!;

    public List<ResultLine> Lines { get; private set; } = [];

    public bool ShowsNames => results.ShowsNames;

    public async Task<IActionResult> OnGetAsync(string slug, string key, CancellationToken cancellationToken)
    {
        var batch = await training.BatchAtAsync(slug, key, cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        Batch = batch;
        if (batch.ResultsPublishedAtUtc is not null)
        {
            Lines = await results.LinesAsync(batch.Id, cancellationToken);
        }

        return Page();
    }

    public int Count(SelectionOutcome outcome) => Lines.Count(l => l.Outcome == outcome);
}
