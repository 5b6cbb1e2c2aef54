using System.Collections.Concurrent;

namespace FakeShop.Web.Localization;

/// <summary>
/// The shared UI strings, looked up once per language. The framework's resource localizer builds a cache-key string
/// and a new <see cref="LocalizedString"/> on every lookup, and a rendered page makes dozens (about a sixth of the
/// cart page's allocations, issue 16). English is the resource key itself (no English resource file), so a miss is
/// kept too; at most <see cref="MaxEntries"/> entries are kept, whatever text is looked up. Formatting with arguments
/// behaves as the framework's does.
/// </summary>
public sealed class CachedSharedLocalizer(IStringLocalizerFactory factory) : IStringLocalizer<SharedResource>
{
    private readonly IStringLocalizer _resources = factory.Create(typeof(SharedResource));
    public const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _found = new();
    private int _entries;

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (_found.TryGetValue(key, out var known))
            {
                return known;
            }

            var looked = _resources[name];
            if (Volatile.Read(ref _entries) < MaxEntries && _found.TryAdd(key, looked))
            {
                Interlocked.Increment(ref _entries);
            }

            return looked;
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _resources.GetAllStrings(includeParentCultures);
}
