using System.Diagnostics.Metrics;

namespace FakeShop.Application.Common;

/// <summary>
/// The shop's own business metrics. Labels are limited to small fixed sets (reasons), never ids or e-mails, so the
/// Prometheus series count stays bounded.
/// </summary>
public sealed class ShopMetrics
{
    public const string MeterName = "FakeShop";

    private readonly Counter<long> _ordersPlaced;
    private readonly Counter<double> _orderValue;
    private readonly Counter<long> _cartAdditions;
    private readonly Counter<long> _paymentDeclines;
    private readonly Counter<long> _soldOutRejections;
    private readonly Counter<long> _checkoutFailures;

    public ShopMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _ordersPlaced = meter.CreateCounter<long>("fakeshop.orders.placed", "{order}", "Orders placed");
        _orderValue = meter.CreateCounter<double>("fakeshop.order.value", "BRL", "Value of placed orders");
        _cartAdditions = meter.CreateCounter<long>("fakeshop.cart.additions", "{item}", "Units added to carts");
        _paymentDeclines = meter.CreateCounter<long>("fakeshop.payment.declines", "{payment}", "Payments declined");
        _soldOutRejections = meter.CreateCounter<long>("fakeshop.sold_out.rejections", "{checkout}", "Checkouts rejected because stock ran out");
        _checkoutFailures = meter.CreateCounter<long>("fakeshop.checkout.failures", "{checkout}", "Checkouts that did not place an order, by reason");
    }

    public void OrderPlaced(Money total)
    {
        _ordersPlaced.Add(1);
        _orderValue.Add((double)total.Amount);
    }

    public void AddedToCart(int quantity) => _cartAdditions.Add(quantity);

    public void PaymentDeclined() => _paymentDeclines.Add(1);

    public void SoldOut() => _soldOutRejections.Add(1);

    public void CheckoutFailed(string reason) =>
        _checkoutFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
