using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Infrastructure;

/// <summary>Independent verification with the openssl command (Debian package openssl).</summary>
internal static class OpenSsl
{
    private static readonly string Path = ExternalTool.Require("openssl", "openssl");

    public static Task<ToolResult> CmsVerifyDetachedAsync(string cms, string content, string caFile) =>
        ExternalTool.RunAsync(Path, ["cms", "-verify", "-binary", "-inform", "DER", "-in", cms, "-content", content, "-CAfile", caFile, "-purpose", "any", "-out", "/dev/null"]);

    public static Task<ToolResult> CmsVerifyEnvelopingAsync(string cms, string output, string caFile) =>
        ExternalTool.RunAsync(Path, ["cms", "-verify", "-binary", "-inform", "DER", "-in", cms, "-CAfile", caFile, "-purpose", "any", "-out", output]);

    public static Task<ToolResult> CmsPrintAsync(string cms) =>
        ExternalTool.RunAsync(Path, ["cms", "-cmsout", "-print", "-inform", "DER", "-in", cms]);

    public static Task<ToolResult> TsVerifyAsync(string token, string digestHex, string caFile, string untrusted) =>
        ExternalTool.RunAsync(Path, ["ts", "-verify", "-digest", digestHex, "-token_in", "-in", token, "-CAfile", caFile, "-untrusted", untrusted]);
}
