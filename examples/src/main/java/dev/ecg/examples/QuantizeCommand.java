package dev.ecg.examples;

import dev.ecg.io.Record;
import dev.ecg.io.Records;
import dev.ecg.models.ModelPackager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ecg quantize}: adds the int8 graph ({@code model.int8.onnx}) to an unpacked model
 * package, calibrated on windows its own preprocessing makes from the given records.
 */
@Command(name = "quantize", mixinStandardHelpOptions = true,
    description = "Add an int8 graph (model.int8.onnx) to a model package folder, calibrated on "
        + "training records; classify and evaluate run it with the precision option INT8.")
final class QuantizeCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "an unpacked package folder with "
      + "DJL parameters (it is changed in place)")
  Path model;

  @Option(names = "--max-windows", defaultValue = "512", description = "most calibration "
      + "windows, spread evenly over all the records give (default 512)")
  int maxWindows;

  @Parameters(arity = "1..*", paramLabel = "RECORD", description = "calibration records, any "
      + "format 'ecg classify' reads (WFDB header, EDF, MAT, CSV); use training data, never the "
      + "data you evaluate on")
  List<Path> records;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(model)) {
      System.err.println("ecg quantize: " + model + " is not a package folder (unzip a .zip "
          + "package first)");
      return 2;
    }
    List<Record> recs = new ArrayList<>();
    for (Path p : records) {
      recs.add(Records.read(p));
    }
    long t0 = System.nanoTime();
    int n = ModelPackager.addInt8(model, recs, maxWindows);
    System.err.printf("ecg quantize: %s/%s written from %d calibration windows of %d "
        + "record(s) in %.1f s%n", model, ModelPackager.INT8_FILE, n, recs.size(),
        (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
