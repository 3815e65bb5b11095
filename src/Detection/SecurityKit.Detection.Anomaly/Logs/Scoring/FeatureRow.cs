using Microsoft.ML;
using Microsoft.ML.Data;

namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>One ML.NET row: a window's feature vector and, for the supervised model, its label.</summary>
internal sealed class FeatureRow
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public static SchemaDefinition Schema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }
}

/// <summary>The output column of the PCA anomaly detector.</summary>
internal sealed class PcaOutput
{
    public float Score { get; set; }
}

/// <summary>The output column of the supervised classifier.</summary>
internal sealed class ClassifierOutput
{
    public float Probability { get; set; }
}
