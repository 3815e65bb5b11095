using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SecurityKit.Audit;

namespace SecurityKit.ReferenceApi.Tests.Audit;

/// <summary>The hash chain: canonical hashing and detection of altered, removed, reordered and truncated entries.</summary>
public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    internal static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>();
        AuditEntry? previous = null;
        for (var i = 0; i < length; i++)
        {
            var auditEvent = new AuditEvent(
                $"apikey:svc-{i % 3}", i % 2 == 0 ? "pseudonymize" : "pseudonymize.reverse",
                i % 5 == 4 ? AuditOutcome.Denied : AuditOutcome.Succeeded,
                resource: $"national-number x{i + 1}", purpose: i % 2 == 0 ? null : "case 2026/118");
            previous = AuditChain.Append(previous, auditEvent, Start.AddSeconds(i));
            entries.Add(previous);
        }

        return entries;
    }

    [Fact]
    public void The_hash_matches_an_independently_computed_value()
    {
        // Computed with Python's hashlib over the encoding documented on AuditChain (length-prefixed UTF-8 fields).
        var entry = AuditChain.Append(
            null,
            new AuditEvent("jwt:analyst-7", "pseudonymize.reverse", AuditOutcome.Succeeded, "national-number x1", "fraud investigation 2026/118"),
            Start);

        Assert.Equal("515237d20286d742cca7166c16a2713a9459d3e349a6464979bba159b765c3e8", entry.Hash);
    }

    [Fact]
    public void The_first_entry_links_to_the_genesis_hash()
    {
        var first = Chain(1)[0];

        Assert.Equal(1, first.Sequence);
        Assert.Equal(AuditChain.GenesisHash, first.PreviousHash);
    }

    [Fact]
    public void The_encoding_keeps_field_boundaries()
    {
        var a = AuditChain.Append(null, new AuditEvent("ab", "c", AuditOutcome.Succeeded), Start);
        var b = AuditChain.Append(null, new AuditEvent("a", "bc", AuditOutcome.Succeeded), Start);

        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Fact]
    public void An_empty_field_and_a_missing_field_hash_differently()
    {
        var empty = AuditChain.Append(null, new AuditEvent("a", "b", AuditOutcome.Succeeded, resource: string.Empty), Start);
        var missing = AuditChain.Append(null, new AuditEvent("a", "b", AuditOutcome.Succeeded, resource: null), Start);

        Assert.NotEqual(empty.Hash, missing.Hash);
    }

    [Fact]
    public void An_untouched_chain_is_intact()
    {
        var chain = Chain(20);

        var report = AuditChain.Verify(chain);

        Assert.True(report.IsIntact, report.Problem);
        Assert.Equal(20, report.EntriesChecked);
        Assert.Equal(chain[^1].Hash, report.HeadHash);
    }

    [Fact]
    public void An_empty_log_is_intact()
    {
        var report = AuditChain.Verify([]);

        Assert.True(report.IsIntact);
        Assert.Equal(AuditChain.GenesisHash, report.HeadHash);
    }

    [Property(MaxTest = 200)]
    public Property Altering_any_field_of_any_entry_is_detected_at_that_entry()
    {
        var cases = from index in Gen.Choose(0, 9)
                    from field in Gen.Choose(0, 6)
                    select (index, field);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var chain = Chain(10);
            var e = chain[c.index];
            chain[c.index] = c.field switch
            {
                0 => e with { Actor = e.Actor + "x" },
                1 => e with { Action = "pseudonymize" == e.Action ? "pseudonymize.reverse" : "pseudonymize" },
                2 => e with { Outcome = e.Outcome == "succeeded" ? "denied" : "succeeded" },
                3 => e with { Resource = e.Resource + "0" },
                4 => e with { Purpose = e.Purpose is null ? "p" : null },
                5 => e with { RecordedAt = AuditChain.FormatTime(Start.AddDays(1)) },
                _ => e with { Detail = "changed" },
            };

            var report = AuditChain.Verify(chain);

            return !report.IsIntact && report.FirstBadSequence == c.index + 1;
        });
    }

    [Fact]
    public void An_altered_entry_whose_hash_was_recomputed_breaks_the_next_link()
    {
        var chain = Chain(5);
        var forged = chain[2] with { Actor = "apikey:someone-else" };
        chain[2] = forged with { Hash = AuditChain.ComputeHash(forged) };

        var report = AuditChain.Verify(chain);

        Assert.False(report.IsIntact);
        Assert.Equal(4, report.FirstBadSequence);
    }

    [Fact]
    public void A_removed_entry_is_named()
    {
        var chain = Chain(8);
        chain.RemoveAt(4);

        var report = AuditChain.Verify(chain);

        Assert.False(report.IsIntact);
        Assert.Equal(5, report.FirstBadSequence);
        Assert.Contains("missing", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_first_entry_is_named()
    {
        var chain = Chain(3);
        chain.RemoveAt(0);

        var report = AuditChain.Verify(chain);

        Assert.Equal(1, report.FirstBadSequence);
    }

    [Fact]
    public void A_removed_entry_renumbered_to_hide_the_gap_is_detected()
    {
        var chain = Chain(6);
        chain.RemoveAt(2);
        for (var i = 2; i < chain.Count; i++)
        {
            chain[i] = chain[i] with { Sequence = i + 1 };
        }

        var report = AuditChain.Verify(chain);

        Assert.False(report.IsIntact);
        Assert.Equal(3, report.FirstBadSequence);
    }

    [Fact]
    public void Swapped_entries_are_detected()
    {
        var chain = Chain(6);
        (chain[2], chain[3]) = (chain[3], chain[2]);

        var report = AuditChain.Verify(chain);

        Assert.False(report.IsIntact);
        Assert.Equal(3, report.FirstBadSequence);
    }

    [Fact]
    public void A_truncated_tail_is_detected_against_a_recorded_head()
    {
        var chain = Chain(10);
        var head = chain[^1].Hash;

        var report = AuditChain.Verify(chain.Take(7), expectedHead: head);

        Assert.False(report.IsIntact);
        Assert.Equal(8, report.FirstBadSequence);
    }

    [Fact]
    public void A_log_that_grew_past_a_recorded_head_is_intact()
    {
        var chain = Chain(10);

        var report = AuditChain.Verify(chain, expectedHead: chain[5].Hash);

        Assert.True(report.IsIntact, report.Problem);
    }

    [Theory]
    [InlineData("actor\nforged line")]
    [InlineData("tab\there")]
    public void An_event_with_control_characters_is_refused(string actor)
    {
        Assert.Throws<ArgumentException>(() => new AuditEvent(actor, "x", AuditOutcome.Succeeded));
    }

    [Fact]
    public void An_event_with_an_overlong_field_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new AuditEvent("a", "b", AuditOutcome.Succeeded, detail: new string('x', AuditEvent.MaxFieldLength + 1)));
    }
}
