package dev.ecg.models.arch;

import ai.djl.ndarray.types.Shape;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.engine.OneDnnPolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shared state of the architectures: name, hyperparameters (with {@code leads}, {@code
 * inputLength}, {@code numClasses}) and the NCW input shape.
 */
public abstract class AbstractArchitecture implements Architecture {

  private final String name;
  private final Map<String, Object> hyperparameters;
  private final int leads;
  private final int inputLength;
  private final int numClasses;

  /**
   * @param name registry name
   * @param hyperparameters validated hyperparameters (copied)
   */
  protected AbstractArchitecture(String name, Map<String, Object> hyperparameters) {
    OneDnnPolicy.apply(); // before any block of this architecture reaches libtorch
    this.name = name;
    this.hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    this.leads = intParam("leads");
    this.inputLength = intParam("inputLength");
    this.numClasses = intParam("numClasses");
  }

  /**
   * @param key a hyperparameter name
   * @return its value as int
   */
  protected final int intParam(String key) {
    // the builder's toInt has already checked every int hyperparameter for exactness and range
    return ((Number) hyperparameters.get(key)).intValue();
  }

  /**
   * @param key a hyperparameter name
   * @return its value as double
   */
  protected final double doubleParam(String key) {
    return ((Number) hyperparameters.get(key)).doubleValue();
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Map<String, Object> hyperparameters() {
    return hyperparameters;
  }

  @Override
  public final int leads() {
    return leads;
  }

  @Override
  public int inputLength() {
    return inputLength;
  }

  @Override
  public final int numClasses() {
    return numClasses;
  }

  @Override
  public Shape inputShape(int batch) {
    return new Shape(batch, leads, inputLength);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AbstractArchitecture a
        && a.name.equals(name)
        && a.hyperparameters.equals(hyperparameters);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + hyperparameters.hashCode();
  }

  @Override
  public String toString() {
    return name + hyperparameters;
  }

  /**
   * Base builder: holds every hyperparameter with its default in a map, so that builders can be
   * filled either by typed {@code opt} methods or from a stored map.
   *
   * @param <B> the concrete builder type
   * @param <A> the architecture it builds
   */
  public abstract static class Builder<B extends Builder<B, A>, A extends Architecture> {

    /** Hyperparameters with defaults; {@code null} for required ones not yet set. */
    protected final Map<String, Object> values = new LinkedHashMap<>();

    /** Declares the three required shape parameters. */
    protected Builder() {
      values.put("leads", null);
      values.put("inputLength", null);
      values.put("numClasses", null);
    }

    /** @return this builder, typed */
    protected abstract B self();

    /**
     * Builds the architecture from {@link #values}, after they have been checked.
     *
     * @return the architecture
     */
    protected abstract A create();

    /**
     * Checks the architecture-specific constraints (called by {@link #build()}).
     *
     * @throws EcgArgumentException for an unusable combination
     */
    protected abstract void validate();

    /**
     * @param leads number of leads (input channels), at least 1
     * @param inputLength samples per lead, at least 1
     * @return this builder
     * @throws EcgArgumentException if a value is below 1
     */
    public B setInput(int leads, int inputLength) {
      values.put("leads", positive("leads", leads));
      values.put("inputLength", positive("inputLength", inputLength));
      return self();
    }

    /**
     * @param numClasses number of output classes, at least 2
     * @return this builder
     * @throws EcgArgumentException if below 2
     */
    public B setNumClasses(int numClasses) {
      if (numClasses < 2) {
        throw new EcgArgumentException("numClasses must be >= 2, got " + numClasses);
      }
      values.put("numClasses", numClasses);
      return self();
    }

    /**
     * Fills this builder from a stored hyperparameter map (numbers may be any {@link Number} or
     * numeric string, as a JSON reader gives them).
     *
     * @param hyperparameters the map
     * @return this builder
     * @throws EcgArgumentException for an unknown key or a non-numeric value
     */
    public B fromMap(Map<String, ?> hyperparameters) {
      for (Map.Entry<String, ?> e : hyperparameters.entrySet()) {
        String key = e.getKey();
        if (!values.containsKey(key)) {
          throw new EcgArgumentException(
              "unknown hyperparameter '" + key + "', known: " + values.keySet());
        }
        Object def = values.get(key);
        boolean isDouble = def instanceof Double;
        Object v = isDouble ? (Object) toDouble(key, e.getValue()) : (Object) toInt(key, e.getValue());
        values.put(key, v);
      }
      return self();
    }

    /**
     * Checks that every parameter is set and valid, then builds.
     *
     * @return the architecture
     * @throws EcgArgumentException if a required value is missing or the combination is invalid
     */
    public A build() {
      for (Map.Entry<String, Object> e : values.entrySet()) {
        if (e.getValue() == null) {
          throw new EcgArgumentException("hyperparameter '" + e.getKey() + "' is required");
        }
      }
      if (intValue("numClasses") < 2) {
        throw new EcgArgumentException("numClasses must be >= 2, got " + intValue("numClasses"));
      }
      positive("leads", intValue("leads"));
      positive("inputLength", intValue("inputLength"));
      validate();
      return create();
    }

    /**
     * @param key name
     * @return the current int value
     */
    protected int intValue(String key) {
      return ((Number) values.get(key)).intValue();
    }

    /**
     * @param key name
     * @return the current double value
     */
    protected double doubleValue(String key) {
      return ((Number) values.get(key)).doubleValue();
    }

    /**
     * @param name parameter name
     * @param v value
     * @return v
     * @throws EcgArgumentException if {@code v < 1}
     */
    protected static int positive(String name, int v) {
      if (v < 1) {
        throw new EcgArgumentException(name + " must be >= 1, got " + v);
      }
      return v;
    }

    /**
     * @param name parameter name
     * @param p value
     * @return p
     * @throws EcgArgumentException unless {@code 0 <= p < 1}
     */
    protected static double probability(String name, double p) {
      if (!(p >= 0 && p < 1)) {
        throw new EcgArgumentException(name + " must be in [0, 1), got " + p);
      }
      return p;
    }

    private static int toInt(String key, Object v) {
      if (v instanceof Number n) {
        double d = n.doubleValue();
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
          throw new EcgArgumentException("hyperparameter '" + key + "' must be an integer, got " + v);
        }
        return n.intValue();
      }
      if (v instanceof String s) {
        try {
          return Integer.parseInt(s.trim());
        } catch (NumberFormatException ex) {
          throw new EcgArgumentException(
              "hyperparameter '" + key + "' must be an integer, got '" + s + "'", ex);
        }
      }
      throw new EcgArgumentException("hyperparameter '" + key + "' must be an integer, got " + v);
    }

    private static double toDouble(String key, Object v) {
      if (v instanceof Number n) {
        return n.doubleValue();
      }
      if (v instanceof String s) {
        try {
          return Double.parseDouble(s.trim());
        } catch (NumberFormatException ex) {
          throw new EcgArgumentException(
              "hyperparameter '" + key + "' must be a number, got '" + s + "'", ex);
        }
      }
      throw new EcgArgumentException("hyperparameter '" + key + "' must be a number, got " + v);
    }
  }
}
