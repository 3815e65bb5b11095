using System.Text;
using SecurityKit.Signing.Batch;
using SecurityKit.Signing.Tests.Infrastructure;
using SecurityKit.Signing.Tests.Pades;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>A TSA that fails in the middle of a batch (the shared test PKI's TSA with its fault switch).</summary>
[Collection(SharedPki.Name)]
public sealed class BatchTimestampOutageTests(PkiFixture pki) : IDisposable
{
    private readonly BatchWorkspace workspace = new();

    public void Dispose()
    {
        pki.Server.Faults.TimestampUnavailable = false;
        workspace.Dispose();
    }

    [Fact]
    public async Task Documents_hit_by_a_tsa_outage_fail_with_the_reason_and_sign_on_the_next_run()
    {
        var batch = SigningBatch.Load(workspace.Manifest(8, level: "B-T", tsa: pki.Server.BaseUrl.AbsoluteUri));
        var written = 0;
        var progress = new Progress(p =>
        {
            // The TSA goes down after the finance director's 4 signatures and the director-general's first 2.
            if (p.Phase == BatchPhase.Written && Interlocked.Increment(ref written) == 6)
            {
                pki.Server.Faults.TimestampUnavailable = true;
            }
        });

        var first = await BatchWorkspace.RunAsync(batch, store => new BatchService(store) { Progress = progress, MaxDegreeOfParallelism = 1 });

        var failed = first.Where(r => r.Status == BatchStepStatus.Failed).ToList();
        Assert.Equal(["d0", "d1"], first.Where(r => r.Status == BatchStepStatus.Signed).Select(r => r.Id));
        Assert.Equal(6, failed.Count);
        Assert.All(failed, r => Assert.Equal(r.Id is "d2" or "d4" or "d6" ? 1 : 0, r.Signatures));
        Assert.All(failed, r => Assert.False(string.IsNullOrWhiteSpace(r.Error)));
        Assert.All(failed, r => Assert.False(File.Exists(Path.Combine(batch.OutputFolder, r.Id + ".pdf"))));

        pki.Server.Faults.TimestampUnavailable = false;
        var second = await BatchWorkspace.RunAsync(batch);

        Assert.All(second, r => Assert.Equal(BatchStepStatus.Signed, r.Status));
        for (var i = 0; i < 8; i++)
        {
            var output = await TestPdfs.PdfsigAsync(Path.Combine(batch.OutputFolder, $"d{i}.pdf"));
            Assert.Equal(i % 2 == 0 ? 2 : 1, TestPdfs.Count(output, "Signature is Valid"));
            Assert.Equal(i % 2 == 0 ? 2 : 1, TestPdfs.Count(output, "Signature #"));
            Assert.Equal(i % 2 == 0 ? 2 : 1, TestPdfs.Count(output, "Signature Type: ETSI.CAdES.detached"));
        }
    }

    private sealed class Progress(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }
}

/// <summary>The policy's visible appearance per role, drawn on the page (rendered by pdftoppm).</summary>
public sealed class BatchAppearanceTests : IDisposable
{
    private readonly BatchWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task Only_the_role_with_an_appearance_signs_visibly_in_its_rectangle()
    {
        var pdftoppm = ExternalTool.Require("pdftoppm", "poppler-utils");
        var batch = SigningBatch.Load(workspace.Manifest(1, appearance: new Dictionary<string, object>
        {
            ["director-general"] = new { page = 1, x = 300, y = 60, width = 220, height = 70 },
        }));

        var results = await BatchWorkspace.RunAsync(batch);

        Assert.Equal(BatchStepStatus.Signed, Assert.Single(results).Status);
        var path = Path.Combine(batch.OutputFolder, "d0.pdf");
        Assert.Equal(2, TestPdfs.Count(await TestPdfs.PdfsigAsync(path), "Signature is Valid"));
        Assert.Equal(1, TestPdfs.Count(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(path)), "/FontFile2"));
        var render = await ExternalTool.RunAsync(pdftoppm, ["-r", "72", "-f", "1", "-l", "1", path, workspace.File("page")]);
        Assert.True(render.ExitCode == 0, render.ToString());
        var image = await File.ReadAllBytesAsync(Directory.GetFiles(workspace.Folder, "page*.ppm").Single());
        Assert.Equal((240, 245, 255), Pixel(image, x: 510, y: 842 - 64));
        Assert.Equal((255, 255, 255), Pixel(image, x: 200, y: 842 - 64));
    }

    [Fact]
    public void An_appearance_for_a_role_the_policy_does_not_know_is_refused()
    {
        var manifest = workspace.Manifest(1, appearance: new Dictionary<string, object> { ["mayor"] = new { page = 1, x = 0, y = 0, width = 10, height = 10 } });

        var error = Assert.Throws<SecurityKitException>(() => SigningBatch.Load(manifest));

        Assert.Equal("appearance.mayor", error.Location);
    }

    [Fact]
    public void An_appearance_without_area_is_refused()
    {
        var manifest = workspace.Manifest(1, appearance: new Dictionary<string, object> { ["director-general"] = new { page = 1, x = 0, y = 0, width = 0, height = 10 } });

        Assert.Throws<SecurityKitException>(() => SigningBatch.Load(manifest));
    }

    /// <summary>RGB of a pixel of a binary PPM ("P6\n&lt;w&gt; &lt;h&gt;\n255\n" then RGB triples).</summary>
    private static (int, int, int) Pixel(byte[] ppm, int x, int y)
    {
        var fields = 0;
        var offset = 0;
        while (fields < 4)
        {
            while (char.IsWhiteSpace((char)ppm[offset]))
            {
                offset++;
            }

            while (!char.IsWhiteSpace((char)ppm[offset]))
            {
                offset++;
            }

            fields++;
        }

        var header = Encoding.ASCII.GetString(ppm, 0, offset).Split((char[])['\n', ' ', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var width = int.Parse(header[1], System.Globalization.CultureInfo.InvariantCulture);
        var i = offset + 1 + (3 * ((y * width) + x));
        return (ppm[i], ppm[i + 1], ppm[i + 2]);
    }
}
