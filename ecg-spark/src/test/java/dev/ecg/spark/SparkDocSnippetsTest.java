package dev.ecg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java blocks of the docs marked {@code <!-- snippet spark ... -->} compile against this
 * module's class path (Spark included): imports as written, statements wrapped in a method, the
 * directive's lines as given variables. The examples module checks every other snippet.
 */
class SparkDocSnippetsTest {

  @Test
  void sparkSnippetsCompile(@TempDir Path tmp) throws Exception {
    Path docs = Path.of("").toAbsolutePath().getParent().resolve("docs");
    List<String[]> blocks = new ArrayList<>(); // where, given, code
    try (var files = Files.list(docs)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          if (!lines.get(i).startsWith("```java") || i == 0
              || !lines.get(i - 1).trim().endsWith("-->")) {
            continue;
          }
          int c = i - 1;
          while (c > 0 && !lines.get(c).contains("<!--")) {
            c--;
          }
          String directive = String.join("\n", lines.subList(c, i));
          if (!directive.matches("(?s)\\s*<!--\\s*snippet spark\\b.*")) {
            continue;
          }
          String given = directive.replaceFirst("(?s)\\s*<!--\\s*snippet spark[^\\n]*\\n?", "")
              .replaceFirst("-->\\s*$", "");
          int end = i + 1;
          while (end < lines.size() && !lines.get(end).startsWith("```")) {
            end++;
          }
          blocks.add(new String[] {f.getFileName() + ":" + (i + 2), given,
              String.join("\n", lines.subList(i + 1, end))});
          i = end;
        }
      }
    }
    assertTrue(blocks.size() >= 2, "the Spark snippets of docs/scale.md: " + blocks.size());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> problems = new ArrayList<>();
    int n = 0;
    for (String[] b : blocks) {
      StringBuilder imports = new StringBuilder();
      StringBuilder body = new StringBuilder();
      for (String l : b[2].split("\n")) {
        (l.startsWith("import ") ? imports : body).append(l).append('\n');
      }
      String pkg = "sparksnippet" + (n++);
      String unit = "package " + pkg + ";\n" + imports + "class Snippet {\n"
          + "  static void run() throws Exception {\n" + b[1] + "\n" + body + "  }\n}\n";
      Path src = Files.createDirectories(tmp.resolve(pkg)).resolve("Snippet.java");
      Files.writeString(src, unit);
      StringWriter out = new StringWriter();
      boolean ok = javac.getTask(out, null, null, List.of("-d", tmp.resolve("classes")
          .toString(), "-classpath", System.getProperty("java.class.path"), "-proc:none"),
          null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(src)).call();
      if (!ok) {
        problems.add(b[0] + ":\n" + out);
      }
    }
    assertEquals(List.of(), problems);
  }
}
