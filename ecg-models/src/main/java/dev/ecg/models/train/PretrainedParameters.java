package dev.ecg.models.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.Architectures;
import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.pkg.ModelPackageException;
import dev.ecg.models.pkg.WeightFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parameter values of a trained network, by DJL parameter name (e.g.
 * {@code 01Conv1d_weight}, see docs/training.md), for warm starts: read them from a model package
 * or a DJL {@code .params} file, adapt them (drop the output layer, widen the first convolution)
 * and hand them to {@link EcgTrainer.Builder#optInitialParameters}. Plain Java arrays, so callers
 * outside {@code ecg-models} never touch DJL. This is the usual transfer-learning recipe (Yosinski
 * et al., "How transferable are features in deep neural networks?", NeurIPS 2014): copy the
 * feature layers, start a new classification head, fine-tune everything.
 */
public final class PretrainedParameters {
  private static final Pattern EPOCH = Pattern.compile("(.+?)(-\\d{4})?\\.params");

  private PretrainedParameters() {}

  /**
   * One parameter tensor, row-major.
   *
   * @param shape dimensions
   * @param values {@code product(shape)} values
   */
  public record Tensor(long[] shape, float[] values) {
    /**
     * Checks that the values fill the shape.
     *
     * @throws EcgArgumentException if they do not
     */
    public Tensor {
      long n = 1;
      for (long d : shape) {
        if (d < 0) {
          throw new EcgArgumentException("negative dimension in " + Arrays.toString(shape));
        }
        n *= d;
      }
      if (n != values.length) {
        throw new EcgArgumentException("shape " + Arrays.toString(shape) + " holds " + n
            + " values, got " + values.length);
      }
      shape = shape.clone();
    }

    @Override
    public long[] shape() {
      return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Tensor t && Arrays.equals(shape, t.shape)
          && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Tensor" + Arrays.toString(shape);
    }
  }

  /**
   * Reads the DJL parameters of a model package (its architecture is rebuilt from the manifest).
   *
   * @param pkg an open package with a DJL weight file and an architecture
   * @return parameter name to values, in the block's order
   * @throws ModelPackageException if the package has no DJL weights or architecture
   */
  public static Map<String, Tensor> read(ModelPackage pkg) throws ModelPackageException {
    ModelManifest m = pkg.manifest();
    Optional<WeightFile> djl = m.weight(WeightFile.Format.DJL);
    if (djl.isEmpty() || m.architecture() == null) {
      throw new ModelPackageException(pkg.source() + ": warm starts need DJL params and an "
          + "architecture in the manifest");
    }
    Architecture arch = Architectures.create(m.architecture().name(),
        m.architecture().hyperparameters());
    try {
      return read(arch, pkg.file(djl.get()));
    } catch (IOException e) {
      throw new ModelPackageException(pkg.source() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a DJL {@code <prefix>[-NNNN].params} file written for an architecture.
   *
   * @param arch the architecture the file was saved from
   * @param paramsFile the file
   * @return parameter name to values, in the block's order
   * @throws IOException if the file does not load into the architecture
   */
  public static Map<String, Tensor> read(Architecture arch, Path paramsFile) throws IOException {
    String file = paramsFile.getFileName().toString();
    Matcher mt = EPOCH.matcher(file);
    if (!mt.matches()) {
      throw new IOException(paramsFile + ": DJL parameter files are named <prefix>[-NNNN].params");
    }
    dev.ecg.models.engine.PyTorchAvailability.require("reading DJL parameters");
    dev.ecg.models.engine.OneDnnPolicy.apply(); // before libtorch's first use
    try (Model model = Model.newInstance(mt.group(1), Device.cpu(), "PyTorch")) {
      model.setBlock(arch.build());
      try {
        model.load(paramsFile.toAbsolutePath().getParent(), mt.group(1));
      } catch (MalformedModelException | RuntimeException e) {
        throw new IOException(paramsFile + ": cannot load into " + arch.name() + ": "
            + e.getMessage(), e);
      }
      return values(model.getBlock());
    }
  }

  /**
   * The parameter shapes of an architecture, by name (the block is built and initialised on the
   * CPU once, without training).
   *
   * @param arch an architecture
   * @return parameter name to shape, in the block's order
   */
  public static Map<String, long[]> shapes(Architecture arch) {
    dev.ecg.models.engine.PyTorchAvailability.require("reading DJL parameters");
    dev.ecg.models.engine.OneDnnPolicy.apply(); // before libtorch's first use
    try (NDManager mgr = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Block b = arch.build();
      b.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
      b.initialize(mgr, ai.djl.ndarray.types.DataType.FLOAT32, arch.inputShape(1));
      Map<String, long[]> out = new LinkedHashMap<>();
      for (Pair<String, Parameter> p : b.getParameters()) {
        out.put(p.getKey(), p.getValue().getArray().getShape().getShape());
      }
      return Collections.unmodifiableMap(out);
    }
  }

  static Map<String, Tensor> values(Block block) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray a = p.getValue().getArray();
      out.put(p.getKey(), new Tensor(a.getShape().getShape(),
          a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray()));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Copies values into an initialised block.
   *
   * @param block the block
   * @param initial name to values
   * @throws EcgArgumentException naming the parameter when a name is unknown or a shape differs
   */
  static void apply(Block block, Map<String, Tensor> initial) {
    Map<String, Parameter> byName = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      byName.put(p.getKey(), p.getValue());
    }
    for (Map.Entry<String, Tensor> e : initial.entrySet()) {
      Parameter p = byName.get(e.getKey());
      if (p == null) {
        throw new EcgArgumentException("initial parameter '" + e.getKey() + "' is not a "
            + "parameter of the architecture; it has " + byName.keySet());
      }
      NDArray a = p.getArray();
      long[] want = a.getShape().getShape();
      if (!Arrays.equals(want, e.getValue().shape)) {
        throw new EcgArgumentException("initial parameter '" + e.getKey() + "' has shape "
            + Arrays.toString(e.getValue().shape) + ", the architecture needs "
            + Arrays.toString(want));
      }
      if (a.getDataType() != ai.djl.ndarray.types.DataType.FLOAT32) {
        throw new EcgArgumentException("initial parameter '" + e.getKey() + "' is "
            + a.getDataType() + ", only FLOAT32 parameters can be set");
      }
      a.set(java.nio.FloatBuffer.wrap(e.getValue().values));
    }
  }
}
