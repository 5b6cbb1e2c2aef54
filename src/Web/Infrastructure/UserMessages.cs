using FakeShop.Domain.Common;
using FakeShop.Web.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace FakeShop.Web.Infrastructure;

/// <summary>Maps domain rule codes to short, translated sentences for customers.</summary>
public static class UserMessages
{
    public static string For(DomainException ex, IStringLocalizer<SharedResource> l) => ex.Code switch
    {
        "cart.sold_out" => l["Sorry, this product is sold out."],
        "cart.not_enough_stock" => l["There is not enough stock for that quantity."],
        "cart.line_max" => l["At most 99 units of one product per order."],
        "cart.too_many_lines" => l["Your cart is full: at most 50 different products."],
        "quantity.range" => l["Quantity must be between 1 and 99."],
        _ => l["That did not work. Please try again."],
    };

    /// <summary>The first rule a validator refused, translated (validators write their messages as English keys).</summary>
    public static string For(ValidationException ex, IStringLocalizer<SharedResource> l) =>
        ex.Errors.FirstOrDefault()?.ErrorMessage is { } message ? l[message] : l["That did not work. Please try again."];
}
