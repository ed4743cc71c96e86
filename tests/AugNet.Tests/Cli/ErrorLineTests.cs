namespace AugNet.Tests.Cli;

/// <summary>
/// A refused value is one line on stderr, "augnet: " and the library's (Keras's) message, with .NET's
/// " (Parameter 'x')" and "Actual value was …" tails removed, and exit code 1.
/// </summary>
[Collection("Cli")]
public class ErrorLineTests(CliFixture f)
{
    string Image => Path.Combine(f.Rgb, "green", "green.0.png");

    string Refusal(params string[] flags)
    {
        string output = Path.Combine(f.Root, "refused.png");
        var r = CliRunner.Run(["preview", Image, .. flags, "--out", output]);
        Assert.Equal(1, r.Code);
        Assert.Empty(r.Out);
        Assert.False(File.Exists(output));
        string line = Assert.Single(r.ErrLines);
        Assert.DoesNotContain("(Parameter '", line);
        Assert.DoesNotContain("Actual value was", line);
        return line;
    }

    [Theory]
    [InlineData("--zoom-range", "1,2,3", "`zoom_range` should be a float or a tuple or list of two floats. Received: [1, 2, 3]")]
    [InlineData("--zoom-range", "wide", "`zoom_range` should be a float or a tuple or list of two floats. Received: wide")]
    [InlineData("--brightness-range", "0.5", "`brightness_range should be tuple or list of two floats. Received: 0.5")]
    [InlineData("--validation-split", "1.5", "`validation_split` must be strictly between 0 and 1.  Received: 1.5")]
    [InlineData("--validation-split", "5", "`validation_split` must be strictly between 0 and 1.  Received: 5")]
    [InlineData("--fill-mode", "mirror", "`fill_mode` must be one of 'constant', 'nearest', 'reflect' or 'wrap'. Received: mirror")]
    [InlineData("--data-format", "nchw", "`data_format` should be `\"channels_last\"` (channel after row and column) or `\"channels_first\"` (channel before row and column). Received: nchw")]
    [InlineData("--horizontal-flip", "yes", "`horizontal_flip` should be a boolean. Received: yes")]
    [InlineData("--rescale", "abc", "`rescale` should be a number. Received: abc")]
    [InlineData("--width-shift-range", "[a,b]", "`width_shift_range` should be a float, an int or a 1-D list of numbers. Received: ['a', 'b']")]
    [InlineData("--dtype", "float64", "`dtype` must be 'float32': AugNet's tensors are float32. Received: float64")]
    public void ABadGeneratorValueIsKerassMessageOnOneLine(string flag, string value, string message) =>
        Assert.Equal("augnet: " + message, Refusal(flag, value));

    [Fact]
    public void RangeErrorsSayReceivedOnce()
    {
        // ArgumentOutOfRangeException: the message ends in " (Parameter 'rotation_range')" and a line
        // "Actual value was -5." that would repeat what "Received:" already says.
        Assert.Equal("augnet: `rotation_range` must be a finite, non-negative number. Received: -5.0", Refusal("--rotation-range", "-5"));
        Assert.Equal("augnet: `interpolation_order` must be a spline order between 0 and 5. Received: 7", Refusal("--interpolation-order", "7"));
    }

    [Fact]
    public void ACommandsOwnCheckIsOneLineToo() =>
        Assert.Equal("augnet: --count must be between 1 and 1000, got 0.", Refusal("--count", "0"));
}
