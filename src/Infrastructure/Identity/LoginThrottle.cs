using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace FakeShop.Infrastructure.Identity;

/// <summary>Wrong passwords allowed per client and account before that pair is blocked (docs/decisions/0012).</summary>
public sealed class LoginThrottleOptions
{
    public const string SectionName = "Login";

    public int FailuresPerClient { get; set; } = 5;

    public int BlockMinutes { get; set; } = 15;
}

/// <summary>
/// Counts failed sign-ins per (client address, e-mail) pair. A client that keeps guessing one account is blocked for
/// that account; the account itself stays open for everyone else, so nobody can lock the admin out from elsewhere.
/// In memory, per replica: a guesser spread over replicas and addresses still meets the per-client request limit
/// and a 10-character password (ADR 0012).
/// </summary>
public sealed class LoginThrottle(IMemoryCache cache, IOptions<LoginThrottleOptions> options)
{
    public bool IsBlocked(string client, string email) =>
        cache.TryGetValue(Key(client, email), out int failures) && failures >= options.Value.FailuresPerClient;

    public void RecordFailure(string client, string email)
    {
        var key = Key(client, email);
        var failures = cache.TryGetValue(key, out int seen) ? seen + 1 : 1;
        cache.Set(key, failures, TimeSpan.FromMinutes(options.Value.BlockMinutes));
    }

    public void Reset(string client, string email) => cache.Remove(Key(client, email));

    private static string Key(string client, string email) => "login-failures\n" + client + "\n" + email.Trim().ToUpperInvariant();
}
