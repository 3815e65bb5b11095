using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace SecurityKit.Crypto.Inventory;

/// <summary>CMS SignedData (RFC 5652 §5), as in CAdES .p7s/.p7m files and PDF signatures.</summary>
internal static class CmsScanner
{
    public static bool TryScan(string path, byte[] der, string context, InventoryBuilder builder)
    {
        var cms = new SignedCms();
        try
        {
            cms.Decode(der);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var index = 0;
        foreach (var signer in cms.SignerInfos)
        {
            index++;
            var who = signer.Certificate?.Subject ?? "(signer certificate not included)";
            var occurrence = new AssetOccurrence(path, $"{context}signer {index} {who}");
            builder.AlgorithmByOid(signer.DigestAlgorithm.Value ?? string.Empty, occurrence with { Context = occurrence.Context + ", digest" });
            var signatureOid = signer.SignatureAlgorithm.Value ?? string.Empty;
            if (signatureOid is "1.2.840.113549.1.1.1" or "1.2.840.10045.2.1" && signer.Certificate is not null)
            {
                // RSA/EC key OIDs as signature algorithm (common in CMS): name it with the signer's key size.
                var descriptor = InventoryBuilder.KeyDescriptor(signer.Certificate.PublicKey);
                if (descriptor is not null)
                {
                    builder.Algorithm(descriptor, occurrence with { Context = occurrence.Context + ", signature" });
                }
            }
            else
            {
                builder.AlgorithmByOid(signatureOid, occurrence with { Context = occurrence.Context + ", signature" });
            }
        }

        foreach (var certificate in cms.Certificates)
        {
            using (certificate)
            {
                builder.Certificate(certificate, path, "p7s", context);
            }
        }

        return true;
    }
}
