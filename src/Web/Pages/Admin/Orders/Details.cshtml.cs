using FakeShop.Application.Admin.ChangeOrderStatus;
using FakeShop.Application.Admin.GetAdminOrder;
using FakeShop.Domain.Ordering;

namespace FakeShop.Web.Pages.Admin.Orders;

public sealed class DetailsModel(IMediator mediator, IStringLocalizer<SharedResource> l) : AdminPageModel(l)
{
    public AdminOrderVm Order { get; private set; } = null!;

    /// <summary>The confirm step of a cancellation (?confirm=cancel), shown only while cancelling is still allowed.</summary>
    public bool ConfirmCancel { get; private set; }

    public async Task OnGetAsync(string number, string? confirm, CancellationToken ct)
    {
        Order = await mediator.Send(new GetAdminOrderQuery(number), ct);
        ConfirmCancel = string.Equals(confirm, "cancel", StringComparison.Ordinal) && Order.NextStatuses.Contains(OrderStatus.Cancelled);
    }

    /// <summary>One form per allowed next status; anything else (a stale page, a crafted post) is refused by the state machine.</summary>
    public async Task<IActionResult> OnPostAsync(string number, string? target, CancellationToken ct)
    {
        if (ParseStatus(target) is not { } status)
        {
            return Failed(RedirectToPage(new { number }), L["That status change is not allowed. Nothing was changed."]);
        }

        await mediator.Send(new ChangeOrderStatusCommand(number, status, Actor), ct);
        return Done(RedirectToPage(new { number }), L["The order is now {0}.", L[status.ToString()]]);
    }

    public static string ActionLabel(OrderStatus status) => status switch
    {
        OrderStatus.Paid => "Mark paid",
        OrderStatus.Shipped => "Mark shipped",
        OrderStatus.Delivered => "Mark delivered",
        OrderStatus.Cancelled => "Cancel order",
        _ => status.ToString(),
    };
}
