using AugNet.Persistence;

namespace AugNet.Tests.Persistence;

/// <summary><see cref="ModelFile.FromKerasConfigJson"/>: Keras's model_from_json, a new model with seeded weights.</summary>
public class KerasConfigJsonTests
{
    const string Config = """
        {"class_name": "Sequential", "config": {"name": "tiny", "layers": [
          {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 8, 8, 1], "dtype": "float32", "name": "input_1"}},
          {"class_name": "Conv2D", "config": {"name": "conv", "filters": 2, "kernel_size": [3, 3], "activation": "relu"}},
          {"class_name": "Flatten", "config": {"name": "flatten"}},
          {"class_name": "Dense", "config": {"name": "out", "units": 4, "activation": "softmax"}}]}}
        """;

    [Fact]
    public void BuildsTheLayersWithWeightsInitialisedFromTheSeed()
    {
        var model = ModelFile.FromKerasConfigJson(Config, seed: 5);
        Assert.Equal([8, 8, 1], model.InputShape!);
        Assert.Equal([4], model.OutputShape!);
        Assert.Equal(["InputLayer", "Conv2D", "Flatten", "Dense"], model.Layers.Select(l => l.TypeName));
        Assert.Null(model.Loss); // uncompiled, as model_from_json
        var weights = model.GetWeights();
        Assert.Contains(weights[0], w => w != 0); // initialised, not left for a weights file
        Assert.Equal(weights, ModelFile.FromKerasConfigJson(Config, seed: 5).GetWeights());
        Assert.NotEqual(weights[0], ModelFile.FromKerasConfigJson(Config, seed: 6).GetWeights()[0]);
    }

    [Theory]
    [InlineData("[1, 2", "not valid JSON")]
    [InlineData("""{"class_name": "Sequential", "config": {"layers": []}}""", "no layers")]
    [InlineData("""{"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense", "config": {"units": "many"}}]}}""", "option 'units'")]
    public void ABadConfigIsInvalidData(string json, string message) =>
        Assert.Contains(message, Assert.Throws<InvalidDataException>(() => ModelFile.FromKerasConfigJson(json)).Message);
}
