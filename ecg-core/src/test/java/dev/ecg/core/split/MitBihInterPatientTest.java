package dev.ecg.core.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MitBihInterPatientTest {

  @Test
  void listsMatchDeChazal2004() {
    // Table in de Chazal et al. 2004, as listed in shared/data/README.md.
    assertEquals(List.of("101", "106", "108", "109", "112", "114", "115", "116", "118", "119",
        "122", "124", "201", "203", "205", "207", "208", "209", "215", "220", "223", "230"),
        MitBihInterPatient.DS1);
    assertEquals(List.of("100", "103", "105", "111", "113", "117", "121", "123", "200", "202",
        "210", "212", "213", "214", "219", "221", "222", "228", "231", "232", "233", "234"),
        MitBihInterPatient.DS2);
    assertEquals(List.of("102", "104", "107", "217"), MitBihInterPatient.PACED);
  }

  @Test
  void setsAreDisjointAndCover48Records() {
    Set<String> all = new TreeSet<>();
    all.addAll(MitBihInterPatient.DS1);
    all.addAll(MitBihInterPatient.DS2);
    all.addAll(MitBihInterPatient.PACED);
    assertEquals(48, all.size());
    assertTrue(MitBihInterPatient.isDs1("101"));
    assertFalse(MitBihInterPatient.isDs1("100"));
    assertTrue(MitBihInterPatient.isDs2("100"));
    assertTrue(MitBihInterPatient.isPaced("217"));
    assertFalse(MitBihInterPatient.isDs1("217"));
    assertFalse(MitBihInterPatient.isDs2("217"));
    assertFalse(MitBihInterPatient.isDs1(null));
    assertFalse(MitBihInterPatient.isDs1("999"));
  }

  @Test
  void coversTheRecordsFileOfMitdb() throws IOException {
    Path mitdb = DataDir.find("mitdb").orElse(null);
    Assumptions.assumeTrue(mitdb != null, DataDir.missingMessage("mitdb"));
    Set<String> records = Files.readAllLines(mitdb.resolve("RECORDS")).stream()
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    Set<String> ours = new TreeSet<>(MitBihInterPatient.DS1);
    ours.addAll(MitBihInterPatient.DS2);
    ours.addAll(MitBihInterPatient.PACED);
    assertEquals(records, ours);
  }
}
