using Portal.Caching;

namespace Portal.Help;

/// <summary>/tanya-jawab: the questions of content/faq, each with its own anchor so a search result or a chat can point at one.</summary>
[CachedPage]
public class FaqModel(FaqContent faq) : PageModel
{
    public IReadOnlyList<FaqEntry> Entries { get; private set; } = [];

    public void OnGet() => Entries = faq.Entries;
}
