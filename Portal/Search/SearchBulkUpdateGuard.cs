using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.News;
using Portal.Training;

namespace Portal.Search;

/// <summary>
/// ExecuteUpdate and ExecuteDelete bypass the change tracker, so <see cref="SearchChangeRecorder"/>
/// never sees them and search would keep the old text. Rather than a comment asking people not to
/// use them, this guard refuses them on the entities search shows when the query is compiled (an
/// exception, in the first test that runs it), except an ExecuteUpdate that sets only
/// <see cref="NotSearched"/> properties. Chosen over moving the counters to a table of their own:
/// the conditional updates compare a counter with the seats or the cap in the same row, which keeps
/// them atomic on any database, and no reader of the counters has to change.
/// Stateless, and one instance for every context: EF builds its internal services per distinct
/// query interceptor.
/// </summary>
public sealed class SearchBulkUpdateGuard : IQueryExpressionInterceptor
{
    public static readonly SearchBulkUpdateGuard Instance = new();

    /// <summary>What <see cref="SearchChangeRecorder"/> writes change rows for (the dictionary is the article–topic link).</summary>
    private static readonly HashSet<Type> Searched = [typeof(Article), typeof(Programme), typeof(Batch), typeof(Topic), typeof(Dictionary<string, object>)];

    private SearchBulkUpdateGuard()
    {
    }

    /// <summary>
    /// Properties of searched entities that no search document reads, so a bulk update may set
    /// them without a change row: the registration and seat counters, which must be changed by a
    /// conditional update (the check and the change in one statement) to hold under concurrency.
    /// A test proves that changing each leaves the search document as it was.
    /// </summary>
    public static IReadOnlySet<PropertyInfo> NotSearched { get; } = new HashSet<PropertyInfo>
    {
        typeof(Batch).GetProperty(nameof(Batch.ApplicationCount))!,
        typeof(Batch).GetProperty(nameof(Batch.AcceptedCount))!,
    };

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        if (queryExpression is MethodCallExpression
            {
                Method: { IsGenericMethod: true, Name: nameof(EntityFrameworkQueryableExtensions.ExecuteUpdate) or nameof(EntityFrameworkQueryableExtensions.ExecuteDelete) } method,
            } call
            && Searched.Contains(method.GetGenericArguments()[0])
            && !(call.Arguments is [_, var setters] && SetProperties(setters) is { } properties && properties.All(NotSearched.Contains)))
        {
            throw new InvalidOperationException(
                $"{method.Name} on {method.GetGenericArguments()[0].Name} would change what search shows without a change row: load the entity and SaveChanges instead.");
        }

        return queryExpression;
    }

    /// <summary>The properties an ExecuteUpdate sets (EF passes (property, value) pairs); null when the shape is not understood.</summary>
    private static List<PropertyInfo>? SetProperties(Expression setters)
    {
        if (setters is not NewArrayExpression pairs)
        {
            return null;
        }

        var properties = new List<PropertyInfo>();
        foreach (var pair in pairs.Expressions)
        {
            if (pair is not NewExpression { Arguments: [LambdaExpression { Body: MemberExpression { Member: PropertyInfo property } }, ..] })
            {
                return null;
            }

            properties.Add(property);
        }

        return properties;
    }
}
