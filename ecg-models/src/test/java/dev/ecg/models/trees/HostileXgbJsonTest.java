package dev.ecg.models.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.trees.TreeFixtures.T;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile XGBoost JSON: each is refused with an {@link EcgArgumentException} whose
 * message names the place and the problem, quickly and without large allocations.
 */
class HostileXgbJsonTest {

  private static final String GOOD = TreeFixtures.json("multi:softprob", 3, 2, "5E-1",
      TreeFixtures.list(TreeFixtures.stump(0, 1, 0.1, 0.2, true),
          TreeFixtures.stump(1, 2, -0.1, 0.3, false), TreeFixtures.stump(0, 0, 0.0, 0.5, true)),
      new int[] {0, 1, 2});

  private static String refused(String json) {
    long t0 = System.nanoTime();
    EcgArgumentException e = assertThrows(EcgArgumentException.class,
        () -> XgbModel.parse(json, "model.json"));
    assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "took too long");
    assertTrue(e.getMessage().startsWith("model.json"), e.getMessage());
    return e.getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "'" + message + "' should mention '" + p + "'");
    }
  }

  @Test
  void theGoodModelParses() {
    XgbModel m = XgbModel.parse(GOOD, "model.json");
    assertEquals(3, m.numClasses());
    assertEquals(2, m.numFeatures());
    assertEquals(3, m.numTrees());
  }

  @Test
  void truncatedJson() {
    for (int cut : new int[] {1, 10, GOOD.length() / 2, GOOD.length() - 1}) {
      assertMentions(refused(GOOD.substring(0, cut)), "not valid JSON");
    }
    assertMentions(refused(""), "not valid JSON");
    assertMentions(refused("[]"), "expected a JSON object");
  }

  @Test
  void wrongTypes() {
    assertMentions(refused(GOOD.replace("\"num_class\":\"3\"", "\"num_class\":[3]")),
        "num_class", "whole number");
    assertMentions(refused(GOOD.replace("\"num_class\":\"3\"", "\"num_class\":\"three\"")),
        "num_class", "three");
    assertMentions(refused(GOOD.replaceFirst("\"left_children\":\\[1,-1,-1\\]",
        "\"left_children\":\"1,-1,-1\"")), "trees[0].left_children", "expected an array");
    assertMentions(refused(GOOD.replaceFirst("\"split_conditions\":\\[1.0,",
        "\"split_conditions\":[null,")), "split_conditions[0]", "expected a number");
    assertMentions(refused(GOOD.replaceFirst("\"split_indices\":\\[0,",
        "\"split_indices\":[0.5,")), "split_indices[0]", "whole number");
    assertMentions(refused(GOOD.replace("\"base_score\":\"5E-1\"", "\"base_score\":true")),
        "base_score");
    assertMentions(refused(GOOD.replace("\"learner\":", "\"learnr\":")), "learner");
  }

  @Test
  void unsupportedModels() {
    assertMentions(refused(GOOD.replace("multi:softprob", "reg:squarederror")),
        "objective", "reg:squarederror", "not supported");
    assertMentions(refused(GOOD.replace("\"name\":\"gbtree\"", "\"name\":\"dart\"")),
        "dart", "not supported");
    assertMentions(refused(GOOD.replaceFirst("\"split_type\":\\[0,", "\"split_type\":[1,")),
        "split_type[0]", "categorical");
    assertMentions(refused(GOOD.replace("\"base_score\":\"5E-1\"",
        "\"base_score\":\"[5E-1,5E-1,5E-1]\"")), "base_score", "3.1");
    assertMentions(refused(GOOD.replace("\"version\":[3,0,4]", "\"version\":[4,0,0]")),
        "version");
    String bin = TreeFixtures.json("binary:logistic", 0, 2, "1E0",
        TreeFixtures.list(TreeFixtures.stump(0, 1, 0.1, 0.2, true)), new int[] {0});
    assertMentions(refused(bin), "base_score", "(0, 1)");
  }

  @Test
  void inconsistentArrays() {
    assertMentions(refused(GOOD.replaceFirst("\"right_children\":\\[2,-1,-1\\]",
        "\"right_children\":[2,-1]")), "trees[0].right_children", "2 entries, expected 3");
    assertMentions(refused(GOOD.replace("\"tree_info\":[0,1,2]", "\"tree_info\":[0,1]")),
        "tree_info", "expected 3");
    assertMentions(refused(GOOD.replace("\"tree_info\":[0,1,2]", "\"tree_info\":[0,1,3]")),
        "tree_info[2]", "outside");
    assertMentions(refused(GOOD.replace("\"num_trees\":\"3\"", "\"num_trees\":\"4\"")),
        "trees", "expected 4");
    assertMentions(refused(GOOD.replaceFirst("\"split_indices\":\\[0,", "\"split_indices\":[7,")),
        "split_indices[0]", "outside");
    assertMentions(refused(GOOD.replaceFirst("\"left_children\":\\[1,-1,-1\\]",
        "\"left_children\":[1,-1,5]")), "left_children[2]", "outside");
    assertMentions(refused(GOOD.replaceFirst("\"left_children\":\\[1,-1,-1\\]",
        "\"left_children\":[-1,-1,-1]")), "one child");
    assertMentions(refused(GOOD.replace("\"id\":1,", "\"id\":0,")), "trees[1].id");
  }

  @Test
  void cyclesAndSharedChildren() {
    // 0 -> (1, 2); 1 -> (2, 3): node 2 has two parents.
    T shared = new T(new int[] {1, 2, -1, -1}, new int[] {2, 3, -1, -1}, new int[4],
        new double[] {0, 0, 1, 2}, new int[4]);
    // 0 -> (1, 2); 1 -> (3, 4); 3 -> (1, 4)... a cycle back to 1.
    T cycle = new T(new int[] {1, 3, -1, 1, -1}, new int[] {2, 4, -1, 4, -1}, new int[5],
        new double[] {0, 0, 1, 0, 2}, new int[5]);
    // a child pointing back at the root
    T toRoot = new T(new int[] {1, 0, -1}, new int[] {2, 2, -1}, new int[3],
        new double[] {0, 0, 1}, new int[3]);
    T self = new T(new int[] {1, 1, -1}, new int[] {2, 2, -1}, new int[3],
        new double[] {0, 0, 1}, new int[3]);
    for (T t : List.of(shared, cycle, toRoot, self)) {
      String json = TreeFixtures.json("binary:logistic", 0, 1, "5E-1", TreeFixtures.list(t),
          new int[] {0});
      assertMentions(refused(json), "trees[0]", "node");
    }
  }

  @Test
  void tooDeep() {
    // A chain: node 2k splits into leaf 2k+1 and node 2k+2; depth d has 2d+1 nodes.
    for (int depth : new int[] {64, 65}) {
      int n = 2 * depth + 1;
      int[] l = new int[n];
      int[] r = new int[n];
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        boolean split = i % 2 == 0 && i < n - 1;
        l[i] = split ? i + 1 : -1;
        r[i] = split ? i + 2 : -1;
        c[i] = split ? 0 : 0.01;
      }
      String json = TreeFixtures.json("binary:logistic", 0, 1, "5E-1",
          TreeFixtures.list(new T(l, r, new int[n], c, new int[n])), new int[] {0});
      if (depth == 64) {
        XgbModel m = XgbModel.parse(json, "model.json");
        // x = 1 never goes left (1 < 0 is false): 64 rights to the last leaf.
        assertEquals(0.01f, m.predictMargin(new float[] {1f})[0], 1e-7f);
      } else {
        assertMentions(refused(json), "deeper than 64");
      }
    }
  }

  @Test
  void hugeDeclaredSizes() {
    assertMentions(refused(GOOD.replaceFirst("\"num_nodes\":\"3\"",
        "\"num_nodes\":\"2000000000\"")), "num_nodes", "cap");
    assertMentions(refused(GOOD.replace("\"num_trees\":\"3\"", "\"num_trees\":\"999999999999\"")),
        "num_trees", "outside");
    assertMentions(refused(GOOD.replace("\"num_class\":\"3\"", "\"num_class\":\"100000000\"")),
        "num_class", "outside");
    assertMentions(refused(GOOD.replace("\"num_feature\":\"2\",\"num_target\"",
        "\"num_feature\":\"9223372036854775807\",\"num_target\"")), "num_feature", "outside");
    // A declared size under the cap but unlike the arrays: refused before anything of that size
    // is allocated.
    List<T> many = new ArrayList<>();
    int[] info = new int[3];
    for (int k = 0; k < 3; k++) {
      many.add(TreeFixtures.stump(0, 1, 0.1, 0.2, true));
    }
    String json = TreeFixtures.json("multi:softprob", 3, 2, "5E-1", many, info)
        .replace("\"num_nodes\":\"3\"", "\"num_nodes\":\"" + (XgbModel.MAX_TOTAL_NODES / 2)
            + "\"");
    assertMentions(refused(json), "trees[0].left_children",
        "expected " + (XgbModel.MAX_TOTAL_NODES / 2));
  }

  @Test
  void oversizedFileIsRefusedBeforeParsing(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.json");
    try (var ch = Files.newByteChannel(big, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
      ch.position(XgbModel.MAX_JSON_BYTES);
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {' '}));
    }
    EcgArgumentException e = assertThrows(EcgArgumentException.class, () -> XgbModel.read(big));
    assertMentions(e.getMessage(), "big.json", "bytes");
  }

  @Test
  void wrongRowLength() {
    XgbModel m = XgbModel.parse(GOOD, "model.json");
    EcgArgumentException e = assertThrows(EcgArgumentException.class,
        () -> m.predictProba(new float[3]));
    assertMentions(e.getMessage(), "2 features", "got 3");
    assertThrows(EcgArgumentException.class, () -> m.predictProba(null));
    assertThrows(EcgArgumentException.class,
        () -> TreeOnnxExporter.export(m, List.of("only-one")));
  }
}
