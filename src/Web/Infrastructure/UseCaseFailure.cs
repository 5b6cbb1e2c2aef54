using FakeShop.Application.Common.Exceptions;
using FakeShop.Domain.Common;
using FluentValidation;

namespace FakeShop.Web.Infrastructure;

public enum FailureKind
{
    /// <summary>Missing, or someone else's (answered the same way, so ids cannot be probed).</summary>
    NotFound,

    /// <summary>The input broke a validator's rule; <see cref="UseCaseFailure.Fields"/> says which field.</summary>
    Invalid,

    /// <summary>A business rule refused (<see cref="DomainException.Code"/>).</summary>
    Refused,

    /// <summary>Someone else changed it first; nothing was written.</summary>
    Conflict,
}

/// <param name="Property">The command's property name, as the validator reports it.</param>
public sealed record FieldError(string Property, string Message);

/// <summary>
/// The one translation of a use case's refusal for the web layer (docs/decisions/0017): its kind, its code and the
/// sentence in the visitor's language. The page filter (<see cref="UseCaseExceptionFilter"/>) and the add-to-cart
/// endpoint answer with it; pages that redisplay a form get it through <see cref="IUseCaseFailurePage"/>.
/// </summary>
public sealed record UseCaseFailure(FailureKind Kind, string Code, string Message, IReadOnlyList<FieldError> Fields, Exception Exception)
{
    /// <summary>The failure <paramref name="exception"/> stands for; null for a bug or an outage (it propagates).</summary>
    public static UseCaseFailure? From(Exception exception, IStringLocalizer<SharedResource> l) => exception switch
    {
        NotFoundException => new(FailureKind.NotFound, "not_found", l["It no longer exists: someone may have deleted it."], [], exception),
        ValidationException invalid => new(FailureKind.Invalid, "invalid", UserMessages.For(invalid, l),
            invalid.Errors.Select(e => new FieldError(e.PropertyName, l[e.ErrorMessage])).ToList(), exception),
        ConflictException conflict => new(FailureKind.Conflict, conflict.Code, UserMessages.For(conflict, l), [], exception),
        DomainException refused => new(FailureKind.Refused, refused.Code, UserMessages.For(refused, l), [], exception),
        _ => null,
    };
}

/// <summary>
/// A page whose failures are not simply "message on the next page": it redisplays its form with the errors on
/// their fields (admin product form, checkout). Null falls back to the filter's default.
/// </summary>
public interface IUseCaseFailurePage
{
    Task<Microsoft.AspNetCore.Mvc.IActionResult?> OnUseCaseFailureAsync(UseCaseFailure failure, CancellationToken ct);
}
