using FakeShop.Domain.Brazil;
using FakeShop.Domain.Common;
using FakeShop.Domain.Ordering;

namespace FakeShop.Domain.Tests;

public class OrderPixTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static Order NewOrder(PaymentMethod method) => new(
        OrderNumber.New(),
        Guid.NewGuid(),
        Guid.NewGuid(),
        new CustomerDetails("Ana", "Silva", "ana@example.com", "(11) 91234-5678", Cpf.Parse("123.456.789-09")),
        new Address(Cep.Parse("01000-000"), "Rua das Flores", "10", null, "Sé", "São Paulo", Uf.Parse("SP")),
        [(1, "Webcam", Money.Brl(899.90m), 1)],
        Money.Brl(10m),
        method,
        Now.AddMinutes(30),
        Now);

    [Fact]
    public void A_pix_order_waits_for_payment_and_a_webhook_event_marks_it_paid()
    {
        var order = NewOrder(PaymentMethod.Pix);
        order.AttachPixCharge(new PixPayment("FS7KQ2M9XDABCDEFGHJKMN", "000201...6304ABCD"));

        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Null(order.Pix!.PaidEventId);

        order.ConfirmPixPayment("evt-1", Now.AddMinutes(3));

        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal("evt-1", order.Pix.PaidEventId);
        Assert.Equal([OrderStatus.AwaitingPayment, OrderStatus.Paid], order.History.Select(h => h.Status));
        Assert.Equal("pix", order.History[^1].ChangedBy);
        Assert.Null(order.Payment); // no card details on a Pix order
    }

    [Fact]
    public void A_second_event_or_one_after_expiry_cannot_pay_again()
    {
        var paid = NewOrder(PaymentMethod.Pix);
        paid.AttachPixCharge(new PixPayment("TX1", "code"));
        paid.ConfirmPixPayment("evt-1", Now);
        Assert.Throws<DomainException>(() => paid.ConfirmPixPayment("evt-2", Now));
        Assert.Equal("evt-1", paid.Pix!.PaidEventId);

        var expired = NewOrder(PaymentMethod.Pix);
        expired.AttachPixCharge(new PixPayment("TX2", "code"));
        expired.FailPayment("sweeper", Now.AddMinutes(31));
        Assert.Throws<DomainException>(() => expired.ConfirmPixPayment("evt-3", Now.AddMinutes(32)));
        Assert.Equal(OrderStatus.PaymentFailed, expired.Status);
    }

    [Fact]
    public void Only_a_pix_order_gets_one_charge()
    {
        Assert.Equal("order.not_pix", Assert.Throws<DomainException>(() => NewOrder(PaymentMethod.Card).AttachPixCharge(new PixPayment("TX1", "code"))).Code);
        Assert.Equal("order.not_pix", Assert.Throws<DomainException>(() => NewOrder(PaymentMethod.Pix).ConfirmPixPayment("evt", Now)).Code);

        var order = NewOrder(PaymentMethod.Pix);
        order.AttachPixCharge(new PixPayment("TX1", "code"));
        Assert.Equal("order.pix_charge_exists", Assert.Throws<DomainException>(() => order.AttachPixCharge(new PixPayment("TX2", "code"))).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("FS-7KQ2")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
    public void A_txid_is_1_to_25_letters_or_digits(string txId) =>
        Assert.Equal("pix.txid", Assert.Throws<DomainException>(() => new PixPayment(txId, "code")).Code);
}
