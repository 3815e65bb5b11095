using SecurityKit.Detection.Anomaly.Logs.Templates;

namespace SecurityKit.Detection.Anomaly.Tests.Logs;

public sealed class TemplateMinerTests
{
    private static TemplateExtraction Mine(params string[] lines) => TemplateExtraction.Run(lines);

    [Fact]
    public void Lines_that_differ_only_in_numbers_share_one_event()
    {
        var result = Mine("Received block blk_123 of size 67108864 from /10.250.19.102", "Received block blk_-99 of size 12 from /10.0.0.1");
        Assert.Equal(result.LineEvents[0], result.LineEvents[1]);
        Assert.Equal("Received block <*> of size <*> from <*>", result.Templates.Template(result.LineEvents[0]));
    }

    [Fact]
    public void Key_of_a_key_value_token_stays_in_the_template()
    {
        var result = Mine("session opened uid=0 tty=ssh", "session opened uid=1000 tty=ssh");
        Assert.Equal("session opened uid=<*> tty=ssh", result.Templates.Template(result.LineEvents[0]));
    }

    [Theory]
    [InlineData("fetch https://example.org/a/b done", "fetch <*> done")]
    [InlineData("open /var/log/messages done", "open <*> done")]
    [InlineData("mail to jan.peeters@example.be done", "mail to <*> done")]
    [InlineData("check 85.07.30-033.28 done", "check <*> done")]
    [InlineData("request 123e4567-e89b-12d3-a456-426614174000 done", "request <*> done")]
    [InlineData("peer [2001:db8::1]:443 done", "peer [<*>]:<*> done")]
    public void Common_values_are_masked(string line, string template)
    {
        Assert.Equal(template, Mine(line).Templates.Template(0));
    }

    [Fact]
    public void Sizes_and_dates_written_with_words_are_masked()
    {
        var result = Mine("stored 2.1 KB at Sun Dec 04 04:47:44 2005", "stored 384 B at Mon Jan 12 10:00:00 2006");
        Assert.Equal(result.LineEvents[0], result.LineEvents[1]);
        Assert.Equal("stored <*> <*> at <*> <*> <*> <*> <*>", result.Templates.Template(result.LineEvents[0]));
    }

    [Fact]
    public void Word_values_of_a_named_field_share_one_event_and_keep_their_key()
    {
        var users = new[] { "alice", "bob", "carol", "dave", "erin", "frank" };
        var lines = users.Select((u, i) => $"user={u} action=login result=ok elapsed={i}ms").ToArray();
        var result = Mine(lines);
        Assert.Single(result.LineEvents.Distinct());
        Assert.Equal("user=<*> action=login result=ok elapsed=<*>", result.Templates.Template(0));
    }

    [Fact]
    public void A_named_field_that_only_held_a_few_words_splits_the_event_like_any_few_valued_position()
    {
        var lines = Enumerable.Range(0, 20).Select(i => $"session closed for peer {i} state={(i % 2 == 0 ? "clean" : "aborted")}").ToArray();
        var result = Mine(lines);
        Assert.Equal(2, result.Templates.Count);
        Assert.NotEqual(result.LineEvents[0], result.LineEvents[1]);
    }

    [Theory]
    [InlineData("Retrying in 1 second", "Retrying in 30 seconds")]
    [InlineData("Request served in 250 ms", "Request served in 2 s")]
    [InlineData("Backup scheduled at 10:30 PM", "Backup scheduled at 6:00 AM")]
    public void A_unit_that_qualifies_a_number_is_part_of_the_value(string a, string b)
    {
        var result = Mine(a, b);
        Assert.Equal(result.LineEvents[0], result.LineEvents[1]);
    }

    [Fact]
    public void A_quoted_value_holding_spaces_is_one_value()
    {
        var result = Mine(
            "Incoming request from 10.0.0.1 agent=\"Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/118.0\" took 5ms",
            "Incoming request from 10.0.0.2 agent=\"curl/8.4.0\" took 7ms",
            "Incoming request from 10.0.0.3 agent=\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\" took 2ms");
        Assert.Single(result.LineEvents.Distinct());
    }

    [Fact]
    public void A_quoted_message_at_the_start_of_a_structured_line_keeps_its_words()
    {
        var result = Mine("\"Pod started\" pod=\"team-a/web-1\"", "\"Pod deleted\" pod=\"team-b/db-2\"");
        Assert.Equal("\"Pod started\" pod=\"<*>\"", result.Templates.Template(result.LineEvents[0]));
        Assert.NotEqual(result.LineEvents[0], result.LineEvents[1]);
    }

    [Fact]
    public void A_quoted_string_that_quotes_other_strings_keeps_its_words()
    {
        var result = Mine("sync failed err=\"failed to \\\"StartContainer\\\" for \\\"web\\\"\" pod=a");
        Assert.StartsWith("sync failed err=\"failed to", result.Templates.Template(0), StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_words_around_a_value_are_text_a_few_valued_position_can_hold()
    {
        var lines = Enumerable.Range(0, 40).Select(i => $"event for pod web-{i} event={{\"ID\":\"{i:x8}-{i}\",\"Type\":\"{(i % 3 == 0 ? "ContainerDied" : "ContainerStarted")}\"}}").ToArray();
        var result = Mine(lines);
        Assert.Equal(2, result.Templates.Count);
        Assert.NotEqual(result.LineEvents[0], result.LineEvents[1]);
    }

    [Fact]
    public void Punctuation_around_a_value_does_not_make_it_fixed_text()
    {
        var lines = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? $"connection from 10.0.0.{i} () at noon" : $"connection from 10.0.0.{i} (host-{i}.example.net) at noon").ToArray();
        var result = Mine(lines);
        Assert.Single(result.LineEvents.Distinct());
    }

    [Fact]
    public void A_position_holding_several_upper_case_constants_splits_the_event()
    {
        var verbs = new[] { "ADD", "UPDATE", "DELETE", "REMOVE", "RECONCILE" };
        var lines = Enumerable.Range(0, 50).Select(i => $"SyncLoop {verbs[i % verbs.Length]} source=api pods=[team-{i}/web-{i}]").ToArray();
        var result = Mine(lines);
        Assert.Equal(verbs.Length, result.Templates.Count);
    }

    [Fact]
    public void A_position_holding_as_many_lower_case_words_is_a_variable()
    {
        var names = new[] { "alice", "bob", "carol", "dave", "erin" };
        var lines = Enumerable.Range(0, 50).Select(i => $"Session opened for {names[i % names.Length]} from 10.0.0.{i}").ToArray();
        var result = Mine(lines);
        Assert.Equal(1, result.Templates.Count);
    }

    [Fact]
    public void A_named_field_that_held_numbers_is_a_variable_even_when_some_values_are_words()
    {
        var pods = new[] { "kube-system/dns", "monitoring/agent" };
        var lines = Enumerable.Range(0, 30).Select(i => $"\"Volume mounted\" volume=data pod=\"{(i < 2 ? pods[i] : $"default/web-{i}")}\"").ToArray();
        var result = Mine(lines);
        Assert.Single(result.LineEvents.Distinct());
    }

    [Fact]
    public void Different_messages_get_different_events()
    {
        var result = Mine("Connection closed by 10.0.0.1", "Starting thread to transfer block 5 to 10.0.0.2");
        Assert.NotEqual(result.LineEvents[0], result.LineEvents[1]);
    }

    [Fact]
    public void A_position_holding_a_few_words_splits_the_event()
    {
        var lines = Enumerable.Range(0, 30).Select(i => $"attempt_{i} TaskAttempt Transitioned from {(i % 2 == 0 ? "NEW" : "RUNNING")} to {(i % 2 == 0 ? "UNASSIGNED" : "SUCCEEDED")}").ToArray();
        var result = Mine(lines);
        Assert.Equal(2, result.Templates.Count);
        Assert.NotEqual(result.LineEvents[0], result.LineEvents[1]);
        Assert.Equal(result.LineEvents[0], result.LineEvents[2]);
    }

    [Fact]
    public void A_position_holding_many_words_is_a_variable()
    {
        var users = new[] { "alice", "bob", "carol", "dave", "erin", "frank" };
        var lines = users.Select(u => $"Invalid user {u} from 10.0.0.{u.Length}").ToArray();
        var result = Mine(lines);
        Assert.Equal(1, result.Templates.Count);
        Assert.Equal("Invalid user <*> from <*>", result.Templates.Template(0));
    }

    [Fact]
    public void Lists_of_values_of_different_lengths_share_one_event()
    {
        var result = Mine("BLOCK* ask 10.0.0.1:50010 to delete blk_1", "BLOCK* ask 10.0.0.2:50010 to delete blk_1 blk_2 blk_3");
        Assert.Equal(result.LineEvents[0], result.LineEvents[1]);
    }

    [Fact]
    public void Lists_of_numbers_with_commas_of_different_lengths_share_one_event()
    {
        var result = Mine(
            "Processes holding the lock: 50, 1, 256, 2062. Wait queue: 0, 14742, 9.",
            "Processes holding the lock: 3613. Wait queue: 7195, 27354.",
            "Processes holding the lock: 7, 8. Wait queue: 1.");
        Assert.Single(result.LineEvents.Distinct());
    }

    [Theory]
    [InlineData("Authenticated user diego with roles [sage]", "Authenticated user diego with roles [xenon, fern, hazel, tide]")]
    [InlineData("INSERT INTO accounts VALUES ($1, $2)", "INSERT INTO accounts VALUES ($1, $2, $3, $4, $5)")]
    public void A_bracketed_list_of_any_length_is_one_value(string a, string b)
    {
        var result = Mine(a, b);
        Assert.Equal(result.LineEvents[0], result.LineEvents[1]);
    }

    [Fact]
    public void A_bracketed_prefix_at_the_start_of_a_message_keeps_its_words()
    {
        var result = Mine("[Consumer clientId=consumer-1, groupId=shop] Revoking partitions");
        Assert.StartsWith("[Consumer clientId=", result.Templates.Template(0), StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_message_with_two_word_values_joins_the_general_template_formed_after_it()
    {
        // The repeated line differs from the first in two of six words, so online it starts its own template before the
        // general one exists; after the stream it joins the template it matches.
        var result = Mine(
            "User alice logged in from Gent",
            "User erin logged in from Brussels",
            "User erin logged in from Brussels",
            "User alice logged in from Mons",
            "User bob logged in from Gent",
            "User carol logged in from Namur",
            "User dave logged in from Leuven",
            "User frank logged in from Brugge");
        Assert.Single(result.LineEvents.Distinct());
    }

    [Fact]
    public void Events_are_numbered_by_first_appearance()
    {
        var result = Mine("alpha 1", "beta gamma delta", "alpha 2");
        Assert.Equal([0, 1, 0], result.LineEvents);
    }

    [Fact]
    public void Empty_input_gives_no_events()
    {
        var result = Mine();
        Assert.Empty(result.LineEvents);
        Assert.Equal(0, result.Templates.Count);
    }

    [Fact]
    public void Very_long_lines_are_folded_into_a_trailing_variable()
    {
        var line = "start " + string.Join(' ', Enumerable.Range(0, 10_000).Select(i => "w" + (char)('a' + (i % 26))));
        var result = TemplateExtraction.Run([line], new TemplateMinerOptions { MaxTokens = 50 });
        Assert.EndsWith("<*>", result.Templates.Template(0), StringComparison.Ordinal);
        Assert.Equal(50, result.Templates.Template(0).Split(' ').Length);
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool Every_line_gets_exactly_one_event(string[] lines)
    {
        var clean = (lines ?? []).Select(l => (l ?? string.Empty).Replace('\n', ' ').Replace('\r', ' ')).ToArray();
        var result = TemplateExtraction.Run(clean);
        return result.LineEvents.Count == clean.Length
            && result.LineEvents.All(e => e >= 0 && e < result.Templates.Count)
            && result.LineEvents.Distinct().Count() == result.Templates.Count;
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public bool Mining_is_deterministic(string[] lines)
    {
        var clean = (lines ?? []).Select(l => l ?? string.Empty).ToArray();
        return TemplateExtraction.Run(clean).LineEvents.SequenceEqual(TemplateExtraction.Run(clean).LineEvents);
    }

    [Fact]
    public void A_bare_word_in_place_of_a_masked_host_is_a_value_not_a_few_valued_constant()
    {
        // "unknown[ip]" beside "host-12.example3.net[ip]": the word stands where a value stands, so one event.
        var lines = Enumerable.Range(0, 30)
            .Select(i => $"lost connection after AUTH from {(i % 3 == 0 ? "unknown" : $"host-{i * 37 % 999}.example{i % 9}.net")}[10.0.{i}.{i + 1}]")
            .Concat(Enumerable.Range(0, 30).Select(i => $"{i * 7919:X8}: client={(i % 3 == 0 ? "unknown" : $"host-{i * 41 % 999}.example{i % 7}.net")}[10.1.{i}.{i + 1}]"))
            .ToArray();
        var result = Mine(lines);
        Assert.Equal(2, result.Templates.Count);
        Assert.Equal("lost connection after AUTH from <*>", result.Templates.Template(result.LineEvents[0]));
    }

    [Fact]
    public void A_quoted_request_line_keeps_its_method_as_fixed_text()
    {
        var result = Mine(
            "10.0.0.1 \"GET /api/items/17 HTTP/1.1\" status: 200 len: 512 time: 0.12",
            "10.0.0.2 \"GET /api/items/18 HTTP/1.1\" status: 200 len: 515 time: 0.13",
            "10.0.0.3 \"POST /api/items HTTP/1.1\" status: 201 len: 12 time: 0.40",
            "10.0.0.4 \"DELETE /api/items/17 HTTP/1.1\" status: 204 len: 0 time: 0.20",
            "10.0.0.5 \"GET /api/items/3 HTTP/1.1\" status: 200 len: 90 time: 0.11",
            "10.0.0.6 \"POST /api/items HTTP/1.1\" status: 201 len: 15 time: 0.33");
        Assert.Equal(result.LineEvents[0], result.LineEvents[4]);
        Assert.Equal(result.LineEvents[2], result.LineEvents[5]);
        Assert.NotEqual(result.LineEvents[0], result.LineEvents[2]);
        Assert.NotEqual(result.LineEvents[0], result.LineEvents[3]);
    }

    [Fact]
    public void A_bare_word_before_a_bracketed_value_and_a_colon_is_a_value()
    {
        // "[]:" is punctuation, not letters: "unknown[ip]:" beside "host-7.example.net[ip]:" is one position of values.
        var lines = Enumerable.Range(0, 30)
            .Select(i => $"warning: {(i % 3 == 0 ? "unknown" : $"host-{i * 37 % 999}.example{i % 9}.net")}[10.0.{i}.{i + 1}]: login failed: bad password")
            .ToArray();
        var result = Mine(lines);
        Assert.Equal(1, result.Templates.Count);
    }

    [Fact]
    public void A_position_holding_a_few_keyed_words_still_splits()
    {
        // Hard negative for the rule above: fixed words with a colon ("state:") keep splitting a template.
        var lines = Enumerable.Range(0, 30)
            .Select(i => $"job {i} moved to state: {(i % 2 == 0 ? "queued" : "running")} by scheduler")
            .ToArray();
        var result = Mine(lines);
        Assert.NotEqual(result.LineEvents[0], result.LineEvents[1]);
        Assert.Equal(result.LineEvents[0], result.LineEvents[2]);
    }

    [Fact]
    public void A_name_with_spaces_in_place_of_a_one_word_name_is_the_same_event()
    {
        string[] names = ["mds", "Finder", "Code Helper (Plugin)", "Google Chrome Helper (Renderer)", "cloudd", "Slack Helper", "sharingd"];
        var lines = Enumerable.Range(0, 42)
            .Select(i => $"Sandbox: {names[i % names.Length]}({400 + i}) deny(1) file-read-data /Users/u{i}/notes.txt")
            .Concat(Enumerable.Range(0, 14).Select(i => $"process {names[i % names.Length]}[{300 + i}] exited with status {i % 3}"))
            .ToArray();
        var result = Mine(lines);
        Assert.Equal(2, result.Templates.Count);
        Assert.Equal(result.LineEvents[0], result.LineEvents[2]);
        Assert.Equal(result.LineEvents[0], result.LineEvents[3]);
        Assert.Equal(result.LineEvents[42], result.LineEvents[45]);
    }

    [Fact]
    public void A_run_of_words_that_holds_a_value_is_another_event()
    {
        // Hard negative: "invalid user <name>" in place of "<name>" carries its own words and a value.
        var lines = Enumerable.Range(0, 20)
            .Select(i => $"Failed password for user{i} from 10.0.0.{i} port {2000 + i} ssh2")
            .Concat(Enumerable.Range(0, 20).Select(i => $"Failed password for invalid user guest{i} from 10.0.1.{i} port {3000 + i} ssh2"))
            .ToArray();
        var result = Mine(lines);
        Assert.NotEqual(result.LineEvents[0], result.LineEvents[20]);
    }

    [Fact]
    public void The_path_of_a_request_line_tells_operations_apart_and_masks_its_ids()
    {
        var lines = Enumerable.Range(0, 40)
            .Select(i => (i % 4) switch
            {
                0 => $"10.0.0.{i} \"GET /v2/{i * 7919:x8}/servers/detail HTTP/1.1\" status: 200 len: {100 + i} time: 0.{i}",
                1 => $"10.0.0.{i} \"GET /v2/{i * 7919:x8}/servers/{i * 31:x6} HTTP/1.1\" status: 200 len: {100 + i} time: 0.{i}",
                2 => $"10.0.0.{i} \"GET /v2/{i * 7919:x8}/flavors/detail?limit={i} HTTP/1.1\" status: 200 len: {100 + i} time: 0.{i}",
                _ => $"10.0.0.{i} \"GET /v2/{i * 7919:x8}/servers/detail HTTP/1.1\" status: 404 len: {100 + i} time: 0.{i}",
            })
            .ToArray();
        var result = Mine(lines);
        Assert.Equal(result.LineEvents[0], result.LineEvents[4]);
        Assert.Equal(result.LineEvents[1], result.LineEvents[5]);
        Assert.Equal(result.LineEvents[2], result.LineEvents[6]);
        Assert.NotEqual(result.LineEvents[0], result.LineEvents[1]);
        Assert.NotEqual(result.LineEvents[0], result.LineEvents[2]);
        Assert.Contains("/<*>/<*>/flavors/detail?<*>", result.Templates.Template(result.LineEvents[2]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_outside_a_request_line_stays_one_value()
    {
        // Hard negative: a file path after an ordinary word is data, not an operation.
        var result = Mine(
            "opened /var/lib/app/users.db for reading",
            "opened /etc/app/settings.conf for reading",
            "opened /home/alice/notes.txt for reading");
        Assert.Equal(result.LineEvents[0], result.LineEvents[1]);
        Assert.Equal(result.LineEvents[0], result.LineEvents[2]);
        Assert.Equal("opened <*> for reading", result.Templates.Template(result.LineEvents[0]));
    }

    [Fact]
    public void A_tail_of_counters_with_a_varying_set_of_keys_is_one_event()
    {
        // Which counters a session prints depends on what the client did: the run's keys and length vary.
        string[] keys = ["hello", "auth", "mail", "rcpt", "data", "quit", "rset", "noop", "vrfy", "starttls"];
        var lines = Enumerable.Range(0, 80)
            .Select(i => $"session closed from gw-{i}.example.org[10.0.0.{i}] "
                + string.Join(' ', keys.Where((_, k) => k == 0 || (((long)((i * 31) + (k * 17)) * 2654435761L) >> 7) % 3 == 0).Select(k => $"{k}={i % 3}"))
                + $" commands={i % 5}")
            .ToArray();
        var result = Mine(lines);
        Assert.Equal(1, result.Templates.Count);
    }

    [Fact]
    public void Key_value_tails_with_a_fixed_set_of_keys_and_few_valued_keys_stay_apart()
    {
        // Hard negatives: one more fixed key is another message, and tier=gold|silver keeps splitting.
        var lines = Enumerable.Range(0, 40)
            .Select(i => (i % 4) switch
            {
                0 => $"auth failure; uid={i} euid={i} tty=ssh rhost=10.0.0.{i}",
                1 => $"auth failure; uid={i} euid={i} tty=ssh rhost=10.0.0.{i} user=root",
                2 => $"loaded customer id={i}, mail=m{i}@example.org, tier=gold",
                _ => $"loaded customer id={i}, mail=m{i}@example.org, tier=silver",
            })
            .ToArray();
        var result = Mine(lines);
        Assert.NotEqual(result.LineEvents[0], result.LineEvents[1]);
        Assert.NotEqual(result.LineEvents[2], result.LineEvents[3]);
        Assert.Equal(result.LineEvents[0], result.LineEvents[4]);
        Assert.Equal(result.LineEvents[3], result.LineEvents[7]);
    }
}
