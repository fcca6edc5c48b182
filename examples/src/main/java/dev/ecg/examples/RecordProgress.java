package dev.ecg.examples;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a loop over records, with the total, the rate and the time left: in place
 * ({@code \r}) on a console, one line per tenth of the work when the stream is a pipe or a file,
 * so logs stay readable.
 */
final class RecordProgress {
  private final PrintStream out;
  private final String what;
  private final int total;
  private final boolean inPlace;
  private final long started = System.nanoTime();
  private int lastTenth = -1;

  /**
   * @param out the stream (standard error for the CLI)
   * @param what the command, e.g. {@code ecg evaluate}
   * @param total records to do
   * @param inPlace whether to redraw one line (a console) or print lines
   */
  RecordProgress(PrintStream out, String what, int total, boolean inPlace) {
    this.out = out;
    this.what = what;
    this.total = total;
    this.inPlace = inPlace;
  }

  /** @return a progress on standard error, in place when a console is attached */
  static RecordProgress onStderr(String what, int total) {
    return new RecordProgress(System.err, what, total, System.console() != null);
  }

  /**
   * @param done records finished
   * @param detail extra text (the current record, beats so far), may be empty
   */
  void update(int done, String detail) {
    String line = line(done, detail);
    if (inPlace) {
      out.print("\r" + line);
      if (done >= total) {
        out.println();
      }
    } else {
      int tenth = total == 0 ? 10 : (int) (10L * done / total);
      if (tenth != lastTenth || done >= total) {
        if (tenth != lastTenth) {
          out.println(line);
        }
        lastTenth = tenth;
      }
    }
    out.flush();
  }

  /** @return e.g. {@code ecg evaluate: 120/7248 records (1.7 %), 0.9 s each, 1 h 48 min left} */
  String line(int done, String detail) {
    double secs = (System.nanoTime() - started) / 1e9;
    double each = done == 0 ? Double.NaN : secs / done;
    String left = done == 0 ? "?" : duration(each * (total - done));
    return String.format(Locale.ROOT, "%s: %d/%d records (%.1f %%)%s, %s left%s", what, done,
        total, total == 0 ? 100.0 : 100.0 * done / total,
        Double.isNaN(each) ? "" : String.format(Locale.ROOT, ", %.2f s each", each), left,
        detail.isEmpty() ? "" : " - " + detail);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    return (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }
}
