package dev.ecg.io.datasets;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.Record;
import dev.ecg.io.wfdb.Wfdb;
import dev.ecg.io.wfdb.WfdbRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PTB-XL (Wagner et al. 2020): 12-lead 10 s ECGs with SCP-ECG statements. This loader reads the
 * 100 Hz records ({@code records100}) listed in {@code ptbxl_database.csv}. The {@code scp_codes}
 * column is exposed raw (a Python dict literal such as {@code {'NORM': 100.0, 'SR': 0.0}}); parse
 * it with the label helpers of {@code dev.ecg.core.labels}.
 */
public final class PtbXl {
  /**
   * One row of {@code ptbxl_database.csv}.
   *
   * @param ecgId ECG id
   * @param patientId patient id
   * @param scpCodes raw {@code scp_codes} text
   * @param stratFold recommended stratified fold 1..10
   * @param filenameLr path of the 100 Hz record without extension, relative to the root
   */
  public record Row(int ecgId, long patientId, String scpCodes, int stratFold, String filenameLr) {
    /** Checks the fields. */
    public Row {
      Objects.requireNonNull(scpCodes, "scpCodes");
      Objects.requireNonNull(filenameLr, "filenameLr");
    }
  }

  private final Path root;
  private final Map<Integer, Row> rows;

  /**
   * @param root the PTB-XL folder holding {@code ptbxl_database.csv} and {@code records100/}
   * @throws EcgFormatException when the folder or the CSV is missing or malformed
   * @throws IOException when the CSV cannot be read
   */
  public PtbXl(Path root) throws IOException {
    this.root = Datasets.requireDir(root, "PTB-XL");
    Path csv = Datasets.requireFile(root.resolve("ptbxl_database.csv"), "PTB-XL");
    List<List<String>> table = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8), csv);
    if (table.isEmpty()) {
      throw new EcgFormatException(csv, "line", 1, "empty file");
    }
    List<String> head = table.get(0);
    int cId = col(head, "ecg_id", csv);
    int cPat = col(head, "patient_id", csv);
    int cScp = col(head, "scp_codes", csv);
    int cFold = col(head, "strat_fold", csv);
    int cFile = col(head, "filename_lr", csv);
    Map<Integer, Row> m = new LinkedHashMap<>();
    for (int r = 1; r < table.size(); r++) {
      List<String> f = table.get(r);
      if (f.size() != head.size()) {
        throw new EcgFormatException(csv, "record", r + 1, "has " + f.size() + " fields, header "
            + head.size());
      }
      try {
        int id = (int) Double.parseDouble(f.get(cId));
        long pat = (long) Double.parseDouble(f.get(cPat));
        int fold = (int) Double.parseDouble(f.get(cFold));
        m.put(id, new Row(id, pat, f.get(cScp), fold, f.get(cFile)));
      } catch (NumberFormatException e) {
        throw new EcgFormatException(csv, "record", r + 1, "bad number: " + e.getMessage(), e);
      }
    }
    this.rows = Collections.unmodifiableMap(m);
  }

  private static int col(List<String> head, String name, Path csv) throws EcgFormatException {
    int i = head.indexOf(name);
    if (i < 0) {
      throw new EcgFormatException(csv, "line", 1, "missing column '" + name + "'");
    }
    return i;
  }

  /** @return the folder */
  public Path root() {
    return root;
  }

  /** @return all rows in file order */
  public List<Row> rows() {
    return new ArrayList<>(rows.values());
  }

  /**
   * @param ecgId ECG id
   * @return its row
   * @throws EcgArgumentException when the id is not in the CSV
   */
  public Row row(int ecgId) {
    Row r = rows.get(ecgId);
    if (r == null) {
      throw new EcgArgumentException("PTB-XL: no ecg_id " + ecgId + " in ptbxl_database.csv");
    }
    return r;
  }

  /**
   * @param ecgId ECG id
   * @return the 100 Hz WFDB record (checksums verified)
   * @throws IOException when the files are missing or invalid
   */
  public WfdbRecord readRecord(int ecgId) throws IOException {
    Path base = root.resolve(row(ecgId).filenameLr());
    Datasets.requireFile(base.resolveSibling(base.getFileName() + ".hea"), "PTB-XL");
    return Wfdb.readRecord(base);
  }

  /**
   * @param ecgId ECG id
   * @return the 12-lead record in mV
   * @throws IOException when the files are missing or invalid
   */
  public Record load(int ecgId) throws IOException {
    Path base = root.resolve(row(ecgId).filenameLr());
    Datasets.requireFile(base.resolveSibling(base.getFileName() + ".hea"), "PTB-XL");
    return Wfdb.readSamples(base);
  }
}
