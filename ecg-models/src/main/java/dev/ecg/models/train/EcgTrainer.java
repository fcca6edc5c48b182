package dev.ecg.models.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.metrics.CincScore;
import dev.ecg.core.metrics.ConfusionMatrix;
import dev.ecg.core.metrics.RocAuc;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.device.DeviceChoice;
import dev.ecg.models.device.DeviceProbe;
import dev.ecg.models.device.DeviceSelection;
import dev.ecg.models.device.DeviceSelector;
import dev.ecg.models.device.DjlDeviceProbe;
import dev.ecg.models.engine.KernelSelfTest;
import dev.ecg.models.engine.NativeMemory;
import dev.ecg.models.pkg.Provenance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an {@link Architecture} on labelled ECG examples with DJL. Named {@code EcgTrainer} so it
 * is not confused with {@link ai.djl.training.Trainer}, which it uses inside.
 *
 * <pre>{@code
 * EcgTrainer trainer = EcgTrainer.builder()
 *     .setArchitecture(Architectures.kachueeResNet(187, 5))
 *     .optEpochs(30).optBatchSize(64)
 *     .optOptimizer(OptimizerConfig.adamW(1e-3, 1e-2))
 *     .optLrSchedule(LrSchedule.reduceOnPlateau(0.5, 3, 1e-5))
 *     .optClassWeights(weights)
 *     .optEarlyStopping(EvalMetric.MACRO_F1, 5)
 *     .build();
 * try (TrainingResult r = trainer.fit(trainX, trainY, valX, valY)) {
 *   System.out.println(r.history().toJson());
 * }
 * }</pre>
 *
 * <p>Each epoch: the sampler gives the epoch's indices (generator seeded from {@code (seed,
 * epoch)}), batches are fetched from the {@link EcgDataset}, the loss is back-propagated, the
 * global gradient norm is optionally clipped and the optimizer steps. After the epoch the
 * validation data (if any) are scored, one INFO line is logged, listeners are called, the
 * schedule is updated and, when the monitored value improved, the parameters are saved as the
 * best checkpoint. At the end the best parameters are restored into the returned model.
 *
 * <p>Determinism: with the same seed, data, configuration and thread count, two runs on the CPU
 * give bit-identical weights (the engine's random seed is set before initialisation, so weight
 * initialisation and dropout repeat, and shuffling uses a seeded Java generator). The last
 * partial batch is kept. Instances are immutable and can fit repeatedly.
 */
public final class EcgTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(EcgTrainer.class);

  /** The default seed, so that runs repeat unless asked otherwise. */
  public static final long DEFAULT_SEED = 20240601L;

  private final Architecture architecture;
  private final int epochs;
  private final int batchSize;
  private final OptimizerConfig optimizer;
  private final LrSchedule schedule;
  private final double[] classWeights;
  private final double focalGamma;
  private final IndexSampler sampler;
  private final EvalMetric earlyStoppingMetric;
  private final int patience;
  private final EvalMetric monitor;
  private final Set<EvalMetric> metrics;
  private final double clipNorm;
  private final long seed;
  private final DeviceChoice deviceChoice;
  private final DeviceProbe deviceProbe;
  private final Path checkpointDir;
  private final List<ProgressListener> listeners;
  private final Map<String, PretrainedParameters.Tensor> initialParameters;
  private final boolean nativeMemoryTuning;

  private EcgTrainer(Builder b) {
    this.architecture = b.architecture;
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.optimizer = b.optimizer;
    this.schedule = b.schedule;
    this.classWeights = b.classWeights == null ? null : b.classWeights.clone();
    this.focalGamma = b.focalGamma;
    this.sampler = b.sampler;
    this.earlyStoppingMetric = b.earlyStoppingMetric;
    this.patience = b.patience;
    this.monitor = b.monitor != null ? b.monitor : b.earlyStoppingMetric;
    EnumSet<EvalMetric> m = EnumSet.copyOf(b.metrics);
    if (this.monitor != null && this.monitor != EvalMetric.LOSS) {
      m.add(this.monitor);
    }
    m.remove(EvalMetric.LOSS);
    this.metrics = m;
    this.clipNorm = b.clipNorm;
    this.seed = b.seed;
    this.deviceChoice = b.deviceChoice;
    this.deviceProbe = b.deviceProbe;
    this.checkpointDir = b.checkpointDir;
    this.listeners = List.copyOf(b.listeners);
    this.initialParameters = b.initialParameters;
    this.nativeMemoryTuning = b.nativeMemoryTuning;
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the architecture trained */
  public Architecture architecture() {
    return architecture;
  }

  /** @return the seed */
  public long seed() {
    return seed;
  }

  /**
   * Trains without validation data; the best checkpoint is the epoch with the lowest training
   * loss and early stopping is not available.
   *
   * @param features one flat row per example
   * @param labels one label per example
   * @return the result (close it)
   * @throws EcgArgumentException for inconsistent data
   */
  public TrainingResult fit(float[][] features, int[] labels) {
    return fit(EcgDataset.of(features, labels), null);
  }

  /**
   * @param features training rows
   * @param labels training labels
   * @param valFeatures validation rows
   * @param valLabels validation labels
   * @return the result (close it)
   * @throws EcgArgumentException for inconsistent data
   */
  public TrainingResult fit(float[][] features, int[] labels, float[][] valFeatures, int[] valLabels) {
    return fit(EcgDataset.of(features, labels), EcgDataset.of(valFeatures, valLabels));
  }

  /**
   * Trains on a (possibly streaming) dataset.
   *
   * @param train the training data
   * @param validation validation data, or {@code null}
   * @return the result (close it)
   * @throws EcgArgumentException for data that do not fit the architecture, labels out of range,
   *     or early stopping on a metric without validation data
   * @throws UncheckedIOException if the checkpoint cannot be written
   */
  public TrainingResult fit(EcgDataset train, EcgDataset validation) {
    int len = architecture.leads() * architecture.inputLength();
    check(train, "training", len);
    if (validation != null) {
      check(validation, "validation", len);
    } else if (earlyStoppingMetric != null || (monitor != null)) {
      throw new EcgArgumentException(
          "monitoring/early stopping on validation " + monitor + " needs validation data");
    }
    // oneDNN cap where needed, then the known-answer test of the kernels training uses (Conv1d
    // forward/backward, LSTM, GEMM, Adam): refuse to train rather than diverge or learn wrongly.
    dev.ecg.models.engine.PyTorchAvailability.require("training");
    KernelSelfTest.ensurePassed();
    DeviceSelection sel = DeviceSelector.select(deviceChoice, deviceProbe);
    Device device = sel.device();
    Path ckptDir = checkpointDir;
    try {
      if (ckptDir == null) {
        ckptDir = Files.createTempDirectory("ecg-train-");
      } else {
        Files.createDirectories(ckptDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create checkpoint folder " + ckptDir, e);
    }

    if (nativeMemoryTuning) {
      NativeMemory.tuneForTensors(); // asked for by the caller
    } else {
      NativeMemory.tuneIfEnabled(); // only with -Decg.malloc.tune=true
    }
    Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
    Model model = Model.newInstance(architecture.name(), device);
    boolean ok = false;
    try {
      model.setBlock(architecture.build());
      TrainingHistory history = runTraining(model, device, train, validation, ckptDir);
      ok = true;
      return new TrainingResult(
          model, architecture, history, ckptDir, "best", device, sel.reason(), seed,
          trainingRecord(history, device));
    } finally {
      if (!ok) {
        model.close();
      }
    }
  }

  /** What this trainer knows about a finished run, for the package's provenance. */
  private Provenance.Training trainingRecord(TrainingHistory history, Device device) {
    List<Double> weights = null;
    if (classWeights != null) {
      weights = new ArrayList<>();
      for (double w : classWeights) {
        weights.add(w);
      }
    }
    Map<String, String> libs = new LinkedHashMap<>();
    libs.put("ecg-sdk", BuildInfo.sdkVersion());
    libs.put("djl", BuildInfo.djlVersion());
    libs.put("engine", BuildInfo.engineVersion());
    libs.put("java", System.getProperty("java.version"));
    return new Provenance.Training(architecture.name(), architecture.hyperparameters(),
        optimizer.toString(), schedule.toString(), batchSize, epochs, history.epochs().size(),
        history.bestEpoch(),
        earlyStoppingMetric == null ? "none" : earlyStoppingMetric + " patience " + patience,
        history.stoppedEarly(), sampler.toString(), weights, focalGamma, clipNorm, seed,
        device.toString(), libs);
  }

  private void check(EcgDataset d, String what, int len) {
    if (d.size() < 1) {
      throw new EcgArgumentException(what + " data are empty");
    }
    if (d.featureLength() != len) {
      throw new EcgArgumentException(
          what + " examples have " + d.featureLength() + " values but " + architecture.name()
              + " expects leads*inputLength = " + len);
    }
    for (int i = 0; i < d.size(); i++) {
      int y = d.label(i);
      if (y < 0 || y >= architecture.numClasses()) {
        throw new EcgArgumentException(
            what + " label " + i + " is " + y + ", outside [0, " + architecture.numClasses() + ")");
      }
    }
  }

  /** A learning-rate tracker whose value the trainer sets at each epoch start. */
  private static final class EpochTracker implements Tracker {
    private volatile float value;

    EpochTracker(float value) {
      this.value = value;
    }

    @Override
    public float getNewValue(int numUpdate) {
      return value;
    }
  }

  private TrainingHistory runTraining(
      Model model, Device device, EcgDataset train, EcgDataset validation, Path ckptDir) {
    WeightedSoftmaxCrossEntropyLoss loss = new WeightedSoftmaxCrossEntropyLoss(classWeights, focalGamma);
    if (classWeights != null && classWeights.length != architecture.numClasses()) {
      throw new EcgArgumentException(
          classWeights.length + " class weights given for " + architecture.numClasses() + " classes");
    }
    double baseLr = optimizer.learningRate();
    EpochTracker tracker = new EpochTracker((float) baseLr);
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(loss)
            .optOptimizer(optimizer.toDjl(tracker))
            .optDevices(new Device[] {device});
    List<EpochRecord> records = new ArrayList<>();
    String monitorName = monitor == null ? (validation == null ? "trainLoss" : "validationLoss")
        : (monitor == EvalMetric.LOSS ? "validationLoss" : monitor.key());
    boolean higherBetter = monitor != null && monitor.higherIsBetter();
    double best = higherBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    byte[] bestParams = null;
    int sinceBest = 0;
    double plateauBest = Double.NaN;
    int plateauWait = 0;
    double lr = baseLr;
    boolean stoppedEarly = false;
    int len = architecture.leads() * architecture.inputLength();
    try (Trainer trainer = new Trainer(model, config)) {
      trainer.initialize(architecture.inputShape(batchSize));
      Block block = model.getBlock();
      if (initialParameters != null) {
        PretrainedParameters.apply(block, initialParameters);
      }
      long plannedSteps = 0;
      for (int epoch = 1; epoch <= epochs; epoch++) {
        long t0 = System.nanoTime();
        lr = schedule.rate(epoch - 1, baseLr, lr);
        tracker.value = (float) lr;
        int[] order = sampler.epochIndices(train.size(), new SplittableRandom(seed * 1_000_003L + epoch));
        int batches = (order.length + batchSize - 1) / batchSize;
        if (plannedSteps == 0) {
          plannedSteps = (long) batches * epochs;
        }
        double lossSum = 0;
        long seen = 0;
        float[] xb = new float[batchSize * len];
        int[] yb = new int[batchSize];
        for (int b = 0; b < batches; b++) {
          int from = b * batchSize;
          int n = Math.min(batchSize, order.length - from);
          int[] idx = java.util.Arrays.copyOfRange(order, from, from + n);
          train.fetch(idx, xb, yb);
          double batchLoss;
          try (NDManager bm = trainer.getManager().newSubManager()) {
            NDArray x = bm.create(java.util.Arrays.copyOf(xb, n * len), architecture.inputShape(n));
            NDArray y = bm.create(java.util.Arrays.copyOf(yb, n));
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDList pred = trainer.forward(new NDList(x));
              NDArray l = loss.evaluate(new NDList(y), pred);
              gc.backward(l);
              batchLoss = l.toType(DataType.FLOAT32, false).getFloat();
            }
            if (clipNorm > 0) {
              GradientClipping.clipByGlobalNorm(block.getParameters(), clipNorm);
            }
            trainer.step();
          }
          if (!Double.isFinite(batchLoss)) {
            throw new EcgArgumentException(
                "training diverged: loss " + batchLoss + " in epoch " + epoch + ", batch " + (b + 1)
                    + " (lower the learning rate or enable gradient clipping)");
          }
          lossSum += batchLoss * n;
          seen += n;
          double progress = ((double) (epoch - 1) * batches + b + 1) / plannedSteps;
          for (ProgressListener pl : listeners) {
            pl.onBatchEnd(epoch, b + 1, batches, Math.min(1.0, progress), batchLoss);
          }
        }
        double trainLoss = lossSum / seen;
        double valLoss = Double.NaN;
        Map<String, Double> values = new LinkedHashMap<>();
        if (validation != null) {
          valLoss = evaluate(trainer, loss, validation, values);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        EpochRecord rec = new EpochRecord(epoch, trainLoss, valLoss, values, lr, seconds);
        records.add(rec);
        LOG.info(logLine(rec));
        for (ProgressListener pl : listeners) {
          pl.onEpochEnd(rec);
        }
        double current = monitor == null ? (validation == null ? trainLoss : valLoss) : rec.value(monitor);
        boolean improved = higherBetter ? current > best : current < best;
        if (improved || bestParams == null) {
          best = current;
          bestEpoch = epoch;
          bestParams = snapshot(block);
          sinceBest = 0;
          try {
            model.save(ckptDir, "best");
          } catch (IOException e) {
            throw new UncheckedIOException("cannot save checkpoint in " + ckptDir, e);
          }
        } else {
          sinceBest++;
        }
        if (schedule.kind() == LrSchedule.Kind.PLATEAU) {
          boolean better = Double.isNaN(plateauBest) || (higherBetter ? current > plateauBest : current < plateauBest);
          if (better) {
            plateauBest = current;
            plateauWait = 0;
          } else if (++plateauWait > schedule.patience()) {
            lr = Math.max(schedule.minLr(), lr * schedule.factor());
            plateauWait = 0;
          }
        }
        if (earlyStoppingMetric != null && sinceBest >= patience) {
          LOG.info("early stopping after epoch {}: {} has not improved for {} epochs (best {} at epoch {})",
              epoch, monitorName, patience, best, bestEpoch);
          stoppedEarly = true;
          break;
        }
      }
      restore(block, model.getNDManager(), bestParams);
    }
    return new TrainingHistory(records, bestEpoch, monitorName, stoppedEarly);
  }

  private double evaluate(Trainer trainer, WeightedSoftmaxCrossEntropyLoss loss, EcgDataset data, Map<String, Double> out) {
    int len = architecture.leads() * architecture.inputLength();
    int k = architecture.numClasses();
    int n = data.size();
    int[] yTrue = new int[n];
    int[] yPred = new int[n];
    double[][] scores = metrics.contains(EvalMetric.MACRO_AUC) ? new double[n][] : null;
    double lossSum = 0;
    int eb = Math.max(batchSize, 256);
    float[] xb = new float[eb * len];
    int[] yb = new int[eb];
    for (int from = 0; from < n; from += eb) {
      int m = Math.min(eb, n - from);
      int[] idx = new int[m];
      for (int i = 0; i < m; i++) {
        idx[i] = from + i;
      }
      data.fetch(idx, xb, yb);
      try (NDManager bm = trainer.getManager().newSubManager()) {
        NDArray x = bm.create(java.util.Arrays.copyOf(xb, m * len), architecture.inputShape(m));
        NDArray y = bm.create(java.util.Arrays.copyOf(yb, m));
        NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
        lossSum += loss.evaluate(new NDList(y), new NDList(logits)).toType(DataType.FLOAT32, false).getFloat() * m;
        float[] p = logits.softmax(-1).toFloatArray();
        for (int i = 0; i < m; i++) {
          yTrue[from + i] = yb[i];
          int best = 0;
          for (int c = 1; c < k; c++) {
            if (p[i * k + c] > p[i * k + best]) {
              best = c;
            }
          }
          yPred[from + i] = best;
          if (scores != null) {
            double[] row = new double[k];
            for (int c = 0; c < k; c++) {
              row[c] = p[i * k + c];
            }
            scores[from + i] = row;
          }
        }
      }
    }
    ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred, k);
    for (EvalMetric metric : metrics) {
      double v = switch (metric) {
        case ACCURACY -> cm.accuracy();
        case MACRO_F1 -> cm.macroF1();
        case CINC_SCORE -> CincScore.of(cm).score();
        case MACRO_AUC -> definedMean(RocAuc.perClassIfDefined(yTrue, scores));
        case LOSS -> Double.NaN;
      };
      out.put(metric.key(), v);
    }
    return lossSum / n;
  }

  /** Mean of the defined per-class AUCs; NaN when none is defined. */
  private static double definedMean(OptionalDouble[] values) {
    double sum = 0;
    int n = 0;
    for (OptionalDouble v : values) {
      if (v.isPresent()) {
        sum += v.getAsDouble();
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static String logLine(EpochRecord r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "epoch %d: loss=%.5f", r.epoch(), r.trainLoss()));
    if (!Double.isNaN(r.validationLoss())) {
      sb.append(String.format(Locale.ROOT, " val_loss=%.5f", r.validationLoss()));
    }
    for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
      sb.append(String.format(Locale.ROOT, " %s=%.4f", e.getKey(), e.getValue()));
    }
    sb.append(String.format(Locale.ROOT, " lr=%.3g time=%.2fs", r.learningRate(), r.seconds()));
    return sb.toString();
  }

  private static byte[] snapshot(Block block) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (DataOutputStream dos = new DataOutputStream(bos)) {
      block.saveParameters(dos);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot snapshot parameters", e);
    }
    return bos.toByteArray();
  }

  private static void restore(Block block, NDManager manager, byte[] params) {
    if (params == null) {
      return;
    }
    try (DataInputStream dis = new DataInputStream(new ByteArrayInputStream(params))) {
      block.loadParameters(manager, dis);
    } catch (IOException | ai.djl.MalformedModelException e) {
      throw new IllegalStateException("cannot restore the best parameters", e);
    }
  }

  /** Builder of {@link EcgTrainer}: {@code set} for required, {@code opt} for optional settings. */
  public static final class Builder {
    private Architecture architecture;
    private int epochs = 10;
    private int batchSize = 32;
    private OptimizerConfig optimizer = OptimizerConfig.adam(1e-3);
    private LrSchedule schedule = LrSchedule.constant();
    private double[] classWeights;
    private double focalGamma;
    private IndexSampler sampler = IndexSampler.shuffled();
    private EvalMetric earlyStoppingMetric;
    private int patience;
    private EvalMetric monitor;
    private Set<EvalMetric> metrics = EnumSet.of(EvalMetric.ACCURACY, EvalMetric.MACRO_F1);
    private double clipNorm;
    private long seed = DEFAULT_SEED;
    private DeviceChoice deviceChoice = DeviceChoice.AUTO;
    private DeviceProbe deviceProbe = new DjlDeviceProbe();
    private Path checkpointDir;
    private final List<ProgressListener> listeners = new ArrayList<>();
    private Map<String, PretrainedParameters.Tensor> initialParameters;
    private boolean nativeMemoryTuning = false;

    private Builder() {}

    /**
     * @param architecture the network to train (required)
     * @return this builder
     */
    public Builder setArchitecture(Architecture architecture) {
      if (architecture == null) {
        throw new EcgArgumentException("architecture is required");
      }
      this.architecture = architecture;
      return this;
    }

    /**
     * @param epochs maximum number of epochs, default 10
     * @return this builder
     * @throws EcgArgumentException if {@code < 1}
     */
    public Builder optEpochs(int epochs) {
      if (epochs < 1) {
        throw new EcgArgumentException("epochs must be >= 1, got " + epochs);
      }
      this.epochs = epochs;
      return this;
    }

    /**
     * @param batchSize examples per step, default 32
     * @return this builder
     * @throws EcgArgumentException if {@code < 1}
     */
    public Builder optBatchSize(int batchSize) {
      if (batchSize < 1) {
        throw new EcgArgumentException("batch size must be >= 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * @param optimizer Adam or AdamW with rate and decay; default Adam 1e-3
     * @return this builder
     */
    public Builder optOptimizer(OptimizerConfig optimizer) {
      if (optimizer == null) {
        throw new EcgArgumentException("optimizer must not be null");
      }
      this.optimizer = optimizer;
      return this;
    }

    /**
     * @param schedule learning-rate schedule; default constant
     * @return this builder
     */
    public Builder optLrSchedule(LrSchedule schedule) {
      if (schedule == null) {
        throw new EcgArgumentException("schedule must not be null");
      }
      this.schedule = schedule;
      return this;
    }

    /**
     * @param classWeights one positive weight per class for the weighted cross-entropy (see
     *     {@link WeightedSoftmaxCrossEntropyLoss})
     * @return this builder
     * @throws EcgArgumentException for non-positive or non-finite weights
     */
    public Builder optClassWeights(double[] classWeights) {
      new WeightedSoftmaxCrossEntropyLoss(classWeights, 0); // validates
      this.classWeights = classWeights.clone();
      return this;
    }

    /**
     * @param gamma focal-loss gamma ({@code 0} = cross-entropy; 2 is Lin et al.'s default)
     * @return this builder
     * @throws EcgArgumentException if negative or not finite
     */
    public Builder optFocalLoss(double gamma) {
      new WeightedSoftmaxCrossEntropyLoss(null, gamma); // validates
      this.focalGamma = gamma;
      return this;
    }

    /**
     * @param sampler how each epoch visits the training examples; default {@link
     *     IndexSampler#shuffled()}
     * @return this builder
     */
    public Builder optSampler(IndexSampler sampler) {
      if (sampler == null) {
        throw new EcgArgumentException("sampler must not be null");
      }
      this.sampler = sampler;
      return this;
    }

    /**
     * Stops when the validation {@code metric} has not improved for {@code patience} epochs; the
     * same metric is monitored for the best checkpoint (unless {@link #optMonitor} says
     * otherwise). Needs validation data.
     *
     * @param metric the validation metric
     * @param patience epochs without improvement, at least 1
     * @return this builder
     */
    public Builder optEarlyStopping(EvalMetric metric, int patience) {
      if (metric == null || patience < 1) {
        throw new EcgArgumentException("early stopping needs a metric and patience >= 1, got "
            + metric + ", " + patience);
      }
      this.earlyStoppingMetric = metric;
      this.patience = patience;
      return this;
    }

    /**
     * @param metric the validation quantity whose best epoch is kept (and which reduce-on-plateau
     *     watches); default: the early-stopping metric, else validation loss with validation data,
     *     else training loss
     * @return this builder
     */
    public Builder optMonitor(EvalMetric metric) {
      this.monitor = metric;
      return this;
    }

    /**
     * @param metrics validation metrics to compute each epoch; default accuracy and macro-F1
     * @return this builder
     */
    public Builder optMetrics(EvalMetric... metrics) {
      this.metrics = metrics.length == 0 ? EnumSet.noneOf(EvalMetric.class) : EnumSet.copyOf(List.of(metrics));
      return this;
    }

    /**
     * @param maxNorm clip the global gradient norm to this value (see {@link GradientClipping});
     *     0 disables (default)
     * @return this builder
     * @throws EcgArgumentException if negative or not finite
     */
    public Builder optGradientClipping(double maxNorm) {
      if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
        throw new EcgArgumentException("gradient clipping norm must be finite and >= 0, got " + maxNorm);
      }
      this.clipNorm = maxNorm;
      return this;
    }

    /**
     * @param seed random seed; default {@link #DEFAULT_SEED}
     * @return this builder
     */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @param choice device; default {@link DeviceChoice#AUTO}
     * @return this builder
     */
    public Builder optDevice(DeviceChoice choice) {
      if (choice == null) {
        throw new EcgArgumentException("device choice must not be null");
      }
      this.deviceChoice = choice;
      return this;
    }

    /**
     * @param probe the device probe (tests); default {@link DjlDeviceProbe}
     * @return this builder
     */
    public Builder optDeviceProbe(DeviceProbe probe) {
      if (probe == null) {
        throw new EcgArgumentException("device probe must not be null");
      }
      this.deviceProbe = probe;
      return this;
    }

    /**
     * @param dir folder for the best checkpoint ({@code best-0000.params}); default a new
     *     temporary folder
     * @return this builder
     */
    public Builder optCheckpointDir(Path dir) {
      this.checkpointDir = dir;
      return this;
    }

    /**
     * Warm start: after the usual (seeded) initialisation, the named parameters are overwritten
     * with these values; parameters not named keep their fresh initialisation (e.g. a new output
     * layer). Names and shapes are those of {@link PretrainedParameters#shapes}; an unknown name
     * or a different shape fails {@code fit} with an {@link EcgArgumentException}.
     *
     * @param values parameter name to values (copied), or null for none
     * @return this builder
     */
    public Builder optInitialParameters(Map<String, PretrainedParameters.Tensor> values) {
      this.initialParameters = values == null ? null : Map.copyOf(values);
      return this;
    }

    /**
     * @param listener a progress callback (may be added several times)
     * @return this builder
     */
    public Builder addListener(ProgressListener listener) {
      if (listener == null) {
        throw new EcgArgumentException("listener must not be null");
      }
      listeners.add(listener);
      return this;
    }

    /**
     * Whether {@link #fit} tunes glibc's {@code malloc} for libtorch before training (see
     * {@link NativeMemory}: about a fifth faster training steps on CPU, at the price of freed
     * native memory being kept for reuse). Off by default, because the tuning is process-wide:
     * a library must not change its host's allocator unasked. {@code -Decg.malloc.tune=true}
     * turns it on for the whole process, {@code -Decg.malloc.tune=false} keeps it off even here.
     *
     * @param tune true to tune {@code malloc} when training starts
     * @return this builder
     */
    public Builder optNativeMemoryTuning(boolean tune) {
      this.nativeMemoryTuning = tune;
      return this;
    }

    /**
     * @return the trainer
     * @throws EcgArgumentException if no architecture was set or the class weights do not match
     */
    public EcgTrainer build() {
      if (architecture == null) {
        throw new EcgArgumentException("setArchitecture(...) is required");
      }
      if (classWeights != null && classWeights.length != architecture.numClasses()) {
        throw new EcgArgumentException(
            classWeights.length + " class weights given for " + architecture.numClasses() + " classes");
      }
      boolean cinc = metrics.contains(EvalMetric.CINC_SCORE)
          || earlyStoppingMetric == EvalMetric.CINC_SCORE || monitor == EvalMetric.CINC_SCORE;
      if (cinc && architecture.numClasses() != 4) {
        throw new EcgArgumentException(
            "the CinC 2017 score needs the 4 classes N, A, O, ~; the architecture has "
                + architecture.numClasses());
      }
      return new EcgTrainer(this);
    }
  }
}
