using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FakeShop.Application.Common;

/// <summary>
/// An EF compiled query (<c>EF.CompileAsyncQuery</c>) kept once per EF model. Compiling a hot query once instead of
/// building its LINQ tree and hashing it for EF's query cache on every request was a visible share of the CPU of the
/// cart, checkout and order pages (issue 16). One per model because a compiled query refuses a context of another model,
/// and the tests run PostgreSQL and SQLite apps in one process.
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = new();
    private readonly ConditionalWeakTable<IModel, TQuery>.CreateValueCallback _create = _ => compile();

    /// <summary>The compiled query for this context's model, and the context to run it on.</summary>
    public (TQuery Query, DbContext Context) For(IShopDbContext db)
    {
        // The shop's contexts are DbContexts (Infrastructure); the interface only keeps the use cases off the provider.
        var context = (DbContext)db;
        return (_compiled.GetValue(context.Model, _create), context);
    }
}
