using Microsoft.AspNetCore.Mvc.Filters;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// Where a use case's refusal becomes an answer, for every page (docs/decisions/0017), so page handlers just send
/// and redirect. Not found → 404, so someone else's cart line or order looks exactly like a missing one. A refused
/// POST → post-redirect-get back to the page with the sentence as the error flash. A page that redisplays a form
/// decides itself (<see cref="IUseCaseFailurePage"/>). Anything else (a bug, an outage) is left to the error page.
/// </summary>
public sealed class UseCaseExceptionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not { } exception || executed.ExceptionHandled)
        {
            return;
        }

        var http = context.HttpContext;
        var l = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (UseCaseFailure.From(exception, l) is not { } failure)
        {
            return;
        }

        var answer = executed.HandlerInstance is IUseCaseFailurePage page
            ? await page.OnUseCaseFailureAsync(failure, http.RequestAborted)
            : null;
        answer ??= Default(failure, executed.HandlerInstance as PageModel, HttpMethods.IsPost(http.Request.Method));
        if (answer is not null)
        {
            executed.Result = answer;
            executed.ExceptionHandled = true;
        }
    }

    private static IActionResult? Default(UseCaseFailure failure, PageModel? page, bool isPost)
    {
        if (failure.Kind == FailureKind.NotFound)
        {
            return new NotFoundResult();
        }

        if (!isPost || page is null)
        {
            return null;
        }

        page.TempData.FlashError(failure.Message);
        return page.RedirectToPage();
    }
}
