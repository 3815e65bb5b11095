namespace SecurityKit.Detection.Pii.Tests.BadInput;

public sealed class RegressionTests
{
    [Theory]
    [InlineData("C+7-]hR1o:c#b&")]
    [InlineData("x+32 475")]
    [InlineData("BE12 +32 475 12 34 56")]
    public void Plus_sign_glued_to_a_word_does_not_stall_the_scanner(string text)
    {
        // Found by the FsCheck property above: the scanner used to stay on a '+' that follows a letter.
        var entities = PiiDetector.Default.Detect(text);
        Assert.All(entities, e => Assert.InRange(e.End, e.Start + 1, text.Length));
    }
}
