package dev.ecg.core.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real PTB-XL metadata in the shared data folder (skipped without it). Expected counts come
 * from Python's csv module and ast.literal_eval (make_split_fixtures.py) and, for NORM, from the
 * data README (297).
 */
class PtbxlLabelsDataTest {

  private static Path ptbxl() {
    Path p = DataDir.find("ptbxl").orElse(null);
    Assumptions.assumeTrue(p != null, DataDir.missingMessage("ptbxl"));
    return p;
  }

  @Test
  void readsTheFullStatementTable() throws IOException {
    ScpStatements scp = ScpStatements.read(ptbxl().resolve("scp_statements.csv"));
    assertEquals(71, scp.size(), "PTB-XL defines 71 SCP statements");
    long diagnostic = scp.statements().values().stream().filter(ScpStatement::diagnostic).count();
    long rhythm = scp.statements().values().stream().filter(ScpStatement::rhythm).count();
    long form = scp.statements().values().stream().filter(ScpStatement::form).count();
    // Wagner et al. 2020: 44 diagnostic, 12 rhythm and 19 form statements.
    assertEquals(44, diagnostic);
    assertEquals(12, rhythm);
    assertEquals(19, form);
    assertTrue(scp.statements().values().stream().filter(ScpStatement::diagnostic)
        .allMatch(s -> s.diagnosticClass().isPresent()));
  }

  @Test
  void allDatabaseRowsParseAndSuperclassCountsMatchPython() throws IOException {
    Path dir = ptbxl();
    ScpStatements scp = ScpStatements.read(dir.resolve("scp_statements.csv"));
    List<List<String>> rows = Csv.read(dir.resolve("ptbxl_database.csv"));
    List<String> header = rows.get(0);
    int col = header.indexOf("scp_codes");
    assertTrue(col >= 0, "scp_codes column");
    Map<PtbxlSuperclass, Integer> counts = new EnumMap<>(PtbxlSuperclass.class);
    int none = 0;
    for (List<String> row : rows.subList(1, rows.size())) {
      assertEquals(header.size(), row.size(), "fields in row " + row.get(0));
      Set<PtbxlSuperclass> sup = scp.superclassesOf(ScpStatements.parseScpCodes(row.get(col)));
      sup.forEach(c -> counts.merge(c, 1, Integer::sum));
      if (sup.isEmpty()) {
        none++;
      }
    }
    System.out.println("PTB-XL " + (rows.size() - 1) + " records, superclass counts " + counts
        + ", no superclass " + none);
    Map<String, Integer> expected = expectedCounts();
    assertEquals(expected.get("rows"), rows.size() - 1);
    for (PtbxlSuperclass c : PtbxlSuperclass.values()) {
      assertEquals(expected.get(c.name()), counts.getOrDefault(c, 0), c.name());
    }
    assertEquals(297, counts.get(PtbxlSuperclass.NORM), "NORM count in shared/data/README.md");
    assertEquals(expected.get("none"), none);
  }

  private static Map<String, Integer> expectedCounts() throws IOException {
    try (InputStream in = PtbxlLabelsDataTest.class
        .getResourceAsStream("/split/ptbxl_superclass_counts.txt")) {
      assertTrue(in != null, "fixture on the classpath");
      Map<String, Integer> m = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] f = line.split("\\|");
          m.put(f[0], Integer.parseInt(f[1].trim()));
        }
      }
      return m;
    }
  }
}
