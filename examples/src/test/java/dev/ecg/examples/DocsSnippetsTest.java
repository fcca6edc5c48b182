package dev.ecg.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import picocli.CommandLine;

/**
 * Docs as code: every fenced snippet in README.md and docs/*.md is checked by the build, so a
 * wrong import, a renamed method or a CLI option that no longer exists fails here.
 *
 * <ul>
 *   <li>{@code java} blocks are compiled against this module's class path. A block with
 *       {@code import} lines is compiled with exactly those imports (what a reader copies must
 *       compile); a block without them gets a single-type import of every public type of the
 *       SDK and {@code java.util.*}, {@code java.nio.file.*}. A block that declares a class is
 *       compiled as it is; a {@code module} declaration must require only the SDK's module
 *       names. Statements are wrapped in a method.</li>
 *   <li>A block marked {@code <!-- snippet spark -->} is left to ecg-spark's
 *       {@code SparkDocSnippetsTest}, which has Spark on its class path.</li>
 *   <li>An HTML comment right before a block, {@code <!-- snippet [run|run-data] ... -->}, may
 *       declare what the snippet takes as given (Java lines, invisible on the rendered page).
 *       {@code run} snippets are executed; {@code run-data} ones too, in a child JVM whose
 *       working directory is the reference data folder (skipped when it is absent), so paths
 *       such as {@code Path.of("mitdb/100")} resolve as a reader's would.</li>
 *   <li>{@code xml} blocks must parse, and every {@code dev.ecg} coordinate must name an
 *       artifact this repository builds.</li>
 *   <li>Every {@code ecg ...} or {@code java -jar .../ecg.jar ...} command line in a fenced
 *       block must parse with the {@code ecg} tool's own command definition.</li>
 * </ul>
 */
class DocsSnippetsTest {

  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  /** A fenced block of a markdown file. */
  record Snippet(Path file, int line, String lang, String code, String flags, String given) {
    String where() {
      return ROOT.relativize(file) + ":" + line;
    }
  }

  static List<Snippet> snippets;

  @BeforeAll
  static void readDocs() throws IOException {
    snippets = new ArrayList<>();
    for (Path f : docFiles()) {
      snippets.addAll(parse(f));
    }
  }

  static final Pattern DIRECTIVE = Pattern.compile("<!--\\s*snippet\\b([^\\n]*)\\n?(.*?)-->",
      Pattern.DOTALL);

  static List<Snippet> parse(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Snippet> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (!l.startsWith("```")) {
        continue;
      }
      String lang = l.substring(3).trim();
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      // the directive: an HTML comment ending on the line before the fence
      String flags = "";
      String given = "";
      if (i > 0 && lines.get(i - 1).trim().endsWith("-->")) {
        int c = i - 1;
        while (c > 0 && !lines.get(c).contains("<!--")) {
          c--;
        }
        Matcher m = DIRECTIVE.matcher(String.join("\n", lines.subList(c, i)));
        if (m.find()) {
          flags = m.group(1).trim();
          given = m.group(2);
        }
      }
      out.add(new Snippet(file, start + 1, lang.toLowerCase(Locale.ROOT),
          String.join("\n", lines.subList(start, Math.min(end, lines.size()))), flags, given));
      i = end;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------- Java

  static final Pattern CLASS_DECL = Pattern.compile("(?m)^(public\\s+)?(final\\s+)?(class|record|"
      + "interface|enum)\\s+(\\w+)");
  static final Pattern MODULE_DECL = Pattern.compile("(?m)^module\\s+([\\w.]+)\\s*\\{");

  @Test
  void everyJavaSnippetCompilesAndTheRunnableOnesRun(@TempDir Path tmp) throws Exception {
    // "snippet spark" blocks need Spark on the class path: ecg-spark's SparkDocSnippetsTest
    // compiles them (Spark's Scala 2.13 cannot share this module's class path with XGBoost4J's
    // Scala 2.12)
    List<Snippet> java = snippets.stream().filter(s -> s.lang().equals("java")
        && !s.flags().startsWith("spark")).toList();
    assertTrue(java.size() >= 15, "expected the docs' Java snippets, found " + java.size());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertTrue(javac != null, "tests need a JDK");
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    String autoImports = autoImports();
    Map<Path, Snippet> units = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    List<String> runnable = new ArrayList<>();
    List<String> runData = new ArrayList<>();
    int n = 0;
    for (Snippet s : java) {
      n++;
      Matcher mod = MODULE_DECL.matcher(s.code());
      if (mod.find()) {
        checkModule(s, problems);
        continue;
      }
      String pkg = "snippet" + n;
      Matcher cls = CLASS_DECL.matcher(s.code());
      String unit;
      String className;
      if (cls.find()) {
        className = cls.group(4);
        unit = "package " + pkg + ";\n" + s.code();
      } else {
        className = "Snippet";
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String l : s.code().split("\n", -1)) {
          if (l.startsWith("import ")) {
            imports.append(l).append('\n');
          } else {
            body.append(l).append('\n');
          }
        }
        // the package line and wrapper add lines before the body: keep the given code on the
        // wrapper's line so javac's line numbers point into the snippet (line - 2)
        unit = "package " + pkg + ";" + (imports.length() > 0 ? imports.toString().replace('\n',
            ' ') : autoImports) + "\npublic class Snippet { public static void run() throws "
            + "Exception { " + s.given().replace('\n', ' ') + "\n" + body + "}}\n";
      }
      Path f = src.resolve(pkg).resolve(className + ".java");
      Files.createDirectories(f.getParent());
      Files.writeString(f, unit);
      units.put(f, s);
      if (s.flags().startsWith("run-data")) {
        runData.add(pkg + "." + className + "\t" + s.where());
      } else if (s.flags().startsWith("run")) {
        runnable.add(pkg + "." + className + "\t" + s.where());
      }
    }
    DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT,
        StandardCharsets.UTF_8)) {
      List<String> opts = List.of("-d", classes.toString(), "-cp",
          System.getProperty("java.class.path"), "-proc:none", "-nowarn", "-Xlint:none",
          "--release", "17");
      javac.getTask(null, fm, diags, opts, null, fm.getJavaFileObjectsFromPaths(units.keySet()))
          .call();
    }
    for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      Path f = Path.of(d.getSource().toUri());
      Snippet s = units.get(f);
      // wrapped: package and imports on line 1, the wrapper on line 2, the snippet from line 3;
      // a class as written: the package on line 1, the snippet from line 2
      long offset = CLASS_DECL.matcher(s.code()).find() ? 2 : 3;
      problems.add(ROOT.relativize(s.file()) + ":" + (s.line() + d.getLineNumber() - offset)
          + ": "
          + d.getMessage(Locale.ROOT).lines().map(String::trim).collect(Collectors.joining("; ")));
    }
    assertEquals(List.of(), problems, "doc snippets that do not compile");

    assertTrue(runnable.size() + runData.size() >= 4, "expected runnable snippets");
    String dataDir = System.getProperty("ecg.data.dir", "../shared/data");
    boolean haveData = Files.isDirectory(Path.of(dataDir).resolve("mitdb"));
    List<String> toRun = new ArrayList<>(runnable);
    if (haveData) {
      toRun.addAll(runData);
    } else {
      System.out.println("DocsSnippetsTest: " + runData.size() + " run-data snippets not run: "
          + "no MIT-BIH under " + dataDir);
    }
    Path work = haveData ? Path.of(dataDir).toAbsolutePath() : tmp;
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx2g", "-Dai.djl.offline=true", "-Djava.awt.headless=true",
        "-Decg.data.dir=" + Path.of(dataDir).toAbsolutePath(),
        "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"),
        SnippetRunner.class.getName()).directory(work.toFile()).redirectErrorStream(true);
    pb.command().addAll(toRun.stream().map(r -> r.split("\t")[0]).toList());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "snippets did not finish");
    List<String> failed = out.lines().filter(l -> l.startsWith("FAILED ")).toList();
    List<String> ok = out.lines().filter(l -> l.startsWith("OK ")).toList();
    assertEquals(List.of(), failed.stream().map(l -> {
      String cls = l.split(" ")[1];
      return toRun.stream().filter(r -> r.startsWith(cls + "\t")).findFirst().orElse(cls)
          .split("\t")[1] + ": " + l;
    }).toList(), out);
    assertEquals(toRun.size(), ok.size(), out);
    ok.forEach(l -> System.out.println("DocsSnippetsTest: " + l));
    // a non-daemon thread left behind would keep a reader's program alive after main returns
    assertEquals(List.of(), out.lines().filter(l -> l.startsWith("LIVE")).toList(), out);
  }

  /** Runs {@code run()} of each named class; one line per class. */
  public static final class SnippetRunner {
    private SnippetRunner() {}

    /**
     * @param args class names
     */
    public static void main(String[] args) {
      for (String c : args) {
        long t0 = System.nanoTime();
        try {
          Class.forName(c).getMethod("run").invoke(null);
          System.out.printf(Locale.ROOT, "OK %s %.1f s%n", c, (System.nanoTime() - t0) / 1e9);
        } catch (java.lang.reflect.InvocationTargetException e) {
          System.out.println("FAILED " + c + " " + e.getCause());
          e.getCause().printStackTrace(System.out);
        } catch (ReflectiveOperationException e) {
          System.out.println("FAILED " + c + " " + e);
        }
      }
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (!t.isDaemon() && t != Thread.currentThread()) {
          System.out.println("LIVE " + t.getName() + " " + t.getState());
        }
      }
    }
  }

  /** The module declaration a reader copies names only modules this SDK has. */
  static void checkModule(Snippet s, List<String> problems) {
    Set<String> ours = Set.of("dev.ecg.core", "dev.ecg.io", "dev.ecg.models", "dev.ecg.train");
    Matcher m = Pattern.compile("requires\\s+(transitive\\s+)?([\\w.]+)\\s*;").matcher(s.code());
    int n = 0;
    while (m.find()) {
      n++;
      if (!ours.contains(m.group(2)) && !m.group(2).startsWith("java.")) {
        problems.add(s.where() + ": no module " + m.group(2));
      }
    }
    if (n == 0) {
      problems.add(s.where() + ": a module declaration without requires");
    }
    // the names must be those the jars declare
    for (String mod : ours) {
      String artifact = "ecg-" + mod.substring("dev.ecg.".length());
      String pom;
      try {
        pom = Files.readString(ROOT.resolve(artifact).resolve("pom.xml"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!pom.contains("<ecg.module.name>" + mod + "</ecg.module.name>")) {
        problems.add(artifact + "/pom.xml does not name its module " + mod);
      }
    }
  }

  /** Single-type imports of every public top-level type of the SDK with a unique simple name. */
  static String autoImports() throws IOException {
    Map<String, List<String>> bySimple = new TreeMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path e = Path.of(entry);
      List<String> names = new ArrayList<>();
      if (Files.isDirectory(e) && !entry.contains("test-classes")) {
        try (Stream<Path> w = Files.walk(e)) {
          w.map(p -> e.relativize(p).toString().replace(File.separatorChar, '/'))
              .forEach(names::add);
        }
      } else if (entry.endsWith(".jar") && e.getFileName().toString().startsWith("ecg-")
          && !entry.endsWith("-tests.jar")) {
        try (JarFile j = new JarFile(e.toFile())) {
          j.stream().map(x -> x.getName()).forEach(names::add);
        }
      }
      for (String n : names) {
        if (n.startsWith("dev/ecg/") && n.endsWith(".class") && !n.contains("$")
            && !n.endsWith("package-info.class") && !n.endsWith("module-info.class")) {
          String fqn = n.substring(0, n.length() - 6).replace('/', '.');
          bySimple.computeIfAbsent(fqn.substring(fqn.lastIndexOf('.') + 1),
              k -> new ArrayList<>()).add(fqn);
        }
      }
    }
    StringBuilder sb = new StringBuilder(" import java.util.*; import java.nio.file.*;"
        + " import java.net.URI; import ai.djl.Device;");
    ClassLoader cl = DocsSnippetsTest.class.getClassLoader();
    for (Map.Entry<String, List<String>> e : bySimple.entrySet()) {
      List<String> distinct = e.getValue().stream().distinct().toList();
      if (distinct.size() != 1) {
        continue;
      }
      try {
        if (Modifier.isPublic(Class.forName(distinct.get(0), false, cl).getModifiers())) {
          sb.append(" import ").append(distinct.get(0)).append(';');
        }
      } catch (ClassNotFoundException | LinkageError ex) {
        // not loadable here: not importable either
      }
    }
    return sb.toString();
  }

  // ----------------------------------------------------------------------------------- XML

  @Test
  void everyXmlSnippetParsesAndNamesOurArtifacts() throws Exception {
    String rootPom = Files.readString(ROOT.resolve("pom.xml"));
    Matcher mm = Pattern.compile("<module>([\\w-]+)</module>").matcher(rootPom);
    List<String> modules = new ArrayList<>();
    while (mm.find()) {
      modules.add(mm.group(1));
    }
    Matcher vm = Pattern.compile("<artifactId>ecg-parent</artifactId>\\s*<version>([^<]+)"
        + "</version>").matcher(rootPom);
    assertTrue(vm.find());
    String version = vm.group(1);
    List<Snippet> xml = snippets.stream().filter(s -> s.lang().equals("xml")).toList();
    assertTrue(xml.size() >= 4, "expected the Maven snippets, found " + xml.size());
    List<String> problems = new ArrayList<>();
    int coordinates = 0;
    for (Snippet s : xml) {
      Document doc;
      try {
        doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(
            new StringReader("<snippet>" + s.code() + "</snippet>")));
      } catch (org.xml.sax.SAXException e) {
        problems.add(s.where() + ": not well-formed XML: " + e.getMessage());
        continue;
      }
      NodeList deps = doc.getElementsByTagName("dependency");
      for (int i = 0; i < deps.getLength(); i++) {
        Element d = (Element) deps.item(i);
        if (!"dev.ecg".equals(text(d, "groupId"))) {
          continue;
        }
        coordinates++;
        String a = text(d, "artifactId");
        if (!modules.contains(a) || a.equals("examples") || a.equals("ecg-bench")) {
          problems.add(s.where() + ": dev.ecg:" + a + " is not an artifact of this build");
        }
        String v = text(d, "version");
        if (v != null && !v.equals(version)) {
          problems.add(s.where() + ": dev.ecg:" + a + " version " + v + ", the build is "
              + version);
        }
      }
    }
    assertTrue(coordinates >= 4, "expected dev.ecg coordinates in the snippets");
    assertEquals(List.of(), problems);
  }

  static String text(Element parent, String tag) {
    NodeList l = parent.getElementsByTagName(tag);
    return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
  }

  // ----------------------------------------------------------------------------------- CLI

  static final Pattern CLI = Pattern.compile("(?:\\becg\\.jar|^ecg)\\s+(.*)$");

  @Test
  void everyDocumentedCommandLineParses() {
    List<String> problems = new ArrayList<>();
    int commands = 0;
    for (Snippet s : snippets) {
      if (s.lang().equals("java") || s.lang().equals("xml")) {
        continue;
      }
      String joined = s.code().replaceAll("\\\\\\n\\s*", " ");
      int k = 0;
      for (String line : joined.split("\n")) {
        k++;
        String l = line.trim();
        if (l.startsWith("$ ")) {
          l = l.substring(2);
        }
        if (l.contains("-cp ") || l.contains("-classpath ")) {
          continue; // a class run from the jar, not the tool
        }
        Matcher m = CLI.matcher(l);
        if (!m.find()) {
          continue;
        }
        // a synopsis: [--opt VALUE] groups are optional; each must name an option of the command
        String rest = m.group(1);
        List<String> optional = new ArrayList<>();
        Matcher g = Pattern.compile("\\[([^\\[\\]]*)\\]").matcher(rest);
        while (g.find()) {
          Matcher o = Pattern.compile("(?<![\\w-])(--?[\\w-]+)").matcher(g.group(1));
          if (o.find()) {
            optional.add(o.group(1));
          }
        }
        rest = rest.replaceAll("\\[[^\\[\\]]*\\]", " ");
        List<String> args = tokens(rest);
        if (args.isEmpty() || args.get(0).startsWith("<")) {
          continue;
        }
        commands++;
        String where = ROOT.relativize(s.file()) + ":" + (s.line() + k - 1) + ": ecg "
            + String.join(" ", args);
        try {
          CommandLine.ParseResult pr = new CommandLine(new EcgCli())
              .parseArgs(args.toArray(String[]::new));
          while (pr.hasSubcommand()) {
            pr = pr.subcommand();
          }
          for (String opt : optional) {
            if (pr.commandSpec().findOption(opt) == null) {
              problems.add(where + " -> no option " + opt);
            }
          }
        } catch (CommandLine.ParameterException e) {
          problems.add(where + " -> " + e.getMessage());
        }
      }
    }
    assertTrue(commands >= 10, "expected the documented commands, found " + commands);
    assertEquals(List.of(), problems);
  }

  /** Shell-like words up to a comment, pipe, redirection or command separator. */
  static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = null;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        cur = cur == null ? new StringBuilder() : cur;
      } else if (Character.isWhitespace(c)) {
        if (cur != null) {
          out.add(cur.toString());
          cur = null;
        }
      } else if (cur == null && (c == '#' || c == '|' || c == '>' || c == '&' || c == ';')) {
        break;
      } else {
        cur = cur == null ? new StringBuilder() : cur;
        cur.append(c);
      }
    }
    if (cur != null) {
      out.add(cur.toString());
    }
    return out.stream().filter(t -> !t.equals("--debug")).collect(Collectors.toList());
  }

  // ------------------------------------------------------------------------ inline API names

  static final Pattern INLINE_CALL = Pattern.compile("`(?:new )?([A-Z]\\w*)\\.([a-z]\\w*)\\(");

  /**
   * Inline code in prose and tables, such as {@code `Hrv.compute(peaks, fs)`}: when the type is
   * one of the SDK's (a unique simple name), it must have a public method, or a public nested
   * type's method, of that name. Catches a renamed or removed method the pages still cite.
   */
  @Test
  void everyInlineSdkCallNamesAnExistingMethod() throws Exception {
    Map<String, String> types = new TreeMap<>();
    for (String imp : autoImports().split(";")) {
      String t = imp.trim();
      if (t.startsWith("import dev.ecg.")) {
        String fqn = t.substring("import ".length());
        types.put(fqn.substring(fqn.lastIndexOf('.') + 1), fqn);
      }
    }
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path f : docFiles()) {
      boolean fenced = false;
      int n = 0;
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        n++;
        if (line.startsWith("```")) {
          fenced = !fenced;
          continue;
        }
        if (fenced) {
          continue;
        }
        Matcher m = INLINE_CALL.matcher(line);
        while (m.find()) {
          String fqn = types.get(m.group(1));
          if (fqn == null) {
            continue;
          }
          checked++;
          Class<?> c = Class.forName(fqn, false, DocsSnippetsTest.class.getClassLoader());
          if (!hasMethod(c, m.group(2))) {
            problems.add(ROOT.relativize(f) + ":" + n + ": " + m.group(1) + "." + m.group(2)
                + "(...): " + fqn + " has no public method " + m.group(2));
          }
        }
      }
    }
    assertTrue(checked >= 50, "expected inline calls to check, found " + checked);
    assertEquals(List.of(), problems);
  }

  static boolean hasMethod(Class<?> c, String name) {
    for (java.lang.reflect.Method m : c.getMethods()) {
      if (m.getName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  static List<Path> docFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("README.md"));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }
}
