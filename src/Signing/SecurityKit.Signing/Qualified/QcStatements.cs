using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Signing.Qualified;

/// <summary>
/// The QC statements of a certificate (ETSI EN 319 412-5 §4): whether it claims to be an EU qualified certificate,
/// whether its key is in a QSCD, and for which purposes (esign, eseal, web). These are claims of the certificate
/// only; a qualification decision also needs the issuer's status on an EU trusted list (ETSI TS 119 615).
/// </summary>
public sealed record QcStatements(bool QcCompliance, bool QcSscd, IReadOnlyList<string> QcTypes, string? Semantics)
{
    /// <summary>No QC statements.</summary>
    public static QcStatements None { get; } = new(false, false, [], null);

    /// <summary>Reads the qcStatements extension of <paramref name="certificate"/>.</summary>
    /// <exception cref="SecurityKitException">The extension is present but malformed.</exception>
    public static QcStatements Read(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions[QcStatementOids.QcStatementsExtension];
        return extension is null ? None : Decode(extension.RawData);
    }

    /// <summary>Decodes a qcStatements extension value (RFC 3739 §3.2.6 QCStatements).</summary>
    public static QcStatements Decode(ReadOnlyMemory<byte> extensionValue)
    {
        try
        {
            var compliance = false;
            var sscd = false;
            string? semantics = null;
            var types = new List<string>();
            var statements = new AsnReader(extensionValue, AsnEncodingRules.BER).ReadSequence();
            while (statements.HasData)
            {
                var statement = statements.ReadSequence();
                var id = statement.ReadObjectIdentifier();
                switch (id)
                {
                    case QcStatementOids.QcCompliance:
                        compliance = true;
                        break;
                    case QcStatementOids.QcSscd:
                        sscd = true;
                        break;
                    case QcStatementOids.QcType when statement.HasData:
                        var list = statement.ReadSequence();
                        while (list.HasData)
                        {
                            types.Add(TypeName(list.ReadObjectIdentifier()));
                        }

                        break;
                    case QcStatementOids.PkixQcSyntaxV2 when statement.HasData:
                        var info = statement.ReadSequence();
                        if (info.HasData && info.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
                        {
                            semantics = info.ReadObjectIdentifier() switch
                            {
                                QcStatementOids.SemanticsNatural => "natural person",
                                QcStatementOids.SemanticsLegal => "legal person",
                                var other => other,
                            };
                        }

                        break;
                }
            }

            return new QcStatements(compliance, sscd, types, semantics);
        }
        catch (AsnContentException e)
        {
            throw new SecurityKitException("the qcStatements extension is malformed", "certificate qcStatements", e);
        }
    }

    /// <summary>
    /// Encodes a qcStatements extension value: QcCompliance, optionally QcSSCD, QcType with the given type OIDs, and
    /// the semantics identifier in id-qcs-pkixQCSyntax-v2.
    /// </summary>
    public static byte[] Encode(bool sscd, IEnumerable<string> qcTypeOids, string? semanticsOid, string? pdsUrl = null)
    {
        ArgumentNullException.ThrowIfNull(qcTypeOids);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            if (semanticsOid is not null)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(QcStatementOids.PkixQcSyntaxV2);
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(semanticsOid);
                    }
                }
            }

            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(QcStatementOids.QcCompliance);
            }

            if (sscd)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(QcStatementOids.QcSscd);
                }
            }

            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(QcStatementOids.QcType);
                using (writer.PushSequence())
                {
                    foreach (var type in qcTypeOids)
                    {
                        writer.WriteObjectIdentifier(type);
                    }
                }
            }

            if (pdsUrl is not null)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(QcStatementOids.QcPds);
                    using (writer.PushSequence())
                    {
                        using (writer.PushSequence())
                        {
                            writer.WriteCharacterString(UniversalTagNumber.IA5String, pdsUrl);
                            writer.WriteCharacterString(UniversalTagNumber.PrintableString, "en");
                        }
                    }
                }
            }
        }

        return writer.Encode();
    }

    private static string TypeName(string oid) => oid switch
    {
        QcStatementOids.QcTypeESign => "esign",
        QcStatementOids.QcTypeESeal => "eseal",
        QcStatementOids.QcTypeWeb => "web",
        _ => oid,
    };
}
