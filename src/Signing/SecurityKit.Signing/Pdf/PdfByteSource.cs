namespace SecurityKit.Signing.Pdf;

/// <summary>
/// Random access to the bytes of a PDF file or of a decoded object stream. A file is read through a small window so
/// that parsing the structure of a 200 MB PDF touches only the bytes of the objects it needs.
/// </summary>
internal abstract class PdfByteSource
{
    /// <summary>Number of bytes.</summary>
    public abstract long Length { get; }

    /// <summary>The byte at <paramref name="position"/>, or -1 past the end.</summary>
    public abstract int At(long position);

    /// <summary>Copies <paramref name="count"/> bytes from <paramref name="position"/>; fewer at the end.</summary>
    public abstract byte[] Read(long position, int count);

    public static PdfByteSource FromBytes(byte[] bytes) => new ArraySource(bytes);

    /// <summary>The first <paramref name="length"/> bytes: the file as it was at an earlier revision.</summary>
    public PdfByteSource Prefix(long length) => new PrefixSource(this, Math.Min(length, Length));

    private sealed class PrefixSource(PdfByteSource inner, long length) : PdfByteSource
    {
        public override long Length => length;

        public override int At(long position) => position < length ? inner.At(position) : -1;

        public override byte[] Read(long position, int count) =>
            position >= length ? [] : inner.Read(position, (int)Math.Min(count, length - position));
    }

    public static PdfByteSource FromStream(Stream stream) => new WindowedStreamSource(stream);

    private sealed class ArraySource(byte[] bytes) : PdfByteSource
    {
        public override long Length => bytes.Length;

        public override int At(long position) => position >= 0 && position < bytes.Length ? bytes[position] : -1;

        public override byte[] Read(long position, int count)
        {
            if (position < 0 || position >= bytes.Length)
            {
                return [];
            }

            var n = (int)Math.Min(count, bytes.Length - position);
            return bytes.AsSpan((int)position, n).ToArray();
        }
    }

    private sealed class WindowedStreamSource : PdfByteSource
    {
        private const int WindowSize = 16 * 1024;
        private readonly Stream stream;
        private readonly byte[] window = new byte[WindowSize];
        private long windowStart = -1;
        private int windowLength;

        public WindowedStreamSource(Stream stream)
        {
            if (!stream.CanSeek || !stream.CanRead)
            {
                throw new ArgumentException("the PDF stream must be readable and seekable", nameof(stream));
            }

            this.stream = stream;
            Length = stream.Length;
        }

        public override long Length { get; }

        public override int At(long position)
        {
            if (position < 0 || position >= Length)
            {
                return -1;
            }

            if (windowStart < 0 || position < windowStart || position >= windowStart + windowLength)
            {
                // Centre-left the window: the parser mostly reads forwards, and looks back only a few bytes.
                Fill(Math.Max(0, position - 256));
            }

            return window[position - windowStart];
        }

        public override byte[] Read(long position, int count)
        {
            if (position < 0 || position >= Length)
            {
                return [];
            }

            var n = (int)Math.Min(count, Length - position);
            var result = new byte[n];
            stream.Position = position;
            stream.ReadExactly(result);
            return result;
        }

        private void Fill(long start)
        {
            stream.Position = start;
            windowLength = stream.ReadAtLeast(window, (int)Math.Min(WindowSize, Length - start), throwOnEndOfStream: false);
            windowStart = start;
        }
    }
}
