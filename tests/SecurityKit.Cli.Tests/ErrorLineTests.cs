using SecurityKit.Cli.Infrastructure;

namespace SecurityKit.Cli.Tests;

public sealed class ErrorLineTests
{
    [Fact]
    public void A_SecurityKit_error_is_printed_with_what_and_where()
    {
        var line = ErrorLine.For(new SecurityKitException("check digits do not match", "line 12"));

        Assert.Equal("error: check digits do not match (line 12)", line);
    }

    [Fact]
    public void A_multi_line_message_is_folded_onto_one_line()
    {
        var line = ErrorLine.For(new SecurityKitException("first\nsecond", "row 3"));

        Assert.Equal("error: first second (row 3)", line);
    }

    [Fact]
    public void A_missing_file_names_the_file()
    {
        var line = ErrorLine.For(new FileNotFoundException("gone", "/tmp/key.bin"));

        Assert.Equal("error: file not found (/tmp/key.bin)", line);
    }

    [Fact]
    public void An_unexpected_exception_never_shows_a_stack_trace()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var line = ErrorLine.For(thrown);

        Assert.Equal("error: unexpected InvalidOperationException: boom (securitykit)", line);
    }
}
