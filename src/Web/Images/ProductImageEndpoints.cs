using FakeShop.Application.Common.Abstractions;
using Microsoft.Net.Http.Headers;

namespace FakeShop.Web.Images;

/// <summary>
/// Serves uploaded product pictures from the database. An id is never reused for other bytes, so responses are
/// cacheable for a year ("immutable") and the id itself is a strong ETag.
/// </summary>
public static class ProductImageEndpoints
{
    public static IEndpointRouteBuilder MapProductImages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/images/{id}", ServeAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ServeAsync(string id, HttpContext context, IProductImageStore images, CancellationToken ct)
    {
        if (!Guid.TryParseExact(id, "N", out var imageId))
        {
            return Results.NotFound();
        }

        var etag = new EntityTagHeaderValue("\"" + imageId.ToString("N", CultureInfo.InvariantCulture) + "\"");
        var headers = context.Response.Headers;
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.ETag = etag.ToString();
        headers.XContentTypeOptions = "nosniff";
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var image = await images.FindAsync(imageId, ct);
        if (image is null)
        {
            headers.Remove(HeaderNames.CacheControl);
            headers.Remove(HeaderNames.ETag);
            return Results.NotFound();
        }

        return Results.Bytes(image.Data, image.ContentType);
    }
}
