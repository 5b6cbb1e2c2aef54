using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Floor.Pages;

// The services, not FloorDb itself, because the razor mode registers no DbContext at all (nothing of EF is loaded).
public sealed class IndexModel(FloorMode mode, IServiceProvider services) : PageModel
{
    public IReadOnlyList<Item> Items { get; private set; } = [];

    // In "stack" mode the page carries a form, so every view writes an antiforgery token as the shop's pages do.
    public bool WithForm => mode.FullStack;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (mode.ReadsDatabase)
        {
            var db = services.GetRequiredService<FloorDb>();
            Items = await db.Items.AsNoTracking().OrderBy(i => i.Id).Take(Item.PageSize).ToListAsync(cancellationToken);
        }
        else
        {
            Items = [.. Enumerable.Range(1, Item.PageSize).Select(Item.Sample)];
        }
    }
}
