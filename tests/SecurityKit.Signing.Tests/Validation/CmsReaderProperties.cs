using FsCheck.Xunit;
using SecurityKit.Signing.Cms;

namespace SecurityKit.Signing.Tests.Validation;

public sealed class CmsReaderProperties
{
    [Property(MaxTest = 200)]
    public bool Random_bytes_never_crash_the_CMS_reader(byte[] input)
    {
        try
        {
            CmsSignedData.Decode(input ?? []);
            return true;
        }
        catch (SecurityKitException)
        {
            return true;
        }
    }
}
