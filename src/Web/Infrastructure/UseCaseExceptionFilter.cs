using FakeShop.Application.Common.Exceptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// Turns "not found for this visitor" from any use case into a plain 404, so pages need no try/catch for it and
/// someone else's cart line or order looks exactly like a missing one.
/// </summary>
public sealed class UseCaseExceptionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is NotFoundException)
        {
            executed.Result = new NotFoundResult();
            executed.ExceptionHandled = true;
        }
    }
}
