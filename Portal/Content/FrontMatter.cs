using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Portal.Content;

/// <summary>Splits a content file into its YAML front matter and Markdown body, and reads the YAML.</summary>
public static class FrontMatter
{
    // Deserializers are thread-safe once built. Unknown keys are errors, so that a typo such as
    // "registraton_cap" is reported instead of silently dropped.
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static ContentResult<(T Header, string Body)> Parse<T>(string text)
        where T : class
    {
        var normalized = text.TrimStart('\uFEFF').ReplaceLineEndings("\n");
        if (!normalized.StartsWith("---\n", StringComparison.Ordinal))
        {
            return ContentResult<(T, string)>.Fail("the file does not start with a '---' line opening the YAML front matter");
        }

        var end = normalized.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        var bodyStart = end + 5;
        if (end < 0 && normalized.EndsWith("\n---", StringComparison.Ordinal))
        {
            end = normalized.Length - 4;
            bodyStart = normalized.Length;
        }

        if (end < 0)
        {
            return ContentResult<(T, string)>.Fail("the YAML front matter is not closed by a '---' line");
        }

        // "---\n---" closes on the opening line's own newline: an empty front matter, not a range error.
        var yaml = end > 4 ? normalized[4..end] : string.Empty;
        try
        {
            var header = Yaml.Deserialize<T>(yaml);
            return header is null
                ? ContentResult<(T, string)>.Fail("the YAML front matter is empty")
                : ContentResult<(T, string)>.Ok((header, normalized[bodyStart..].Trim('\n')));
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            return ContentResult<(T, string)>.Fail($"invalid YAML at line {e.Start.Line}: {reason}");
        }
    }
}
