using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using SecurityKit.Detection.Pii.Operators;
using SecurityKit.Detection.Pii.Vault;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Pii.Tests.Vault;

public sealed class PlaceholderVaultTests : IClassFixture<RedisServer>
{
    private readonly RedisServer redis;

    public PlaceholderVaultTests(RedisServer redis) => this.redis = redis;

    private static MemoryDistributedCache Memory() => new(Options.Create(new MemoryDistributedCacheOptions()));

    private static PlaceholderMap SampleMap()
    {
        var map = new PlaceholderMap();
        map.GetOrAdd(PiiEntityType.Person, "Jan Peeters");
        map.GetOrAdd(PiiEntityType.NationalNumber, "85.07.30-033.28");
        return map;
    }

    [Fact]
    public async Task Map_round_trips_through_the_in_memory_vault()
    {
        var vault = new PlaceholderVault(Memory(), new byte[32], TimeSpan.FromMinutes(5));
        await vault.SetAsync("c1", SampleMap());
        var back = await vault.GetAsync("c1");
        Assert.NotNull(back);
        Assert.True(back.TryGetOriginal("NATIONAL_NUMBER_1", out var niss));
        Assert.Equal("85.07.30-033.28", niss);
        Assert.Equal("PERSON_1", back.GetOrAdd(PiiEntityType.Person, "J. Peeters"));
    }

    [Fact]
    public async Task Cache_holds_no_original_in_clear()
    {
        var cache = Memory();
        await new PlaceholderVault(cache, new byte[32], TimeSpan.FromMinutes(5)).SetAsync("c1", SampleMap());
        var stored = await cache.GetAsync("securitykit:pii:vault:c1");
        Assert.NotNull(stored);
        var asText = Encoding.UTF8.GetString(stored);
        Assert.DoesNotContain("Peeters", asText, StringComparison.Ordinal);
        Assert.DoesNotContain("033", asText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entry_moved_to_another_conversation_does_not_open()
    {
        var cache = Memory();
        var vault = new PlaceholderVault(cache, new byte[32], TimeSpan.FromMinutes(5));
        await vault.SetAsync("c1", SampleMap());
        await cache.SetAsync("securitykit:pii:vault:c2", (await cache.GetAsync("securitykit:pii:vault:c1"))!);
        Assert.Null(await vault.GetAsync("c2"));
    }

    [Fact]
    public async Task Expired_entry_is_gone_and_restoring_gives_markers()
    {
        var vault = new PlaceholderVault(Memory(), new byte[32], TimeSpan.FromMilliseconds(50));
        await vault.SetAsync("c1", SampleMap());
        await Task.Delay(300);
        var map = await vault.GetAsync("c1");
        Assert.Null(map);
        Assert.Equal("[PERSON_1: unavailable]", PlaceholderRestorer.Restore("<PERSON_1>", map));
    }

    [Fact]
    public async Task Two_nodes_sharing_redis_restore_each_others_placeholders()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        using var cacheA = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = redis.ConnectionString }));
        using var cacheB = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = redis.ConnectionString }));
        await new PlaceholderVault(cacheA, key, TimeSpan.FromMinutes(1)).SetAsync("shared", SampleMap());
        var map = await new PlaceholderVault(cacheB, key, TimeSpan.FromMinutes(1)).GetAsync("shared");
        Assert.Equal("Jan Peeters", PlaceholderRestorer.Restore("<PERSON_1>", map));
    }

    [Fact]
    public async Task Redis_entry_expires_with_its_time_to_live()
    {
        using var cache = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = redis.ConnectionString }));
        var vault = new PlaceholderVault(cache, new byte[32], TimeSpan.FromSeconds(1));
        await vault.SetAsync("short", SampleMap());
        Assert.NotNull(await vault.GetAsync("short"));
        await Task.Delay(2500);
        Assert.Null(await vault.GetAsync("short"));
    }
}
