package dev.ecg.io.reliability;

import dev.ecg.io.Annotation;
import dev.ecg.io.Record;
import dev.ecg.io.csv.HeartbeatCsv;
import dev.ecg.io.csv.HeartbeatData;
import dev.ecg.io.edf.EdfWriter;
import dev.ecg.io.wfdb.WfdbAnnotations;
import dev.ecg.io.wfdb.WfdbWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link PartialWriteTest}: writes a payload of well over 1 MiB with one writer,
 * so that a file-size limit ({@code ulimit -f}) set on this process makes the write fail part way
 * (EFBIG, as a full disk would). Exit status 3 means the writer threw an IOException, 0 that it
 * succeeded, 4 anything else.
 */
public final class PartialWriteChild {
  private PartialWriteChild() {}

  /**
   * @param writer {@code wfdb}, {@code annotations}, {@code edf} or {@code heartbeat-csv}
   * @param target the target path (record base for {@code wfdb})
   * @throws IOException as the writer throws it
   */
  static void write(String writer, Path target) throws IOException {
    int n = 1_200_000;
    switch (writer) {
      case "wfdb" -> {
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
          d[i] = (i * 37) % 2000 - 1000;
        }
        WfdbWriter.write(target, 360, 16, new int[][] {d}, new double[] {200}, new int[] {0},
            new String[] {"mV"}, new String[] {"MLII"}, List.of());
      }
      case "annotations" -> {
        List<Annotation> a = new ArrayList<>();
        for (int i = 0; i < n / 2; i++) {
          a.add(new Annotation(10L * i, "N", 0, 0, 0, ""));
        }
        WfdbAnnotations.write(target, a);
      }
      case "edf" -> {
        double[] x = new double[360 * 3400];
        for (int i = 0; i < x.length; i++) {
          x[i] = Math.sin(i / 20.0);
        }
        Record r = new Record("r", 360, List.of("ECG"), List.of("mV"), new double[][] {x},
            List.of());
        EdfWriter.write(EdfWriter.fromRecord(r, 360, LocalDateTime.of(2020, 1, 1, 0, 0)),
            target);
      }
      case "heartbeat-csv" -> {
        float[][] b = new float[2000][187];
        int[] l = new int[2000];
        for (int i = 0; i < b.length; i++) {
          for (int j = 0; j < 187; j++) {
            b[i][j] = (float) Math.sin(i + j / 10.0);
          }
          l[i] = i % 5;
        }
        HeartbeatCsv.write(target, new HeartbeatData(b, l));
      }
      default -> throw new IllegalArgumentException("unknown writer " + writer);
    }
  }

  /**
   * @param args writer name and target path
   */
  public static void main(String[] args) {
    try {
      write(args[0], Path.of(args[1]));
      System.exit(0);
    } catch (IOException e) {
      System.out.println("IOException: " + e);
      System.exit(3);
    } catch (Throwable e) {
      e.printStackTrace(System.out);
      System.exit(4);
    }
  }
}
