package dev.ecg.io.pipeline;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.core.json.JsonReader;
import dev.ecg.core.json.JsonWriter;
import dev.ecg.io.Record;
import dev.ecg.io.dsp.NanInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of {@link Step}s that turns a {@link Record} into the windows a model sees; the
 * one path used by training code, {@code EcgClassifier} and anyone who wants the same windows
 * without a model.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.of(
 *     Step.SelectLeads.indices(0),
 *     new Step.Resample(125),
 *     new Step.Baseline(),
 *     new Step.QrsWindows(32, 56, Step.Detector.PAN_TOMPKINS, 0, Step.QrsWindows.Edges.ZERO),
 *     new Step.Normalize(Step.Normalize.Method.MINMAX));
 * p.requireOutput(1, 88, 125.0);          // checked now, not at the first record
 * SignalWindows w = p.run(Wfdb.readSamples(Path.of("100")));
 * }</pre>
 *
 * <p>Building a pipeline checks that each step can take what the step before gives (no
 * segmenting twice, {@code rr-features} only on beat windows and inside them, a filter below the
 * Nyquist frequency where the rate is known); {@link #requireOutput} checks the final rate, lead
 * count and window length against a model's input.
 *
 * @param steps the steps, in order
 */
public record Pipeline(List<Step> steps) {

  /**
   * Copies the list and checks that the steps fit each other.
   *
   * @param steps the steps, in order
   * @throws PipelineException if a step cannot take what the one before gives
   */
  public Pipeline {
    steps = List.copyOf(steps);
    outputShape(Shape.anyRecord(), steps);
  }

  /**
   * @param steps the steps, in order
   * @return the pipeline
   * @throws PipelineException if a step cannot take what the one before gives
   */
  public static Pipeline of(Step... steps) {
    return new Pipeline(List.of(steps));
  }

  /** @return a pipeline without steps (the caller supplies model-ready windows) */
  public static Pipeline empty() {
    return new Pipeline(List.of());
  }

  /**
   * Runs the steps on a record.
   *
   * @param record the raw record
   * @return the windows
   * @throws NanInputException for a non-finite sample where a step needs finite ones
   * @throws EcgArgumentException for a record the steps cannot take (a missing lead, a rate
   *     change beyond the limit); any other failure of a step is wrapped, naming step and record
   */
  public SignalWindows run(Record record) {
    SignalWindows s = SignalWindows.of(record);
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      try {
        s = SignalWindows.carryRejections(s, step.apply(s));
      } catch (EcgArgumentException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new EcgArgumentException("preprocessing step " + i + " '" + step.name()
            + "' failed on record " + record.name() + ": " + e, e);
      }
    }
    return s;
  }

  /**
   * @param record a raw record
   * @param steps steps, in order
   * @return {@code new Pipeline(steps).run(record)}
   */
  public static SignalWindows run(Record record, List<Step> steps) {
    return new Pipeline(steps).run(record);
  }

  /**
   * @param in the shape of the input
   * @return the shape after every step
   * @throws PipelineException if a step cannot take what the one before gives
   */
  public Shape outputShape(Shape in) {
    return outputShape(in, steps);
  }

  private static Shape outputShape(Shape in, List<Step> steps) {
    Shape s = in;
    for (int i = 0; i < steps.size(); i++) {
      try {
        s = steps.get(i).outputShape(s);
      } catch (PipelineException e) {
        throw new PipelineException("preprocessing step " + i + " (" + steps.get(i).name()
            + "): " + e.getMessage(), e);
      }
    }
    return s;
  }

  /**
   * @param fsIn the record's rate, or NaN when unknown
   * @return the rate after every step, NaN when it depends on the record
   */
  public double outputRate(double fsIn) {
    return outputShape(new Shape(fsIn, Shape.UNKNOWN, Shape.UNKNOWN, false)).fs();
  }

  /**
   * Checks what this pipeline gives against a model's input, as far as it is known before a
   * record arrives: the rate when a step fixes it, the lead count when a step chooses the leads,
   * the window length when a step fixes it. An empty pipeline is not checked (its caller supplies
   * model-ready windows).
   *
   * @param leads the model's leads
   * @param length the model's samples per lead
   * @param fs the model's sampling rate in Hz
   * @throws PipelineException naming what does not fit
   */
  public void requireOutput(int leads, int length, double fs) {
    if (steps.isEmpty()) {
      return;
    }
    Shape out = outputShape(Shape.anyRecord());
    if (!Double.isNaN(out.fs()) && Math.abs(out.fs() - fs) > 1e-6 * fs) {
      throw new PipelineException("the preprocessing ends at " + out.fs()
          + " Hz but the model takes " + fs + " Hz");
    }
    if (out.leads() != Shape.UNKNOWN && out.leads() != leads) {
      throw new PipelineException("the preprocessing gives " + out.leads()
          + " lead(s) but the model takes " + leads);
    }
    if (out.length() != Shape.UNKNOWN && out.length() != length) {
      throw new PipelineException("the preprocessing gives windows of " + out.length()
          + " samples but the model takes " + length);
    }
  }

  /** @return the steps as a JSON array of {@code {"name", "params"}} objects */
  public List<Map<String, Object>> toJson() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Step s : steps) {
      out.add(s.toJson());
    }
    return out;
  }

  /** @return {@link #toJson()} as indented text */
  public String toJsonText() {
    return JsonWriter.pretty(toJson());
  }

  /**
   * Reads a pipeline from its JSON form.
   *
   * @param json a parsed JSON array of steps
   * @param where how to name it in messages
   * @return the pipeline
   * @throws PipelineException naming the step index, name and parameter of the first problem
   */
  public static Pipeline fromJson(Object json, String where) {
    if (!(json instanceof List<?> list)) {
      throw new PipelineException(where + ": expected a JSON array of steps");
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      steps.add(Step.fromJson(list.get(i), where + "[" + i + "]"));
    }
    try {
      return new Pipeline(steps);
    } catch (PipelineException e) {
      throw new PipelineException(where + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param text JSON text of an array of steps
   * @param where how to name it in messages
   * @return the pipeline
   * @throws PipelineException if the text is not JSON or a step is invalid
   */
  public static Pipeline fromJsonText(String text, String where) {
    Object tree;
    try {
      tree = JsonReader.parse(text);
    } catch (EcgArgumentException e) {
      throw new PipelineException(where + ": not valid JSON: " + e.getMessage(), e);
    }
    return fromJson(tree, where);
  }
}
