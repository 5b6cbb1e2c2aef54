using FakeShop.Application.Orders.GetMyPixCharge;

namespace FakeShop.Web.Pages.Orders;

/// <summary>The Pix part of the order page: the charge, the order number for the simulate form, and "now" for the deadline.</summary>
public sealed record PixPanel(PixChargeVm Charge, string Number, bool CanSimulate, DateTimeOffset Now);
