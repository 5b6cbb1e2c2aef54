using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// The minimal endpoints' counterpart of <see cref="UseCaseExceptionFilter"/> (docs/decisions/0017), the same answers:
/// not found → 404; any other refusal → back to the form's <c>returnUrl</c> (else <paramref name="fallbackPage"/>)
/// with the sentence as the error flash.
/// </summary>
public sealed class UseCaseFailureEndpointFilter(string fallbackPage) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (UseCaseFailure.From(ex, http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()) is { } failure)
        {
            if (failure.Kind == FailureKind.NotFound)
            {
                return Results.NotFound();
            }

            var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
            tempData.FlashError(failure.Message);
            tempData.Save();
            return Results.LocalRedirect(LocalUrls.ReturnUrl(http, fallbackPage));
        }
    }
}
