using Org.BouncyCastle.Crypto.Parameters;
using SecurityKit.Signing.Algorithms;

namespace SecurityKit.Signing.Keys;

/// <summary>Maps BouncyCastle's ML-DSA parameter sets (pure mode only) to this library's algorithms.</summary>
internal static class MlDsaParameterSets
{
    public static SignatureAlgorithm? AlgorithmFor(MLDsaParameters parameters) =>
        ReferenceEquals(parameters, MLDsaParameters.ml_dsa_44) ? SignatureAlgorithm.MlDsa44
        : ReferenceEquals(parameters, MLDsaParameters.ml_dsa_65) ? SignatureAlgorithm.MlDsa65
        : ReferenceEquals(parameters, MLDsaParameters.ml_dsa_87) ? SignatureAlgorithm.MlDsa87
        : null;
}
