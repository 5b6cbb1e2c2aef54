using FakeShop.Application.Admin;
using FakeShop.Application.Common.Exceptions;
using FakeShop.Domain.Common;
using FakeShop.Domain.Ordering;
using FluentValidation;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// The sentence for each refusal a use case throws (docs/decisions/0017), in the visitor's language: rule codes of
/// the shop and the back office, conflicts, validation. <see cref="UseCaseFailure.From"/> is its one caller besides
/// the pages' own input checks.
/// </summary>
public static class UserMessages
{
    public static string For(DomainException ex, IStringLocalizer<SharedResource> l) => ex.Code switch
    {
        "cart.sold_out" => l["Sorry, this product is sold out."],
        "cart.not_enough_stock" => l["There is not enough stock for that quantity."],
        "cart.line_max" => l["At most {0} units of one product per order.", Quantity.Max],
        "cart.too_many_lines" => l["Your cart is full: at most {0} different products.", FakeShop.Domain.Carts.Cart.MaxLines],
        "quantity.range" => QuantityRange(l),
        AdminRefusals.SlugTaken => l["That slug is already in use. Choose another one."],
        AdminRefusals.ProductInUse => l["This product appears in orders, so it cannot be deleted. Hide it instead."],
        AdminRefusals.CategoryInUse => l["This category still has products. Move or delete them first."],
        OrderStatusMachine.IllegalTransition => l["That status change is not allowed. Nothing was changed."],
        // A customer never sees a cart's internal reason (a busy row, a missing owner); staff see the rule's own words.
        _ when ex.Code.StartsWith("cart.", StringComparison.Ordinal) => l["That did not work. Please try again."],
        _ => l[ex.Message],
    };

    public static string For(ConflictException ex, IStringLocalizer<SharedResource> l) => ex.Code == ConflictException.StockChanged
        ? l["The stock changed since you opened this form (a sale or an adjustment). Nothing was saved; the form now shows the current stock."]
        : l["Someone else changed this while you were editing. Nothing was saved; the form now shows the current values."];

    /// <summary>What a quantity box outside <see cref="Quantity.Min"/>..<see cref="Quantity.Max"/> is told.</summary>
    public static string QuantityRange(IStringLocalizer<SharedResource> l) => l["Quantity must be between {0} and {1}.", Quantity.Min, Quantity.Max];

    /// <summary>Every rule a validator refused, translated (validators write their messages as English keys), once each.</summary>
    public static string For(ValidationException ex, IStringLocalizer<SharedResource> l) =>
        ex.Errors.Any()
            ? string.Join(" ", ex.Errors.Select(e => l[e.ErrorMessage].Value).Distinct())
            : l["That did not work. Please try again."];
}
