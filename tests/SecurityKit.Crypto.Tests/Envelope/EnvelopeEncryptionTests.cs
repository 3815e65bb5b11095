using System.Security.Cryptography;
using SecurityKit.Testing;

namespace SecurityKit.Crypto.Tests.Envelope;

public sealed class EnvelopeEncryptionTests
{
    private static readonly Key XWing = TestKeys.For(KeyEncapsulationAlgorithm.X25519MlKem768);

    public static TheoryData<string> Kems => TestKeys.KemAlgorithms();

    [Theory]
    [MemberData(nameof(Kems))]
    public void A_sealed_record_opens_with_the_recipient_key(string name)
    {
        var key = TestKeys.For(KeyEncapsulationAlgorithm.FromName(name));

        var envelope = EnvelopeEncryption.Seal(key.PublicKey, "dossier 2026/117"u8, "record-42"u8);

        Assert.Equal("dossier 2026/117"u8.ToArray(), EnvelopeEncryption.Open(key, envelope, "record-42"u8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(2048)]
    [InlineData(3 * 1024 + 512)]
    public void Streams_of_any_length_round_trip_across_chunk_boundaries(int length)
    {
        var plaintext = RandomNumberGenerator.GetBytes(length);
        using var encrypted = new MemoryStream();
        EnvelopeEncryption.Encrypt(XWing.PublicKey, new MemoryStream(plaintext), encrypted, chunkSize: 1024);
        using var decrypted = new MemoryStream();

        EnvelopeEncryption.Decrypt(XWing, new MemoryStream(encrypted.ToArray()), decrypted);

        Assert.Equal(plaintext, decrypted.ToArray());
    }

    [FsCheck.Xunit.Property(MaxTest = 25)]
    public bool Any_record_round_trips(byte[] record, byte[] associatedData)
    {
        var key = TestKeys.For(KeyEncapsulationAlgorithm.X25519);
        return EnvelopeEncryption.Open(key, EnvelopeEncryption.Seal(key.PublicKey, record, associatedData), associatedData).AsSpan().SequenceEqual(record);
    }

    [Fact]
    public void A_modified_chunk_is_reported_with_its_number()
    {
        var envelope = Encrypt(4000, out var headerLength);
        envelope[headerLength + 1040 + 3] ^= 0x01; // second chunk

        var error = Assert.Throws<EnvelopeFormatException>(() => EnvelopeEncryption.Open(XWing, envelope));

        Assert.StartsWith("chunk 1 ", error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_envelope_is_detected()
    {
        var envelope = Encrypt(2048 + 100, out _);

        Assert.Throws<EnvelopeFormatException>(() => EnvelopeEncryption.Open(XWing, envelope.AsSpan(0, envelope.Length - 116)));
    }

    [Fact]
    public void Dropping_whole_chunks_at_a_boundary_is_detected()
    {
        // Cut right after the first full chunk: the first chunk was sealed as "not final".
        var envelope = Encrypt(3000, out var headerLength);

        Assert.Throws<EnvelopeFormatException>(() => EnvelopeEncryption.Open(XWing, envelope.AsSpan(0, headerLength + 1040)));
    }

    [Fact]
    public void Swapped_chunks_are_detected()
    {
        var envelope = Encrypt(3000, out var headerLength);
        var first = envelope.AsSpan(headerLength, 1040).ToArray();
        envelope.AsSpan(headerLength + 1040, 1040).CopyTo(envelope.AsSpan(headerLength));
        first.CopyTo(envelope.AsSpan(headerLength + 1040));

        Assert.Throws<EnvelopeFormatException>(() => EnvelopeEncryption.Open(XWing, envelope));
    }

    [Fact]
    public void Other_associated_data_does_not_open_the_envelope()
    {
        var envelope = EnvelopeEncryption.Seal(XWing.PublicKey, "x"u8, "record-1"u8);

        Assert.Throws<EnvelopeFormatException>(() => EnvelopeEncryption.Open(XWing, envelope, "record-2"u8));
    }

    [Fact]
    public void A_key_of_another_KEM_is_refused_by_name()
    {
        var envelope = EnvelopeEncryption.Seal(XWing.PublicKey, "x"u8);

        var error = Assert.Throws<KeyAlgorithmMismatchException>(() => EnvelopeEncryption.Open(TestKeys.For(KeyEncapsulationAlgorithm.MlKem768), envelope));

        Assert.Equal("X25519-ML-KEM-768", error.Expected);
    }

    [Fact]
    public void Bytes_that_are_not_an_envelope_are_refused() =>
        Assert.Throws<EnvelopeFormatException>(() => EnvelopeEncryption.Open(XWing, "%PDF-1.7 not an envelope"u8));

    [Fact]
    public void A_file_that_fails_to_decrypt_leaves_no_output()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllBytes(folder.File("plain"), RandomNumberGenerator.GetBytes(200_000));
        EnvelopeEncryption.EncryptFile(XWing.PublicKey, folder.File("plain"), folder.File("sealed"));
        var bytes = File.ReadAllBytes(folder.File("sealed"));
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(folder.File("sealed"), bytes);

        Assert.Throws<EnvelopeFormatException>(() => EnvelopeEncryption.DecryptFile(XWing, folder.File("sealed"), folder.File("out")));

        Assert.Equal(["plain", "sealed"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_file_round_trips_through_the_file_helpers()
    {
        using var folder = new TemporaryDirectory();
        var plaintext = RandomNumberGenerator.GetBytes(300_000);
        File.WriteAllBytes(folder.File("plain"), plaintext);

        EnvelopeEncryption.EncryptFile(XWing.PublicKey, folder.File("plain"), folder.File("sealed"));
        EnvelopeEncryption.DecryptFile(XWing, folder.File("sealed"), folder.File("out"));

        Assert.Equal(plaintext, File.ReadAllBytes(folder.File("out")));
    }

    private static byte[] Encrypt(int length, out int headerLength)
    {
        using var output = new MemoryStream();
        EnvelopeEncryption.Encrypt(XWing.PublicKey, new MemoryStream(new byte[length]), output, chunkSize: 1024);
        var oid = KeyEncapsulationAlgorithm.X25519MlKem768.Oid;
        headerLength = 6 + oid.Length + 6 + 1120 + 32;
        return output.ToArray();
    }
}
