package dev.ecg.models.pkg;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
import dev.ecg.core.EcgArgumentException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The contents of {@code ecg-model.json}: everything needed to rebuild, verify and feed a model.
 *
 * <p>The network takes a float tensor of shape {@code [batch, leads, inputLength]} and returns
 * one score per class in {@link #classNames()} order; {@link #output()} says whether those scores
 * are raw logits (the default; softmax is applied by {@code EcgClassifier}) or probabilities.
 *
 * @param schemaVersion manifest schema version; this library reads {@value #SCHEMA_VERSION}
 * @param name short model name, e.g. {@code mitbih-aami5}
 * @param architecture architecture name and hyperparameters ({@code Architectures.create}); may
 *     be null for imported TorchScript/ONNX models that have no Java architecture
 * @param classNames class labels in output order
 * @param leads number of input leads (channels)
 * @param inputLength samples per lead in one network input
 * @param samplingRate sampling rate in Hz the input is expected at
 * @param inputShape the network's input shape for one example, without the batch dimension;
 *     defaults to {@code [leads, inputLength]} (a 2-D model may use {@code [leads, freqBins,
 *     timeFrames]}); its first entry is {@code leads} and its product
 *     {@code leads * inputLength}
 * @param output {@code logits} or {@code probabilities}
 * @param preprocessing the steps, in order, that turn a raw record into network inputs
 * @param provenance where the model came from
 * @param weights weight files with their SHA-256
 */
public record ModelManifest(
    int schemaVersion,
    String name,
    ArchitectureSpec architecture,
    List<String> classNames,
    int leads,
    int inputLength,
    double samplingRate,
    List<Long> inputShape,
    String output,
    List<PreprocessingStep> preprocessing,
    Provenance provenance,
    List<WeightFile> weights) {

  /** The only schema version this library writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  /** File name of the manifest inside a package. */
  public static final String FILE_NAME = "ecg-model.json";

  /** Value of {@link #output()} for raw scores. */
  public static final String OUTPUT_LOGITS = "logits";

  /** Value of {@link #output()} for scores that already sum to one. */
  public static final String OUTPUT_PROBABILITIES = "probabilities";

  /**
   * Most input values one example may have (leads x inputLength): 2^24, 64 MiB of float per
   * example, far above any ECG model and small enough that a hostile manifest cannot make the
   * engines allocate beyond a small heap.
   */
  public static final long MAX_INPUT_VALUES = 1L << 24;

  /**
   * Reads JSON numbers into {@code int} fields only when they are exact integers in range: Gson's
   * own conversion wraps 2^32 + 187 to 187, and truncates 3.5 to 3.
   */
  private static final com.google.gson.TypeAdapter<Integer> EXACT_INT =
      new com.google.gson.TypeAdapter<>() {
        @Override
        public void write(com.google.gson.stream.JsonWriter out, Integer value)
            throws java.io.IOException {
          if (value == null) {
            out.nullValue();
          } else {
            out.value(value);
          }
        }

        @Override
        public Integer read(com.google.gson.stream.JsonReader in) throws java.io.IOException {
          if (in.peek() == com.google.gson.stream.JsonToken.NULL) {
            in.nextNull();
            return null;
          }
          String text = in.nextString();
          try {
            return new java.math.BigDecimal(text).intValueExact();
          } catch (NumberFormatException | ArithmeticException e) {
            throw new JsonParseException("expected a whole number within the 32-bit range, got "
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + " at "
                + in.getPath());
          }
        }
      };

  private static final Gson GSON = new GsonBuilder()
      .registerTypeAdapter(int.class, EXACT_INT)
      .registerTypeAdapter(Integer.class, EXACT_INT)
      .setPrettyPrinting()
      .disableHtmlEscaping()
      .serializeSpecialFloatingPointValues()
      .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
      .create();

  /**
   * Architecture name and hyperparameters, as understood by
   * {@code dev.ecg.models.arch.Architectures.create(name, hyperparameters)}.
   *
   * @param name registered architecture name
   * @param hyperparameters its hyperparameters (integers are read back as {@link Long}, other
   *     numbers as {@link Double})
   */
  public record ArchitectureSpec(String name, Map<String, Object> hyperparameters) {
    /**
     * Checks the name, copies the map.
     *
     * @param name see the record description
     * @param hyperparameters see the record description
     */
    public ArchitectureSpec {
      Objects.requireNonNull(name, "architecture name");
      hyperparameters = hyperparameters == null
          ? Map.of()
          : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    }
  }

  /**
   * Validates every field.
   *
   * @param schemaVersion see the record description
   * @param name see the record description
   * @param architecture see the record description
   * @param classNames see the record description
   * @param leads see the record description
   * @param inputLength see the record description
   * @param samplingRate see the record description
   * @param inputShape see the record description
   * @param output see the record description
   * @param preprocessing see the record description
   * @param provenance see the record description
   * @param weights see the record description
   */
  public ModelManifest {
    if (schemaVersion != SCHEMA_VERSION) {
      throw new EcgArgumentException("unsupported ecg-model.json schema version "
          + schemaVersion + " (this library reads version " + SCHEMA_VERSION + ")");
    }
    Objects.requireNonNull(name, "name");
    if (classNames == null || classNames.isEmpty()) {
      throw new EcgArgumentException("manifest " + name + ": classNames is empty");
    }
    classNames = List.copyOf(classNames);
    if (new HashSet<>(classNames).size() != classNames.size()) {
      throw new EcgArgumentException("manifest " + name + ": duplicate class names "
          + classNames);
    }
    if (leads < 1) {
      throw new EcgArgumentException("manifest " + name + ": leads must be >= 1, got "
          + leads);
    }
    if (inputLength < 1) {
      throw new EcgArgumentException("manifest " + name + ": inputLength must be >= 1, got "
          + inputLength);
    }
    if (!(samplingRate > 0) || Double.isInfinite(samplingRate)) {
      throw new EcgArgumentException("manifest " + name + ": samplingRate must be > 0, got "
          + samplingRate);
    }
    if ((long) leads * inputLength > MAX_INPUT_VALUES) {
      throw new EcgArgumentException("manifest " + name + ": leads * inputLength = "
          + (long) leads * inputLength + " values per example exceeds the limit of "
          + MAX_INPUT_VALUES);
    }
    if (inputShape == null || inputShape.isEmpty()) {
      inputShape = List.of((long) leads, (long) inputLength);
    }
    inputShape = List.copyOf(inputShape);
    long prod = 1;
    for (Long d : inputShape) {
      if (d == null || d < 1 || d > MAX_INPUT_VALUES) {
        throw new EcgArgumentException("manifest " + name + ": inputShape " + inputShape
            + " has a dimension outside 1.." + MAX_INPUT_VALUES);
      }
      prod *= d; // both factors <= 2^24 after the check below, so no overflow
      if (prod > MAX_INPUT_VALUES) {
        throw new EcgArgumentException("manifest " + name + ": inputShape " + inputShape
            + " holds more than " + MAX_INPUT_VALUES + " values");
      }
    }
    if (inputShape.get(0) != leads || prod != (long) leads * inputLength) {
      throw new EcgArgumentException("manifest " + name + ": inputShape " + inputShape
          + " must start with leads=" + leads + " and hold leads*inputLength="
          + (long) leads * inputLength + " values");
    }
    if (output == null) {
      output = OUTPUT_LOGITS;
    }
    if (!output.equals(OUTPUT_LOGITS) && !output.equals(OUTPUT_PROBABILITIES)) {
      throw new EcgArgumentException("manifest " + name + ": output must be '"
          + OUTPUT_LOGITS + "' or '" + OUTPUT_PROBABILITIES + "', got '" + output + "'");
    }
    preprocessing = preprocessing == null ? List.of() : List.copyOf(preprocessing);
    provenance = provenance == null ? Provenance.unknown() : provenance;
    weights = weights == null ? List.of() : List.copyOf(weights);
    var seen = new HashSet<String>();
    for (WeightFile w : weights) {
      if (!seen.add(w.file())) {
        throw new EcgArgumentException("manifest " + name + ": weight file " + w.file()
            + " listed twice");
      }
    }
  }

  /**
   * @return a builder for a schema-version-1 manifest
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param format a weight format
   * @return the first weight file of that format, if any
   */
  public Optional<WeightFile> weight(WeightFile.Format format) {
    return weights.stream().filter(w -> w.format() == format).findFirst();
  }

  /**
   * @param newWeights the weight list to store
   * @return a copy of this manifest with another weight list
   */
  public ModelManifest withWeights(List<WeightFile> newWeights) {
    return new ModelManifest(schemaVersion, name, architecture, classNames, leads, inputLength,
        samplingRate, inputShape, output, preprocessing, provenance, newWeights);
  }

  /**
   * @param batch number of examples
   * @return the network input shape for a batch of {@code batch} examples
   */
  public long[] batchShape(int batch) {
    long[] s = new long[inputShape.size() + 1];
    s[0] = batch;
    for (int k = 0; k < inputShape.size(); k++) {
      s[k + 1] = inputShape.get(k);
    }
    return s;
  }

  /** @return number of classes */
  public int numClasses() {
    return classNames.size();
  }

  /** @return this manifest as pretty-printed JSON */
  public String toJson() {
    return GSON.toJson(this);
  }

  /**
   * Parses a manifest. The schema version is read first: an absent or unknown version is
   * refused rather than guessed.
   *
   * @param json the text of {@code ecg-model.json}
   * @param source where the text came from, for messages
   * @return the manifest
   * @throws ModelPackageException if the JSON is malformed, the version is unknown or a field
   *     is invalid
   */
  public static ModelManifest fromJson(String json, String source) throws ModelPackageException {
    JsonObject obj;
    try {
      JsonElement el = JsonParser.parseString(json);
      if (!el.isJsonObject()) {
        throw new ModelPackageException(source + ": " + FILE_NAME + " is not a JSON object");
      }
      obj = el.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new ModelPackageException(source + ": " + FILE_NAME + " is not valid JSON: "
          + e.getMessage(), e);
    }
    JsonElement v = obj.get("schemaVersion");
    if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
      throw new ModelPackageException(source + ": " + FILE_NAME
          + " has no numeric schemaVersion");
    }
    double version = v.getAsDouble();
    if (version != SCHEMA_VERSION) {
      throw new ModelPackageException(source + ": " + FILE_NAME + " has schema version "
          + v.getAsString() + ", but this library reads only version " + SCHEMA_VERSION
          + "; upgrade the library or re-export the model");
    }
    try {
      ModelManifest m = GSON.fromJson(obj, ModelManifest.class);
      if (m == null) {
        throw new ModelPackageException(source + ": empty " + FILE_NAME);
      }
      return m;
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new ModelPackageException(source + ": invalid " + FILE_NAME + ": "
          + root.getMessage(), e);
    }
  }

  /** Builder: required {@code setX}, optional {@code optX}, in DJL style. */
  public static final class Builder {
    private String name;
    private ArchitectureSpec architecture;
    private List<String> classNames;
    private int leads = 1;
    private int inputLength;
    private double samplingRate;
    private List<Long> inputShape;
    private String output = OUTPUT_LOGITS;
    private final List<PreprocessingStep> preprocessing = new ArrayList<>();
    private Provenance provenance = Provenance.unknown();
    private final List<WeightFile> weights = new ArrayList<>();

    private Builder() {}

    /**
     * @param n model name
     * @return this builder
     */
    public Builder setName(String n) {
      this.name = n;
      return this;
    }

    /**
     * @param names class labels in output order
     * @return this builder
     */
    public Builder setClassNames(List<String> names) {
      this.classNames = names;
      return this;
    }

    /**
     * @param n samples per lead
     * @return this builder
     */
    public Builder setInputLength(int n) {
      this.inputLength = n;
      return this;
    }

    /**
     * @param fs sampling rate in Hz
     * @return this builder
     */
    public Builder setSamplingRate(double fs) {
      this.samplingRate = fs;
      return this;
    }

    /**
     * @param archName architecture name
     * @param hyperparameters its hyperparameters
     * @return this builder
     */
    public Builder optArchitecture(String archName, Map<String, Object> hyperparameters) {
      this.architecture = new ArchitectureSpec(archName, hyperparameters);
      return this;
    }

    /**
     * @param n number of leads (default 1)
     * @return this builder
     */
    public Builder optLeads(int n) {
      this.leads = n;
      return this;
    }

    /**
     * @param shape per-example input shape without batch (default {@code [leads, inputLength]})
     * @return this builder
     */
    public Builder optInputShape(List<Long> shape) {
      this.inputShape = shape;
      return this;
    }

    /**
     * @param o {@code logits} (default) or {@code probabilities}
     * @return this builder
     */
    public Builder optOutput(String o) {
      this.output = o;
      return this;
    }

    /**
     * @param step a preprocessing step, appended
     * @return this builder
     */
    public Builder addPreprocessing(PreprocessingStep step) {
      this.preprocessing.add(step);
      return this;
    }

    /**
     * @param p training provenance
     * @return this builder
     */
    public Builder optProvenance(Provenance p) {
      this.provenance = p;
      return this;
    }

    /**
     * @param w a weight file entry, appended
     * @return this builder
     */
    public Builder addWeight(WeightFile w) {
      this.weights.add(w);
      return this;
    }

    /** @return the manifest */
    public ModelManifest build() {
      return new ModelManifest(SCHEMA_VERSION, name, architecture, classNames, leads,
          inputLength, samplingRate, inputShape, output, preprocessing, provenance, weights);
    }
  }
}
