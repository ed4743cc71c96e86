// Deep Learning with Python (1st ed.) §5.2.5, "Using data augmentation", in C#: listings 5.11-5.15 in the book's
// order, then the curves of listing 5.10, each Keras line quoted above the C# that does it. The book's first model
// (listings 5.5-5.10, no augmentation, no dropout) is the same code without the Dropout layer and the augmentation
// options. The npm sample's photos are 32×32 where the book resizes to 150×150, so SIZE defaults to 32 and the
// fourth conv block (which 32×32 inputs are too small for) is added only from 100 pixels up.
// Usage: dotnet run -c Release --project samples/CatsVsDogs -- [DATA_DIR=data/cats-vs-dogs] [EPOCHS=30] [SIZE=32] [OUT=runs/samples/cats-vs-dogs]
// Everything it writes goes to OUT (runs/ is in .gitignore).
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
int size = args.Length > 2 ? int.Parse(args[2]) : 32;
string outDir = Directory.CreateDirectory(args.Length > 3 ? args[3] : Path.Combine("runs", "samples", "cats-vs-dogs")).FullName;

// Listing 5.4 copies the Kaggle photos into train/validation/test folders of cats/ and dogs/; the npm sample
// arrives in that layout.
CatsVsDogs.Fetch(baseDir, Console.Out);
// train_dir = os.path.join(base_dir, 'train'); validation_dir = os.path.join(base_dir, 'validation')
string trainDir = Path.Combine(baseDir, "train");
string validationDir = Path.Combine(baseDir, "validation");

// Listing 5.11: setting up a data augmentation configuration via ImageDataGenerator.
// datagen = ImageDataGenerator(
var datagen = new ImageDataGenerator(new ImageDataGeneratorOptions
{
    RotationRange = 40,        // rotation_range=40,
    WidthShiftRange = 0.2,     // width_shift_range=0.2,
    HeightShiftRange = 0.2,    // height_shift_range=0.2,
    ShearRange = 0.2,          // shear_range=0.2,
    ZoomRange = 0.2,           // zoom_range=0.2,
    HorizontalFlip = true,     // horizontal_flip=True,
    FillMode = FillMode.Nearest, // fill_mode='nearest')
});

// Listing 5.12: displaying some randomly augmented training images.
// fnames = [os.path.join(train_cats_dir, fname) for fname in os.listdir(train_cats_dir)]
string[] fnames = Directory.GetFiles(Path.Combine(trainDir, "cats")).Order().ToArray(); // sorted: os.listdir's order is the file system's
// img_path = fnames[3]
string imgPath = fnames[3];
// img = image.load_img(img_path, target_size=(150, 150)); x = image.img_to_array(img)
var x = ImageLoader.LoadImage(imgPath, targetSize: (size, size));
// x = x.reshape((1,) + x.shape)
x = x.Reshape([1, .. x.Shape]);
// for batch in datagen.flow(x, batch_size=1): plt.imshow(image.array_to_img(batch[0])); i += 1; if i % 4 == 0: break
// The four figures become one grid image, the original first.
using (var flow = datagen.Flow(x, batchSize: 1, seed: 1))
{
    var shown = new List<Tensor> { x.Slice0(0) };
    for (int i = 0; i < 4; i++) shown.Add(flow.Next().X.Slice0(0));
    // plt.show()
    ImageGrid.Save(Path.Combine(outDir, "augmented_cats.png"), shown, columns: 5);
}

// Listing 5.13: defining a new convnet that includes dropout.
// model = models.Sequential()
var model = new Sequential(seed: 1)
{
    new Conv2D(32, 3, activation: "relu", inputShape: [size, size, 3]), // model.add(layers.Conv2D(32, (3, 3), activation='relu', input_shape=(150, 150, 3)))
    new MaxPooling2D(2),                                                 // model.add(layers.MaxPooling2D((2, 2)))
    new Conv2D(64, 3, activation: "relu"),                               // model.add(layers.Conv2D(64, (3, 3), activation='relu'))
    new MaxPooling2D(2),                                                 // model.add(layers.MaxPooling2D((2, 2)))
    new Conv2D(128, 3, activation: "relu"),                              // model.add(layers.Conv2D(128, (3, 3), activation='relu'))
    new MaxPooling2D(2),                                                 // model.add(layers.MaxPooling2D((2, 2)))
};
if (size >= 100)
{
    model.Add(new Conv2D(128, 3, activation: "relu"));                  // model.add(layers.Conv2D(128, (3, 3), activation='relu'))
    model.Add(new MaxPooling2D(2));                                      // model.add(layers.MaxPooling2D((2, 2)))
}
model.Add(new Flatten());                                                // model.add(layers.Flatten())
model.Add(new Dropout(0.5));                                             // model.add(layers.Dropout(0.5))
model.Add(new Dense(512, activation: "relu"));                           // model.add(layers.Dense(512, activation='relu'))
model.Add(new Dense(1, activation: "sigmoid"));                          // model.add(layers.Dense(1, activation='sigmoid'))
// model.compile(loss='binary_crossentropy', optimizer=optimizers.RMSprop(lr=1e-4), metrics=['acc'])
model.Compile(new RMSprop(learningRate: 1e-4), new BinaryCrossentropy(), "acc");
model.Summary(Console.Out);

// Listing 5.14: training the convnet using data-augmentation generators.
// train_datagen = ImageDataGenerator(rescale=1./255, rotation_range=40, ..., horizontal_flip=True,)
// The book repeats listing 5.11's options and adds the rescale; a copy of them with the rescale says the same.
var trainDatagen = new ImageDataGenerator(datagen.Options with { Rescale = 1.0 / 255 });
// test_datagen = ImageDataGenerator(rescale=1./255)   (validation data is never augmented)
var testDatagen = new ImageDataGenerator(new ImageDataGeneratorOptions { Rescale = 1.0 / 255 });
// train_generator = train_datagen.flow_from_directory(train_dir, target_size=(150, 150), batch_size=32, class_mode='binary')
using var trainGenerator = trainDatagen.FlowFromDirectory(trainDir, targetSize: (size, size), batchSize: 32, classMode: ClassMode.Binary, seed: 1);
// validation_generator = test_datagen.flow_from_directory(validation_dir, target_size=(150, 150), batch_size=32, class_mode='binary')
using var validationGenerator = testDatagen.FlowFromDirectory(validationDir, targetSize: (size, size), batchSize: 32, classMode: ClassMode.Binary, shuffle: false);
// history = model.fit_generator(train_generator, steps_per_epoch=100, epochs=100, validation_data=validation_generator, validation_steps=50)
// The book's step counts cover its 2,000 training and 1,000 validation photos; here each epoch is one pass over
// each folder, whatever its size.
var history = model.Fit(trainGenerator, new FitOptions { Epochs = epochs, ValidationData = validationGenerator });

// Listing 5.15: saving the model.
// model.save('cats_and_dogs_small_2.h5')
model.Save(Path.Combine(outDir, "cats_and_dogs_small_2.h5"));

// Listing 5.10's plotting code, run again for this model: acc/val_acc and loss/val_loss against the epochs,
// training as dots ('bo') and validation as a line ('b'), one figure each.
foreach (string plot in TrainingCurves.Save(history, Path.Combine(outDir, "cats_and_dogs_small_2_")))
    Console.WriteLine($"wrote {plot}");
