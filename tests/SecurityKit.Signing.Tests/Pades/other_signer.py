"""An independent PDF signer for the tests: appends an adbe.pkcs7.detached signature made by `openssl cms`.
Written for classic-xref inputs whose catalog is object 1 and first page object 3 (TestPdfs.Classic)."""
import re, subprocess, sys, tempfile, os

src, dst, cert, key = sys.argv[1:5]
pdf = open(src, "rb").read()
size = int(re.search(rb"/Size (\d+)", pdf).group(1))
prev = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
page = re.search(rb"\n3 0 obj\n(.*?)\nendobj", pdf, re.S).group(1)
page = page[: page.rindex(b">>")] + b" /Annots [%d 0 R] >>" % (size + 1)
sig, widget = size, size + 1
capacity = 8192
objs = {
    1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%d 0 R] /SigFlags 3 >> >>" % widget,
    3: page,
    sig: b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /M (D:20260101120000Z) "
         b"/ByteRange [0 0000000000 0000000000 0000000000] /Contents <" + b"0" * (2 * capacity) + b"> >>",
    widget: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Other) /V %d 0 R /Rect [0 0 0 0] /F 132 /P 3 0 R >>" % sig,
}
out = bytearray(pdf)
offsets = {}
for n in sorted(objs):
    offsets[n] = len(out)
    out += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
xref = len(out)
out += b"xref\n"
for n in sorted(objs):
    out += b"%d 1\n%010d 00000 n\r\n" % (n, offsets[n])
out += b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size + 2, prev, xref)
c0 = out.index(b"/Contents <", offsets[sig]) + len(b"/Contents ")
c1 = c0 + 2 * capacity + 2
rng = b"[0 %d %d %d]" % (c0, c1, len(out) - c1)
b0 = out.index(b"[0 0000000000 0000000000 0000000000]", offsets[sig])
out[b0 : b0 + 36] = rng.ljust(36)
with tempfile.TemporaryDirectory() as t:
    data = os.path.join(t, "data")
    open(data, "wb").write(bytes(out[:c0]) + bytes(out[c1:]))
    der = subprocess.run(["openssl", "cms", "-sign", "-binary", "-outform", "DER", "-md", "sha256",
                          "-in", data, "-signer", cert, "-inkey", key], check=True, capture_output=True).stdout
hexsig = der.hex().upper().encode()
out[c0 + 1 : c0 + 1 + len(hexsig)] = hexsig
open(dst, "wb").write(out)
