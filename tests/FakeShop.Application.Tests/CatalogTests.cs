using FakeShop.Application.Catalog.GetHomePage;
using FakeShop.Application.Catalog.GetProductDetails;
using FakeShop.Application.Catalog.ListCategories;
using FakeShop.Application.Catalog.ListProducts;
using FluentValidation;

namespace FakeShop.Application.Tests;

/// <summary>Issue 2: the catalogue use cases on the seeded demo catalogue (15 products in 4 categories).</summary>
public sealed class CatalogTests(AppFixture app) : UseCaseTest(app)
{
    private const int SeededProducts = 15;

    private Task<ProductListVm> List(ListProductsQuery query) => Send(m => m.Send(query));

    [Fact]
    public async Task Listing_pages_through_every_product_exactly_once()
    {
        var seen = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var result = await List(new ListProductsQuery(Page: page, PageSize: 4));
            Assert.Equal(page, result.Products.Page);
            Assert.Equal(SeededProducts, result.Products.TotalCount);
            Assert.Equal(4, result.Products.TotalPages);
            Assert.Equal(page == 4 ? 3 : 4, result.Products.Items.Count);
            Assert.Equal(page > 1, result.Products.HasPrevious);
            Assert.Equal(page < 4, result.Products.HasNext);
            seen.AddRange(result.Products.Items.Select(p => p.Slug));
        }

        Assert.Equal(SeededProducts, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_page_past_the_end_gives_the_last_page()
    {
        var last = await List(new ListProductsQuery(Page: 4, PageSize: 4));
        var beyond = await List(new ListProductsQuery(Page: 999, PageSize: 4));

        Assert.Equal(4, beyond.Products.Page);
        Assert.Equal(last.Products.Items.Select(p => p.Id), beyond.Products.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task Search_with_no_match_gives_one_empty_page()
    {
        var result = await List(new ListProductsQuery(Page: 3, Search: "nothing-is-called-this"));

        Assert.Empty(result.Products.Items);
        Assert.Equal(0, result.Products.TotalCount);
        Assert.Equal(1, result.Products.Page);
        Assert.Equal(1, result.Products.TotalPages);
    }

    [Theory]
    [InlineData("ring light", new[] { "ring-light-18" })]                          // name only
    [InlineData("RING LIGHT", new[] { "ring-light-18" })]                          // case-insensitive
    [InlineData("over-ear", new[] { "headphone-bluetooth-anc" })]                  // short description only
    [InlineData("DCI-P3", new[] { "notebook-creator-16" })]                        // long description only
    [InlineData("webcam", new[] { "notebook-ultrafino-14", "webcam-4k-ultra" })]   // a name and another's description
    [InlineData("  webcam  ", new[] { "notebook-ultrafino-14", "webcam-4k-ultra" })]
    public async Task Search_looks_at_name_and_both_descriptions(string term, string[] expected)
    {
        var result = await List(new ListProductsQuery(Search: term));

        Assert.Equal(expected, result.Products.Items.Select(p => p.Slug).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Length, result.Products.TotalCount);
    }

    [Fact]
    public async Task A_percent_sign_matches_only_a_literal_percent_sign()
    {
        // Only the creator notebook's description has one ("100% DCI-P3"); as a LIKE wildcard it would match all.
        var result = await List(new ListProductsQuery(Search: "%"));

        Assert.Equal(["notebook-creator-16"], result.Products.Items.Select(p => p.Slug));
    }

    [Theory]
    [InlineData("_")]
    [InlineData("a%b")]
    [InlineData("' OR 1=1 --")]
    [InlineData("\\")]
    public async Task Search_treats_wildcards_and_sql_as_plain_text(string term)
    {
        var result = await List(new ListProductsQuery(Search: term));

        Assert.Equal(0, result.Products.TotalCount);
        Assert.Empty(result.Products.Items);
    }

    [Fact]
    public async Task Category_filter_lists_only_that_category_and_names_it()
    {
        var result = await List(new ListProductsQuery(CategorySlug: "audio"));

        Assert.Equal("Áudio", result.CategoryName);
        Assert.Equal(4, result.Products.TotalCount);
        Assert.All(result.Products.Items, p => Assert.Equal("audio", p.CategorySlug));
    }

    [Fact]
    public async Task Category_and_search_combine()
    {
        var result = await List(new ListProductsQuery(Search: "usb", CategorySlug: "audio"));

        Assert.Equal(["microfone-condensador-usb", "microfone-lapela-sem-fio"], result.Products.Items.Select(p => p.Slug).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Unknown_category_gives_nothing_and_no_name()
    {
        var result = await List(new ListProductsQuery(CategorySlug: "no-such-category"));

        Assert.Null(result.CategoryName);
        Assert.Equal(0, result.Products.TotalCount);
    }

    [Fact]
    public async Task Sort_by_name_is_alphabetical()
    {
        var names = (await List(new ListProductsQuery(PageSize: 48, Sort: ProductSort.Name))).Products.Items.Select(p => p.Name).ToList();

        // Issue 13: products on sale first, the sold-out arm last; each group in Portuguese alphabetical order (this
        // assertion was code-point order before issue 13, which the throwaway cluster's C.UTF-8 collation gives).
        Assert.Equal(SeededProducts, names.Count);
        Assert.Equal("Braço Articulado para Microfone", names[^1]);
        Assert.Equal(names[..^1].Order(FakeShop.Application.Common.PortugueseOrder.Instance), names[..^1]);
        // Code-point order would put "DSLR" before "de" (upper case first).
        Assert.True(names.IndexOf("Câmera de Ação Go") < names.IndexOf("Câmera DSLR Pro 24 MP"), string.Join(", ", names));
    }

    [Fact]
    public async Task The_admin_lists_products_and_categories_in_portuguese_order()
    {
        var products = (await Send(m => m.Send(new FakeShop.Application.Admin.ListAdminProducts.ListAdminProductsQuery()))).Items.Select(p => p.Name).ToList();
        var categories = (await Send(m => m.Send(new FakeShop.Application.Admin.ListAdminCategories.ListAdminCategoriesQuery()))).Select(c => c.Name).ToList();

        Assert.Equal(SeededProducts, products.Count);
        Assert.Equal(products.Order(FakeShop.Application.Common.PortugueseOrder.Instance), products);
        Assert.True(products.IndexOf("Câmera de Ação Go") < products.IndexOf("Câmera DSLR Pro 24 MP"), string.Join(", ", products));
        Assert.Equal(["Áudio", "Câmeras", "Computadores", "Streaming"], categories);
    }

    [Fact]
    public async Task Sort_by_name_pages_in_portuguese_order()
    {
        var whole = (await List(new ListProductsQuery(PageSize: 48))).Products.Items.Select(p => p.Slug).ToList();
        var paged = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            paged.AddRange((await List(new ListProductsQuery(Page: page, PageSize: 4))).Products.Items.Select(p => p.Slug));
        }

        Assert.Equal(whole, paged);
        Assert.Equal(["action-cam-go", "camera-dslr-pro", "webcam-4k-ultra"], (await List(new ListProductsQuery(CategorySlug: "cameras"))).Products.Items.Select(p => p.Slug));
    }

    [Fact]
    public async Task Sort_by_price_ascending_starts_with_the_cheapest()
    {
        var items = (await List(new ListProductsQuery(PageSize: 48, Sort: ProductSort.PriceAsc))).Products.Items;

        // Issue 13: the cheapest on sale first; the sold-out arm (R$ 189,00) comes last.
        Assert.Equal("ring-light-18", items[0].Slug);
        Assert.Equal(279.90m, items[0].Price.Amount);
        Assert.Equal("braco-articulado-mic", items[^1].Slug);
        var onSale = items.Where(p => p.InStock).Select(p => p.Price.Amount).ToList();
        Assert.Equal(onSale.Order(), onSale);
    }

    [Fact]
    public async Task Sort_by_price_descending_starts_with_the_dearest()
    {
        var items = (await List(new ListProductsQuery(PageSize: 48, Sort: ProductSort.PriceDesc))).Products.Items;

        Assert.Equal("notebook-creator-16", items[0].Slug);
        Assert.Equal(items.Select(p => p.Price.Amount).OrderDescending(), items.Select(p => p.Price.Amount));
    }

    [Fact]
    public async Task Sort_by_newest_follows_creation_time()
    {
        var items = (await List(new ListProductsQuery(PageSize: 3, Sort: ProductSort.Newest))).Products.Items;

        // The seed gives each product a later creation time than the one before it.
        Assert.Equal(["ring-light-18", "placa-captura-4k", "stream-deck-15"] /* issue 13: the sold-out arm, newest of all, comes last */, items.Select(p => p.Slug));
    }

    [Fact]
    public async Task Sorting_is_stable_across_pages()
    {
        var whole = (await List(new ListProductsQuery(PageSize: 48, Sort: ProductSort.PriceAsc))).Products.Items.Select(p => p.Id);
        var paged = new List<int>();
        for (var page = 1; page <= 3; page++)
        {
            paged.AddRange((await List(new ListProductsQuery(Page: page, PageSize: 5, Sort: ProductSort.PriceAsc))).Products.Items.Select(p => p.Id));
        }

        Assert.Equal(whole, paged);
    }

    [Fact]
    public async Task Inactive_products_are_not_listed()
    {
        await Db(db => db.Products.Where(p => p.Slug == "ring-light-18").ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false)));

        var result = await List(new ListProductsQuery(PageSize: 48));
        var details = await Send(m => m.Send(new GetProductDetailsQuery("ring-light-18")));

        Assert.Equal(SeededProducts - 1, result.Products.TotalCount);
        Assert.DoesNotContain(result.Products.Items, p => p.Slug == "ring-light-18");
        Assert.Null(details);
    }

    public static TheoryData<ListProductsQuery, string> BadQueries => new()
    {
        { new ListProductsQuery(Page: 0), "Page" },
        { new ListProductsQuery(Page: -1), "Page" },
        { new ListProductsQuery(Page: ListProductsQuery.MaxPage + 1), "Page" },
        { new ListProductsQuery(PageSize: 0), "PageSize" },
        { new ListProductsQuery(PageSize: 49), "PageSize" },
        { new ListProductsQuery(Search: new string('a', 101)), "Search" },
        { new ListProductsQuery(CategorySlug: new string('a', 200)), "CategorySlug" },
        { new ListProductsQuery(Sort: (ProductSort)42), "Sort" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Validation_rejects_bad_listing_queries(ListProductsQuery query, string property)
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => List(query));

        Assert.Contains(ex.Errors, e => e.PropertyName == property);
    }

    [Fact]
    public async Task Validation_rejects_bad_detail_and_home_queries()
    {
        var empty = await Assert.ThrowsAsync<ValidationException>(() => Send(m => m.Send(new GetProductDetailsQuery(""))));
        var related = await Assert.ThrowsAsync<ValidationException>(() => Send(m => m.Send(new GetProductDetailsQuery("webcam-4k-ultra", 13))));
        var home = await Assert.ThrowsAsync<ValidationException>(() => Send(m => m.Send(new GetHomePageQuery(0, 25))));

        Assert.Contains(empty.Errors, e => e.PropertyName == "Slug");
        Assert.Contains(related.Errors, e => e.PropertyName == "RelatedCount");
        Assert.Equal(["FeaturedCount", "NewestCount"], home.Errors.Select(e => e.PropertyName).Order());
    }

    [Fact]
    public async Task Listing_costs_the_same_number_of_sql_commands_whatever_the_page_size()
    {
        using var counter = new SqlCommandCounter();
        await List(new ListProductsQuery(PageSize: 4));
        var small = counter.Count;
        counter.Reset();
        await List(new ListProductsQuery(PageSize: 12));
        var large = counter.Count;
        counter.Reset();
        await List(new ListProductsQuery(PageSize: 48, Search: "a"));
        var searched = counter.Count;

        Assert.Equal(2, small); // one COUNT, one page
        Assert.Equal(small, large);
        Assert.Equal(small, searched);
    }

    [Fact]
    public async Task Product_details_by_slug_with_related_products_of_the_same_category()
    {
        var details = await Send(m => m.Send(new GetProductDetailsQuery("webcam-4k-ultra")));

        Assert.NotNull(details);
        Assert.Equal("Webcam 4K Ultra", details.Name);
        Assert.Equal(899.90m, details.Price.Amount);
        Assert.Equal(25, details.Stock);
        Assert.Equal(25, details.MaxOrderable);
        Assert.Equal(("Câmeras", "cameras"), (details.CategoryName, details.CategorySlug));
        Assert.Contains("USB-C", details.Description, StringComparison.Ordinal);
        Assert.Equal(["action-cam-go", "camera-dslr-pro"], details.Related.Select(r => r.Slug).Order(StringComparer.Ordinal));
        Assert.All(details.Related, r => Assert.Equal("cameras", r.CategorySlug));
        // Issue 13: in Portuguese order, "Câmera de Ação Go" before "Câmera DSLR Pro 24 MP" (code-point order reverses them).
        Assert.Equal(["action-cam-go", "camera-dslr-pro"], details.Related.Select(r => r.Slug));
    }

    [Fact]
    public async Task Related_products_put_the_ones_in_stock_first()
    {
        var details = await Send(m => m.Send(new GetProductDetailsQuery("ring-light-18", 3)));

        Assert.NotNull(details);
        // In stock by name first, then the sold-out microphone arm; never the product itself.
        Assert.Equal(["placa-captura-4k", "stream-deck-15", "braco-articulado-mic"], details.Related.Select(r => r.Slug));
    }

    [Fact]
    public async Task Unknown_slug_gives_null()
    {
        Assert.Null(await Send(m => m.Send(new GetProductDetailsQuery("no-such-product"))));
    }

    [Fact]
    public async Task Home_page_features_the_best_stocked_and_shows_the_newest()
    {
        var home = await Send(m => m.Send(new GetHomePageQuery()));

        Assert.Equal(["headphone-bluetooth-anc", "ring-light-18", "microfone-condensador-usb", "webcam-4k-ultra"], home.Featured.Select(p => p.Slug));
        Assert.Equal(8, home.Newest.Count);
        // Issue 13: nothing featured is shown again among the newest, and the sold-out newest comes last.
        Assert.Empty(home.Newest.Select(p => p.Slug).Intersect(home.Featured.Select(p => p.Slug)));
        Assert.Equal(home.Newest.OrderBy(p => p.InStock ? 0 : 1).Select(p => p.Slug), home.Newest.Select(p => p.Slug));
        Assert.DoesNotContain(home.Featured, p => !p.InStock);
    }

    [Fact]
    public void Portuguese_order_puts_accented_letters_with_their_base_letter()
    {
        string[] categories = ["Streaming", "Computadores", "Áudio", "Câmeras"];
        Assert.Equal(["Áudio", "Câmeras", "Computadores", "Streaming"], categories.Order(FakeShop.Application.Common.PortugueseOrder.Instance));
        Assert.Equal(["ação", "acesso", "Açúcar"], new[] { "Açúcar", "acesso", "ação" }.Order(FakeShop.Application.Common.PortugueseOrder.Instance));
    }

    [Fact]
    public async Task Categories_are_listed_with_their_product_counts()
    {
        var categories = await Send(m => m.Send(new ListCategoriesQuery()));

        Assert.Equal(
            [("audio", 4), ("cameras", 3), ("computers", 4), ("streaming", 4)],
            categories.Select(c => (c.Slug, c.ProductCount)).OrderBy(c => c.Slug, StringComparer.Ordinal));
        // Issue 13: in Portuguese order, which neither PostgreSQL's C collation nor SQLite's binary one gives.
        Assert.Equal(["audio", "cameras", "computers", "streaming"], categories.Select(c => c.Slug));
    }
}
