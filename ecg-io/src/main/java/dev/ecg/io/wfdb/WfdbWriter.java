package dev.ecg.io.wfdb;

import dev.ecg.core.EcgArgumentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes single-segment WFDB records in format 16 or 212: all signals interleaved in one
 * {@code <name>.dat} file, and a {@code <name>.hea} header carrying the sample count, initial
 * values and checksums computed from the data. Both files are written through a temporary file and
 * an atomic rename, the signal file first, so a reader never sees a half-written file under the
 * final name.
 */
public final class WfdbWriter {
  private WfdbWriter() {}

  /**
   * Writes a record.
   *
   * @param recordBase record path without extension; its file name is the record name
   * @param fs sampling frequency, &gt; 0
   * @param format 16 or 212
   * @param digital stored samples {@code [signal][sample]}, all the same length, each within the
   *     range of the format
   * @param gain adu per physical unit for each signal (0 = uncalibrated)
   * @param baseline digital value of 0 physical units for each signal
   * @param units physical unit of each signal
   * @param names description (lead name) of each signal; must not contain line breaks
   * @param comments header comment lines (without {@code #})
   * @return the header that was written
   * @throws EcgArgumentException when the arguments are inconsistent or a sample does not fit
   * @throws IOException when writing fails
   */
  public static WfdbHeader write(Path recordBase, double fs, int format, int[][] digital,
      double[] gain, int[] baseline, String[] units, String[] names, List<String> comments)
      throws IOException {
    if (format != 16 && format != 212) {
      throw new EcgArgumentException("can write formats 16 and 212, not " + format);
    }
    if (!(fs > 0) || Double.isInfinite(fs)) {
      throw new EcgArgumentException("fs must be > 0, got " + fs);
    }
    int nsig = digital.length;
    if (gain.length != nsig || baseline.length != nsig || units.length != nsig
        || names.length != nsig) {
      throw new EcgArgumentException("gain, baseline, units and names need one entry per signal ("
          + nsig + ")");
    }
    String name = recordBase.getFileName().toString();
    if (name.isEmpty() || name.matches(".*[\\s/].*")) {
      throw new EcgArgumentException("invalid record name '" + name + "'");
    }
    int n = nsig == 0 ? 0 : digital[0].length;
    int lo = WfdbFormat.minValue(format);
    int hi = WfdbFormat.maxValue(format);
    for (int s = 0; s < nsig; s++) {
      if (digital[s].length != n) {
        throw new EcgArgumentException("signal " + s + " has " + digital[s].length
            + " samples, signal 0 has " + n);
      }
      if (units[s].isEmpty() || units[s].matches(".*\\s.*") || names[s].matches(".*[\r\n].*")) {
        throw new EcgArgumentException("signal " + s + ": units must be one word and names one line");
      }
      for (int i = 0; i < n; i++) {
        int v = digital[s][i];
        if (v < lo || v > hi) {
          throw new EcgArgumentException("signal " + s + " sample " + i + " = " + v
              + " outside the range " + lo + ".." + hi + " of format " + format);
        }
      }
    }
    long flatLong = (long) n * nsig;
    if (flatLong > Integer.MAX_VALUE - 8) {
      throw new EcgArgumentException("record too large for one write: " + flatLong + " samples");
    }
    int[] flat = new int[(int) flatLong];
    for (int s = 0; s < nsig; s++) {
      int[] d = digital[s];
      for (int i = 0, q = s; i < n; i++, q += nsig) {
        flat[q] = d[i];
      }
    }
    byte[] data = SampleCodec.encode(format, flat, flat.length);
    String datName = name + ".dat";
    List<SignalSpec> specs = new ArrayList<>();
    for (int s = 0; s < nsig; s++) {
      int sum = 0;
      for (int v : digital[s]) {
        sum += v;
      }
      int init = n > 0 ? digital[s][0] : 0;
      String desc = names[s].strip();
      specs.add(new SignalSpec(datName, format, 1, 0, 0, gain[s], baseline[s], units[s],
          WfdbFormat.defaultResolution(format), 0, init, (short) sum, 0, desc,
          desc.isEmpty() ? 7 : 8));
    }
    WfdbHeader h = new WfdbHeader(name, 0, nsig, fs, 0, 0, n, "", "", specs, List.of(),
        comments == null ? List.of() : comments);
    AtomicFiles.write(recordBase.resolveSibling(datName), data);
    AtomicFiles.write(WfdbReader.headerPath(recordBase),
        h.format().getBytes(StandardCharsets.ISO_8859_1));
    return h;
  }

  /**
   * Digitizes a physical record and writes it ({@code wfdb.wrsamp} with {@code p_signal} and a
   * fixed gain): each sample becomes {@code round(x * gain)} with baseline 0, NaN becomes the
   * format's invalid value (-32768 or -2048), which reads back as NaN.
   *
   * @param recordBase record path without extension
   * @param record the record (physical units)
   * @param format 16 or 212
   * @param gain adu per physical unit, &gt; 0, the same for every channel
   * @return the header written
   * @throws EcgArgumentException when a sample does not fit the format at this gain, or the
   *     arguments are invalid
   * @throws IOException when writing fails
   */
  public static WfdbHeader writePhysical(Path recordBase, dev.ecg.io.Record record, int format,
      double gain) throws IOException {
    if (!(gain > 0) || Double.isInfinite(gain)) {
      throw new EcgArgumentException("gain must be finite and > 0, got " + gain);
    }
    if (format != 16 && format != 212) {
      throw new EcgArgumentException("can write formats 16 and 212, not " + format);
    }
    int nsig = record.channelCount();
    int n = record.length();
    int invalid = WfdbFormat.invalidValue(format);
    int lo = WfdbFormat.minValue(format) + 1;
    int hi = WfdbFormat.maxValue(format);
    int[][] d = new int[nsig][n];
    for (int s = 0; s < nsig; s++) {
      double[] x = record.signals()[s];
      for (int i = 0; i < n; i++) {
        if (Double.isNaN(x[i])) {
          d[s][i] = invalid;
          continue;
        }
        double v = Math.rint(x[i] * gain);
        if (v < lo || v > hi) {
          throw new EcgArgumentException("channel " + s + " sample " + i + " = " + x[i]
              + " does not fit format " + format + " at gain " + gain);
        }
        d[s][i] = (int) v;
      }
    }
    double[] gains = new double[nsig];
    java.util.Arrays.fill(gains, gain);
    return write(recordBase, record.fs(), format, d, gains, new int[nsig],
        record.units().toArray(new String[0]), record.channelNames().toArray(new String[0]),
        List.of());
  }

  /**
   * Writes a header file on its own (atomically).
   *
   * @param recordBase record path without extension
   * @param header the header
   * @throws IOException when writing fails
   */
  public static void writeHeader(Path recordBase, WfdbHeader header) throws IOException {
    AtomicFiles.write(WfdbReader.headerPath(recordBase),
        header.format().getBytes(StandardCharsets.ISO_8859_1));
  }
}
