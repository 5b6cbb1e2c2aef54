using FakeShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Admin.Tests;

public sealed class CategoryTests(AdminFixture app) : AdminTest(app)
{
    [Fact]
    public async Task Create_rename_and_delete_an_empty_category()
    {
        var client = await AdminAsync();
        var page = await client.GetAsync("/Admin/Categories");
        page = await client.SubmitAsync(page, "#create-category-form", new Dictionary<string, string> { ["name"] = "Iluminação LED" });
        Assert.Equal("Category created.", Text(page, "#flash"));
        var created = await App.Factory.WithDbAsync(db => db.Categories.SingleAsync(c => c.Slug == "iluminacao-led"));

        page = await client.SubmitAsync(page, $"tr[data-id='{created.Id}'] .rename-form", new Dictionary<string, string> { ["name"] = "Luzes", ["slug"] = "luzes" });
        Assert.Equal("Category renamed.", Text(page, "#flash"));
        var renamed = await App.Factory.WithDbAsync(db => db.Categories.SingleAsync(c => c.Id == created.Id));
        Assert.Equal(("Luzes", "luzes"), (renamed.Name, renamed.Slug));

        // Issue 13: "Delete" asks first (a confirm step that works without script), then deletes.
        page = await client.GetAsync(page.QuerySelector($"tr[data-id='{created.Id}'] a.ask-delete")!.GetAttribute("href")!);
        Assert.Contains("Luzes", Text(page, "#confirm-delete-heading"));
        Assert.True(await App.Factory.WithDbAsync(db => db.Categories.AnyAsync(c => c.Id == created.Id)));
        page = await client.SubmitAsync(page, "#confirm-delete-form");
        Assert.Equal("Category deleted.", Text(page, "#flash"));
        Assert.False(await App.Factory.WithDbAsync(db => db.Categories.AnyAsync(c => c.Id == created.Id)));
    }

    [Fact]
    public async Task A_category_with_products_is_not_deleted()
    {
        var client = await AdminAsync();
        var audio = await App.Factory.WithDbAsync(db => db.Categories.SingleAsync(c => c.Slug == "audio"));
        var page = await client.GetAsync("/Admin/Categories");
        Assert.Null(page.QuerySelector($"tr[data-id='{audio.Id}'] .ask-delete"));
        Assert.Null((await client.GetAsync($"/Admin/Categories?delete={audio.Id}")).QuerySelector("#confirm-delete-form"));

        // A crafted post gets the same answer as the missing button.
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#create-category-form input[name=__RequestVerificationToken]")!.Value;
        var after = await client.PostAsync("/Admin/Categories?handler=Delete", [new("__RequestVerificationToken", token), new("id", audio.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Contains("still has products", Text(after, "#flash-error"));
        Assert.True(await App.Factory.WithDbAsync(db => db.Categories.AnyAsync(c => c.Id == audio.Id)));
    }

    [Fact]
    public async Task Duplicate_and_invalid_names_are_refused_with_a_message()
    {
        var client = await AdminAsync();
        var page = await client.GetAsync("/Admin/Categories");
        page = await client.SubmitAsync(page, "#create-category-form", new Dictionary<string, string> { ["name"] = "Audio", ["slug"] = "audio" });
        Assert.Contains("slug is already in use", Text(page, "#flash-error"));
        page = await client.SubmitAsync(page, "#create-category-form", new Dictionary<string, string> { ["name"] = "  " });
        Assert.Contains("Enter a name.", Text(page, "#flash-error"));
    }
}
