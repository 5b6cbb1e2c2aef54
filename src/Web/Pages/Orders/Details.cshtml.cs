using FakeShop.Application.Orders;
using FakeShop.Application.Orders.GetMyOrder;
using FakeShop.Application.Orders.GetMyPixCharge;
using FakeShop.Application.Payments.Pix;
using FakeShop.Domain.Ordering;
using FakeShop.Infrastructure.Payments;
using FakeShop.Web.Payments;

namespace FakeShop.Web.Pages.Orders;

/// <summary>One of the visitor's orders; the confirmation page after checkout is this page with ?placed=1.</summary>
public sealed class DetailsModel(
    IMediator mediator,
    VisitorContext visitor,
    IOptions<PixOptions> pix,
    IWebHostEnvironment environment,
    TimeProvider clock) : PageModel
{
    public OrderVm Order { get; private set; } = null!;

    /// <summary>The Pix charge to pay, while the order awaits it; null otherwise.</summary>
    public PixPanel? Pix { get; private set; }

    [BindProperty(SupportsGet = true, Name = "placed")]
    public string? Placed { get; set; }

    public bool JustPlaced => Placed == "1";

    /// <summary>Development only: pretend the payer paid, so the flow can be tried without a bank.</summary>
    private bool CanSimulatePix => environment.IsDevelopment() && pix.Value.Enabled;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct)
    {
        if (visitor.VisitorId is not { } owner || !OrderNumber.IsWellFormed(number))
        {
            return NotFound();
        }

        Order = await mediator.Send(new GetMyOrderQuery(owner, number), ct);
        if (Order.Status == OrderStatus.AwaitingPayment && await mediator.Send(new GetMyPixChargeQuery(owner, number), ct) is { } charge)
        {
            Pix = new PixPanel(charge, Order.Number, CanSimulatePix, clock.GetUtcNow());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSimulatePixAsync(
        string number,
        [FromServices] FakePixGateway gateway,
        [FromServices] IStringLocalizer<SharedResource> l,
        [FromServices] ILogger<DetailsModel> logger,
        CancellationToken ct)
    {
        if (!CanSimulatePix || visitor.VisitorId is not { } owner || !OrderNumber.IsWellFormed(number))
        {
            return NotFound();
        }

        var order = await mediator.Send(new GetMyOrderQuery(owner, number), ct);
        if (await mediator.Send(new GetMyPixChargeQuery(owner, number), ct) is not { TxId: { } txId })
        {
            return NotFound();
        }

        gateway.Pay(txId);
        var (status, reason) = await PixWebhookEndpoints.SimulatePaymentAsync(txId, order.Total.Amount, pix.Value, mediator, clock, logger, ct);
        if (status == StatusCodes.Status200OK)
        {
            TempData.Flash(l["Payment received. Thank you!"]);
        }
        else
        {
            TempData.FlashError(l["The payment could not be simulated: {0}", reason]);
        }

        return RedirectToPage(new { number });
    }
}
