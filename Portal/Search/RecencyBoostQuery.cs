using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;

namespace Portal.Search;

/// <summary>
/// Multiplies the score of news by up to 1.1: 1.1 for today's news, 1.05 for news half a year
/// old, fading towards 1.0. Small on purpose: it orders near-equal matches newest first, it
/// never lifts an old weak match over a strong one. Programmes and batches have no news date
/// and keep their score. Relative to "now" at query time, so it needs no re-indexing as news ages.
/// </summary>
public sealed class RecencyBoostQuery(Query query, DateTime nowUtc) : CustomScoreQuery(query)
{
    private const double MaxBoost = 0.1;

    private static readonly double HalfLifeTicks = TimeSpan.FromDays(180).Ticks;

    private readonly long _nowTicks = nowUtc.Ticks;

    protected override CustomScoreProvider GetCustomScoreProvider(AtomicReaderContext context) =>
        new Provider(context, SegmentValues.Int64s(context.AtomicReader, SearchSchema.NewsDate), _nowTicks);

    public override bool Equals(object? o) => base.Equals(o) && o is RecencyBoostQuery other && other._nowTicks == _nowTicks;

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), _nowTicks);

    private sealed class Provider(AtomicReaderContext context, long[]? newsDates, long nowTicks) : CustomScoreProvider(context)
    {
        public override float CustomScore(int doc, float subQueryScore, float valSrcScore)
        {
            var published = newsDates?[doc] ?? 0;
            if (published <= 0)
            {
                return subQueryScore;
            }

            var age = Math.Max(0, nowTicks - published);
            return subQueryScore * (float)(1 + (MaxBoost * Math.Pow(0.5, age / HalfLifeTicks)));
        }
    }
}
