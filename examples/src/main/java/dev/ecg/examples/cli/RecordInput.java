package dev.ecg.examples.cli;

import dev.ecg.io.EcgFormatException;
import dev.ecg.io.Record;
import dev.ecg.io.Records;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The recording argument and its reading options, shared by the commands that read one record
 * ({@code classify}, {@code hrv}, {@code quality}): any format {@link Records#read} knows, an
 * optional lead and annotation file, and one clear line on standard error when it cannot be read.
 */
public final class RecordInput {

  @Parameters(index = "0", paramLabel = "RECORD", description = "The recording: WFDB (record "
      + "base, .hea or .dat), .mat (CinC-style with its .hea, or bare with --fs/--gain), .edf, "
      + ".csv/.txt/.tsv (needs --fs without a time column).")
  Path record;

  @Option(names = "--fs", description = "Sampling rate in Hz for inputs without one (CSV "
      + "without a time column, bare .mat).")
  Double fs;

  @Option(names = "--gain", description = "ADC units per mV for a bare .mat (default 1).")
  Double gain;

  @Option(names = "--lead", description = "Use only this lead (name or 0-based index).")
  String lead;

  @Option(names = "--annotations", paramLabel = "EXT",
      description = "Attach the WFDB annotation file with this extension (e.g. atr).")
  String annotator;

  /** @return the path given on the command line */
  public Path path() {
    return record;
  }

  /** @return the lead asked for, or null for every lead */
  public String lead() {
    return lead;
  }

  /**
   * Reads the record, keeping only {@code --lead} when given.
   *
   * @param command the command name for messages, e.g. {@code classify}
   * @param err where a failure is explained in one line
   * @return the record, or null after printing why it could not be read
   */
  public Record read(String command, PrintStream err) {
    try {
      Records.Options o = Records.Options.defaults().annotations(annotator);
      if (fs != null) {
        o = o.fs(fs);
      }
      if (gain != null) {
        o = o.gain(gain);
      }
      return selectLead(Records.read(record, o), lead);
    } catch (NoSuchFileException e) {
      err.println("ecg " + command + ": " + e.getFile() + ": no such file"
          + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
      return null;
    } catch (IOException | IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      if (e instanceof EcgFormatException && fs == null && m.contains("sampling rate")) {
        // speak CLI: the library's advice names its Java option
        m = m.replaceAll("[;,]? ?give it with (Records\\.)?Options\\.fs\\(\\.\\.\\.\\)", "")
            + "; give it with --fs HZ" + (Records.formatOf(record).orElse(null)
            == Records.Format.MAT ? " and --gain ADC-units-per-mV" : "");
      }
      err.println("ecg " + command + ": " + (m.contains(record.toString()) ? m
          : record + ": " + m));
      return null;
    }
  }

  /**
   * @param r a record
   * @param lead a lead name or 0-based index, or null
   * @return {@code r} with only that lead (all leads when null)
   * @throws IllegalArgumentException if there is no such lead
   */
  public static Record selectLead(Record r, String lead) {
    if (lead == null) {
      return r;
    }
    int c = r.channelNames().indexOf(lead);
    if (c < 0) {
      try {
        c = Integer.parseInt(lead);
      } catch (NumberFormatException e) {
        c = -1;
      }
    }
    if (c < 0 || c >= r.channelCount()) {
      throw new IllegalArgumentException("no lead '" + lead + "' (leads: " + r.channelNames()
          + ")");
    }
    return new Record(r.name(), r.fs(), List.of(r.channelNames().get(c)),
        List.of(r.units().get(c)), new double[][] {r.channel(c)}, r.annotations());
  }
}
