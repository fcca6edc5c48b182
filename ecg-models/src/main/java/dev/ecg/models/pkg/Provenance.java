package dev.ecg.models.pkg;

import dev.ecg.core.json.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a trained model came from, stored with it (in the spirit of Tribuo's provenance): which
 * data, which split, the metrics measured on held-out data, the source commit and the date, and
 * what the trainer itself knows ({@link Training}: architecture, optimiser, schedule, sampler,
 * class weights, seed, epochs run, the early-stopping decision, library versions). Any field may
 * be null when unknown (for example an imported model).
 *
 * @param data data set description, e.g. {@code mitdb (48 records, MLII)}
 * @param split split protocol, e.g. {@code de Chazal DS1/DS2}
 * @param seed random seed of the run
 * @param epochs number of training epochs
 * @param metrics metric name to value on the evaluation split
 * @param commit source commit the model was trained from
 * @param date ISO-8601 date of training
 * @param training the trainer's configuration and decisions, or null (schema-1 manifests,
 *     imported models)
 * @param trainingSet the records trained on, or null when not recorded
 */
public record Provenance(
    String data,
    String split,
    Long seed,
    Integer epochs,
    Map<String, Double> metrics,
    String commit,
    String date,
    Training training,
    TrainingSet trainingSet) {

  /**
   * The records a model was trained on, so that an evaluation can tell seen records from unseen
   * ones ({@code ecg evaluate} reports both).
   *
   * @param dataset the dataset's name as {@code ecg evaluate --dataset} spells it, e.g.
   *     {@code mitbih} or {@code cinc2017}
   * @param records the record names, e.g. {@code 101} or {@code A00001}
   */
  public record TrainingSet(String dataset, List<String> records) {
    /** Most records a manifest may list. */
    public static final int MAX_RECORDS = 1_000_000;

    /** Checks and copies. */
    public TrainingSet {
      if (dataset == null || dataset.isBlank() || dataset.length() > 100) {
        throw new dev.ecg.core.EcgArgumentException("trainingSet.dataset must be a non-empty "
            + "name of at most 100 characters, got " + dataset);
      }
      Objects.requireNonNull(records, "records");
      if (records.size() > MAX_RECORDS) {
        throw new dev.ecg.core.EcgArgumentException("trainingSet lists " + records.size()
            + " records, more than " + MAX_RECORDS);
      }
      for (String r : records) {
        if (r == null || r.isEmpty() || r.length() > 200) {
          throw new dev.ecg.core.EcgArgumentException("trainingSet.records: a record name must "
              + "have 1 to 200 characters, got " + r);
        }
      }
      records = List.copyOf(records);
    }
  }

  /**
   * Copies the metrics map.
   *
   * @param data see the record description
   * @param split see the record description
   * @param seed see the record description
   * @param epochs see the record description
   * @param metrics see the record description
   * @param commit see the record description
   * @param date see the record description
   * @param training see the record description
   * @param trainingSet see the record description
   */
  public Provenance {
    metrics = metrics == null
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /**
   * A provenance without a training record (the schema-1 fields).
   *
   * @param data see the record description
   * @param split see the record description
   * @param seed see the record description
   * @param epochs see the record description
   * @param metrics see the record description
   * @param commit see the record description
   * @param date see the record description
   */
  public Provenance(String data, String split, Long seed, Integer epochs,
      Map<String, Double> metrics, String commit, String date) {
    this(data, split, seed, epochs, metrics, commit, date, null, null);
  }

  /**
   * A provenance without a training set.
   *
   * @param data see the record description
   * @param split see the record description
   * @param seed see the record description
   * @param epochs see the record description
   * @param metrics see the record description
   * @param commit see the record description
   * @param date see the record description
   * @param training see the record description
   */
  public Provenance(String data, String split, Long seed, Integer epochs,
      Map<String, Double> metrics, String commit, String date, Training training) {
    this(data, split, seed, epochs, metrics, commit, date, training, null);
  }

  /**
   * @param set the records the model was trained on
   * @return a copy with that training set
   */
  public Provenance withTrainingSet(TrainingSet set) {
    return new Provenance(data, split, seed, epochs, metrics, commit, date, training, set);
  }

  /** @return a provenance with every field unknown */
  public static Provenance unknown() {
    return new Provenance(null, null, null, null, Map.of(), null, null, null, null);
  }

  /**
   * @param newMetrics metrics to store
   * @return a copy with these metrics
   */
  public Provenance withMetrics(Map<String, Double> newMetrics) {
    return new Provenance(data, split, seed, epochs, newMetrics, commit, date, training,
        trainingSet);
  }

  /**
   * What the trainer knows about a run, recorded by {@code EcgTrainer} and carried into the
   * package by {@code TrainingResult.toPackage}.
   *
   * @param architecture architecture name
   * @param hyperparameters its hyperparameters
   * @param optimizer optimiser, e.g. {@code ADAM lr=0.001 weightDecay=0.0}
   * @param schedule learning-rate schedule
   * @param batchSize examples per step
   * @param maxEpochs the epoch budget
   * @param epochsRun epochs actually run
   * @param bestEpoch the epoch (from 1) whose parameters were kept
   * @param earlyStopping the early-stopping rule, e.g. {@code MACRO_F1 patience 5}, or
   *     {@code none}
   * @param stoppedEarly whether the rule ended the run before {@code maxEpochs}
   * @param sampler how training examples were drawn
   * @param classWeights loss weight per class, or null
   * @param focalGamma focal-loss gamma, 0 for plain cross-entropy
   * @param clipNorm gradient clipping norm, 0 for none
   * @param seed the trainer's seed
   * @param device the device trained on
   * @param libraries library name to version (the SDK, DJL, the engine, Java)
   */
  public record Training(
      String architecture,
      Map<String, Object> hyperparameters,
      String optimizer,
      String schedule,
      int batchSize,
      int maxEpochs,
      int epochsRun,
      int bestEpoch,
      String earlyStopping,
      boolean stoppedEarly,
      String sampler,
      List<Double> classWeights,
      double focalGamma,
      double clipNorm,
      long seed,
      String device,
      Map<String, String> libraries) {

    /**
     * Copies the collections.
     *
     * @param architecture see the record description
     * @param hyperparameters see the record description
     * @param optimizer see the record description
     * @param schedule see the record description
     * @param batchSize see the record description
     * @param maxEpochs see the record description
     * @param epochsRun see the record description
     * @param bestEpoch see the record description
     * @param earlyStopping see the record description
     * @param stoppedEarly see the record description
     * @param sampler see the record description
     * @param classWeights see the record description
     * @param focalGamma see the record description
     * @param clipNorm see the record description
     * @param seed see the record description
     * @param device see the record description
     * @param libraries see the record description
     */
    public Training {
      Objects.requireNonNull(architecture, "architecture");
      hyperparameters = hyperparameters == null ? Map.of()
          : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
      classWeights = classWeights == null ? null : List.copyOf(classWeights);
      libraries = libraries == null ? Map.of()
          : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(libraries));
    }

    Map<String, Object> toJsonTree() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("architecture", architecture);
      m.put("hyperparameters", hyperparameters);
      m.put("optimizer", optimizer);
      m.put("schedule", schedule);
      m.put("batchSize", batchSize);
      m.put("maxEpochs", maxEpochs);
      m.put("epochsRun", epochsRun);
      m.put("bestEpoch", bestEpoch);
      m.put("earlyStopping", earlyStopping);
      m.put("stoppedEarly", stoppedEarly);
      m.put("sampler", sampler);
      m.put("classWeights", classWeights);
      m.put("focalGamma", focalGamma);
      m.put("clipNorm", clipNorm);
      m.put("seed", seed);
      m.put("device", device);
      m.put("libraries", libraries);
      return m;
    }

    static Training fromJson(JsonFields f) {
      f.requireOnly(List.of("architecture", "hyperparameters", "optimizer", "schedule",
          "batchSize", "maxEpochs", "epochsRun", "bestEpoch", "earlyStopping", "stoppedEarly",
          "sampler", "classWeights", "focalGamma", "clipNorm", "seed", "device", "libraries"));
      List<Double> weights = null;
      if (f.map().get("classWeights") != null) {
        weights = new ArrayList<>();
        for (Object o : f.list("classWeights")) {
          weights.add(o instanceof Number n ? n.doubleValue() : Double.NaN);
        }
      }
      Map<String, String> libs = new LinkedHashMap<>();
      if (f.map().get("libraries") != null) {
        f.object("libraries").map().forEach((k, v) -> libs.put(k, String.valueOf(v)));
      }
      return new Training(f.string("architecture"),
          f.map().get("hyperparameters") == null ? Map.of()
              : f.object("hyperparameters").map(),
          f.string("optimizer", null), f.string("schedule", null),
          (int) f.wholeNumber("batchSize", 0, Integer.MAX_VALUE, 0),
          (int) f.wholeNumber("maxEpochs", 0, Integer.MAX_VALUE, 0),
          (int) f.wholeNumber("epochsRun", 0, Integer.MAX_VALUE, 0),
          (int) f.wholeNumber("bestEpoch", 0, Integer.MAX_VALUE, 0),
          f.string("earlyStopping", null), f.bool("stoppedEarly", false),
          f.string("sampler", null), weights, f.number("focalGamma", 0),
          f.number("clipNorm", 0), f.wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0),
          f.string("device", null), libs);
    }

    @Override
    public String toString() {
      return architecture + " " + hyperparameters + "; optimizer " + optimizer + ", schedule "
          + schedule + ", batch " + batchSize + ", epochs " + epochsRun + "/" + maxEpochs
          + " (best " + bestEpoch + (stoppedEarly ? ", stopped early" : "") + ", early stopping "
          + earlyStopping + "), sampler " + sampler + ", class weights " + classWeights
          + (focalGamma > 0 ? ", focal gamma " + focalGamma : "")
          + (clipNorm > 0 ? ", clip norm " + clipNorm : "") + ", seed " + seed + ", device "
          + device + ", libraries " + libraries;
    }
  }

  /** @return the JSON form written into {@code ecg-model.json} */
  public Map<String, Object> toJsonTree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data", data);
    m.put("split", split);
    m.put("seed", seed);
    m.put("epochs", epochs);
    m.put("metrics", metrics);
    m.put("commit", commit);
    m.put("date", date);
    if (training != null) {
      m.put("training", training.toJsonTree());
    }
    if (trainingSet != null) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("dataset", trainingSet.dataset());
      t.put("records", trainingSet.records());
      m.put("trainingSet", t);
    }
    return m;
  }

  /**
   * @param f the {@code provenance} object of a manifest
   * @return the provenance
   * @throws dev.ecg.core.EcgArgumentException naming the member that is wrong
   */
  static Provenance fromJson(JsonFields f) {
    f.requireOnly(List.of("data", "split", "seed", "epochs", "metrics", "commit", "date",
        "training", "trainingSet"));
    TrainingSet set = null;
    if (f.map().get("trainingSet") != null) {
      JsonFields t = f.object("trainingSet").requireOnly(List.of("dataset", "records"));
      set = new TrainingSet(t.string("dataset"), t.stringList("records"));
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (f.map().get("metrics") != null) {
      f.object("metrics").map().forEach((k, v) -> metrics.put(k,
          v instanceof Number n ? n.doubleValue() : Double.NaN));
    }
    return new Provenance(f.string("data", null), f.string("split", null),
        f.map().get("seed") == null ? null
            : f.wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE),
        f.map().get("epochs") == null ? null
            : (int) f.wholeNumber("epochs", 0, Integer.MAX_VALUE),
        metrics, f.string("commit", null), f.string("date", null),
        f.map().get("training") == null ? null : Training.fromJson(f.object("training")),
        set);
  }

  @Override
  public String toString() {
    return "data=" + data + ", split=" + split + ", seed=" + seed + ", epochs=" + epochs
        + ", metrics=" + metrics + ", commit=" + commit + ", date=" + date
        + (training == null ? "" : ", training={" + training + "}")
        + (trainingSet == null ? "" : ", trainingSet=" + trainingSet.dataset() + " ("
            + trainingSet.records().size() + " records)");
  }
}
