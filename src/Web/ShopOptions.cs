using System.ComponentModel;

namespace FakeShop.Web;

/// <summary>
/// The one way settings are read: an options class bound from its section and validated at start-up
/// (ValidateOnStart; ShopHost.Build runs the validation right after building the host). Every failure is a sentence
/// naming the setting, which Program prints as "Configuration error: ..." with exit code 2.
/// </summary>
public static class ShopOptions
{
    public static OptionsBuilder<T> AddShopOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>().Configure(o => BindOrExplain(configuration.GetSection(section), o)).ValidateOnStart();

    /// <summary>
    /// Binds like the framework's binder, with two differences: a blank value means "not set" (the default stays),
    /// and a value that is not of the property's type is reported as a sentence naming the setting, where the binder
    /// would throw an exception about CLR types.
    /// </summary>
    private static void BindOrExplain<T>(IConfigurationSection section, T options)
    {
        var set = section.AsEnumerable(makePathsRelative: true).Where(kv => !string.IsNullOrWhiteSpace(kv.Value));
        var values = new ConfigurationBuilder().AddInMemoryCollection(set).Build();
        try
        {
            values.Bind(options);
        }
        catch (InvalidOperationException)
        {
            foreach (var property in typeof(T).GetProperties().Where(p => p.CanWrite))
            {
                var text = values[property.Name];
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (text is not null && !TypeDescriptor.GetConverter(type).IsValid(text))
                {
                    throw new OptionsValidationException(Options.DefaultName, typeof(T),
                        [$"{section.Path}:{property.Name} is '{text}', which is not {Describe(type)}."]);
                }
            }

            throw;
        }
    }

    private static string Describe(Type type) =>
        type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(decimal) ? "an amount such as 10.00"
        : type == typeof(bool) ? "true or false"
        : "a " + type.Name;
}
