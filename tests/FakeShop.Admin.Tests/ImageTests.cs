using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using FakeShop.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Admin.Tests;

public sealed partial class ImageTests(AdminFixture app) : AdminTest(app)
{
    /// <summary>A real 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>JPEG start-of-image and JFIF header; the rest does not matter to the check.</summary>
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    private static readonly byte[] Webp = [.. "RIFF"u8, 0x1A, 0, 0, 0, .. "WEBPVP8 "u8, 0x0E, 0, 0, 0, 0x30, 0x01, 0, 0x9D, 0x01, 0x2A, 1, 0, 1, 0, 0, 0, 0, 0];

    [Fact]
    public async Task Png_is_stored_in_the_database_and_served_with_type_nosniff_and_caching()
    {
        var (client, product) = await EditPageAsync();
        var page = await UploadAsync(client, product.Id, Png, "photo.png", "image/png");
        Assert.Equal("Product saved with its new image.", Text(page, "#flash"));

        var url = (await ProductAsync(product.Slug)).ImageUrl!;
        Assert.Matches(ImageUrlPattern(), url);
        Assert.Equal(url, page.QuerySelector<IHtmlImageElement>("#product-image")!.GetAttribute("src"));

        var visitor = NewClient();
        var response = await visitor.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl.MaxAge);
        Assert.Contains("immutable", response.Headers.CacheControl.ToString());
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());

        var etag = response.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await visitor.Http.SendAsync(conditional)).StatusCode);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("webp")]
    public async Task Jpeg_and_webp_are_recognised_by_their_bytes_whatever_the_name(string kind)
    {
        var (client, product) = await EditPageAsync();
        var bytes = kind == "jpeg" ? Jpeg : Webp;
        // Misleading name and declared type on purpose: only the bytes count.
        var page = await UploadAsync(client, product.Id, bytes, "picture.gif", "application/octet-stream");
        Assert.Equal("Product saved with its new image.", Text(page, "#flash"));
        var response = await NewClient().Http.GetAsync((await ProductAsync(product.Slug)).ImageUrl);
        Assert.Equal("image/" + kind, response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_script_renamed_jpg_is_rejected()
    {
        var (client, product) = await EditPageAsync();
        var page = await UploadAsync(client, product.Id, "<script>alert(document.cookie)</script>"u8.ToArray(), "cute-cat.jpg", "image/jpeg");
        Assert.Equal(HttpStatusCode.BadRequest, LastStatus);
        Assert.Equal("Only JPEG, PNG or WebP images are accepted.", Text(page, "#Input_Image-error"));
        Assert.Equal(product.ImageUrl, (await ProductAsync(product.Slug)).ImageUrl);
        Assert.Equal(0, await App.Factory.WithDbAsync(db => db.ProductImages.CountAsync()));
    }

    [Fact]
    public async Task A_3_MB_file_is_rejected_with_a_message()
    {
        var (client, product) = await EditPageAsync();
        var big = new byte[3 * 1024 * 1024];
        Png.CopyTo(big, 0);
        var page = await UploadAsync(client, product.Id, big, "huge.png", "image/png");
        Assert.Equal(HttpStatusCode.BadRequest, LastStatus);
        Assert.Equal("The image is larger than 2 MB.", Text(page, "#Input_Image-error"));
        Assert.Equal(0, await App.Factory.WithDbAsync(db => db.ProductImages.CountAsync()));
    }

    [Fact]
    public async Task A_path_in_the_file_name_is_ignored_and_nothing_is_written_to_disk()
    {
        var (client, product) = await EditPageAsync();
        var page = await UploadAsync(client, product.Id, Png, "../../etc/passwd.png", "image/png");
        Assert.Equal("Product saved with its new image.", Text(page, "#flash"));

        var url = (await ProductAsync(product.Slug)).ImageUrl!;
        Assert.Matches(ImageUrlPattern(), url);
        Assert.DoesNotContain("passwd", url);
        var stored = await App.Factory.WithDbAsync(db => db.ProductImages.SingleAsync());
        Assert.Equal(url, "/images/" + stored.Id.ToString("N"));

        var contentRoot = App.Factory.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
        foreach (var root in new[] { contentRoot, Path.GetFullPath(Path.Combine(contentRoot, "..", "..")), Path.GetTempPath(), "/etc" })
        {
            Assert.Empty(Directory.EnumerateFiles(root, "passwd.png", new EnumerationOptions { RecurseSubdirectories = root != "/etc" && root != Path.GetTempPath(), IgnoreInaccessible = true, MaxRecursionDepth = 6 }));
        }
    }

    [Fact]
    public async Task An_empty_upload_is_refused_and_unknown_images_are_404()
    {
        var (client, product) = await EditPageAsync();
        var page = await UploadAsync(client, product.Id, [], "empty.png", "image/png");
        Assert.Equal(HttpStatusCode.BadRequest, LastStatus);
        Assert.Equal("Choose an image file.", Text(page, "#Input_Image-error"));

        var visitor = NewClient(followRedirects: false);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync("/images/" + Guid.NewGuid().ToString("N"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync("/images/..%2F..%2Fetc%2Fpasswd")).StatusCode);
    }

    private async Task<(HtmlClient Client, FakeShop.Domain.Catalog.Product Product)> EditPageAsync()
    {
        var client = await AdminAsync();
        return (client, await ProductAsync("webcam-4k-ultra"));
    }

    /// <summary>The status of the last <see cref="UploadAsync"/> (it follows the redirect of a successful save).</summary>
    private HttpStatusCode LastStatus { get; set; }

    /// <summary>
    /// Posts the edit page's product form as multipart with a file in its image field, the way a browser does
    /// (issue 13: the picture travels with the other fields). <paramref name="fields"/> overrides typed values.
    /// </summary>
    private async Task<IHtmlDocument> UploadAsync(HtmlClient client, int productId, byte[] content, string fileName, string contentType, IDictionary<string, string>? fields = null)
    {
        var (page, status) = await PostProductFormAsync(client, $"/Admin/Products/Edit/{productId}", content, fileName, contentType, fields);
        LastStatus = status;
        return page;
    }

    /// <summary>Fills the product form found on <paramref name="formUrl"/>, attaches a file and posts it as multipart.</summary>
    public static async Task<(IHtmlDocument Page, HttpStatusCode Status)> PostProductFormAsync(
        HtmlClient client, string formUrl, byte[] content, string fileName, string contentType, IDictionary<string, string>? fields = null)
    {
        var edit = await client.GetAsync(formUrl);
        var form = edit.QuerySelector<IHtmlFormElement>("#product-form")!;
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        var values = HtmlClient.FormFields(form);
        foreach (var (key, value) in fields ?? new Dictionary<string, string>())
        {
            values.RemoveAll(f => f.Key == key);
            values.Add(new(key, value));
        }

        using var body = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            body.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        // Set the raw header so the name reaches the server exactly as typed, slashes included.
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"Input.Image\"; filename=\"{fileName}\"");
        body.Add(file);
        var response = await client.Http.PostAsync(form.GetAttribute("action"), body);
        var html = await response.Content.ReadAsStringAsync();
        var context = AngleSharp.BrowsingContext.New(AngleSharp.Configuration.Default);
        return ((IHtmlDocument)await context.OpenAsync(r => r.Content(html).Address(response.RequestMessage!.RequestUri!.ToString())), response.StatusCode);
    }

    [GeneratedRegex("^/images/[0-9a-f]{32}$")]
    private static partial Regex ImageUrlPattern();
}
