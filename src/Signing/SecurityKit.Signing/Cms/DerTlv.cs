namespace SecurityKit.Signing.Cms;

/// <summary>Assembles one DER tag-length-value from a tag byte and contents (X.690 §8.1, definite length).</summary>
internal static class DerTlv
{
    public static byte[] Encode(byte tag, ReadOnlySpan<byte> contents)
    {
        var length = contents.Length;
        var lengthBytes = length < 0x80 ? 1 : length <= 0xFF ? 2 : length <= 0xFFFF ? 3 : length <= 0xFFFFFF ? 4 : 5;
        var result = new byte[1 + lengthBytes + length];
        result[0] = tag;
        if (lengthBytes == 1)
        {
            result[1] = (byte)length;
        }
        else
        {
            result[1] = (byte)(0x80 | (lengthBytes - 1));
            for (var i = 0; i < lengthBytes - 1; i++)
            {
                result[lengthBytes - i] = (byte)(length >> (8 * i));
            }
        }

        contents.CopyTo(result.AsSpan(1 + lengthBytes));
        return result;
    }
}
