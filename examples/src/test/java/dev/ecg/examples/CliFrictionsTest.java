package dev.ecg.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command-line tool as a person meets it: errors, model listing, progress lines. */
class CliFrictionsTest {
  @TempDir Path tmp;

  private static CliRun ecg(String... args) {
    return CliRun.ecg(args);
  }

  @Test
  void aFailingCommandPrintsOneLineUnlessDebug() {
    Path nowhere = tmp.resolve("no-such-folder");
    CliRun r = ecg("evaluate", "--model", "mitbih-aami5", "--dataset", "mitbih", "--data",
        nowhere.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("ecg evaluate: ") && r.err().contains("folder not found"),
        r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace without --debug:\n" + r.err());
    CliRun d = ecg("evaluate", "--model", "mitbih-aami5", "--dataset", "mitbih", "--data",
        nowhere.toString(), "--debug");
    assertEquals(1, d.code());
    assertTrue(d.err().contains("\tat "), "--debug shows the stack trace:\n" + d.err());
  }

  @Test
  void modelsListsEveryBundledModelAndPrintsACard() {
    CliRun r = ecg("models");
    assertEquals(0, r.code(), r.err());
    for (String n : List.of("mitbih-aami5", "cinc2017-rhythm", "af-detect",
        "mitbih-aami5-live")) {
      assertTrue(r.out().lines().anyMatch(l -> l.equals(n)), n + " in\n" + r.out());
    }
    CliRun card = ecg("models", "af-detect");
    assertEquals(0, card.code(), card.err());
    assertTrue(card.out().startsWith("# af-detect"), card.out());
    assertTrue(card.out().contains("Do not use it for"), card.out());
    CliRun beat = ecg("models", "mitbih-aami5");
    assertEquals(0, beat.code(), beat.err());
    assertTrue(beat.out().contains("## Input layout")
        && beat.out().contains("[183, 187) rr-features"), beat.out());
    CliRun bad = ecg("models", "nosuch");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("bundled: mitbih-aami5, cinc2017-rhythm, af-detect, mitbih-aami5-live"),
        bad.err());
  }

  @Test
  void anUnknownModelNameListsTheBundledOnes() throws Exception {
    Path csv = tmp.resolve("x.csv");
    java.nio.file.Files.writeString(csv, "a\n1\n2\n");
    CliRun r = ecg("classify", "--model", "nosuch", "--fs", "100", csv.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("bundled models: mitbih-aami5, cinc2017-rhythm, af-detect, mitbih-aami5-live"),
        r.err());
    CliRun noFs = ecg("classify", csv.toString());
    assertTrue(noFs.err().contains("--fs HZ") && !noFs.err().contains("Options.fs"),
        noFs.err());
  }

  @Test
  void progressOnAPipeIsALinePerTenthWithTotalAndTimeLeft() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    RecordProgress p = new RecordProgress(new PrintStream(o, true, StandardCharsets.UTF_8),
        "ecg evaluate", 200, false);
    for (int i = 1; i <= 200; i++) {
      p.update(i, "");
    }
    List<String> lines = o.toString(StandardCharsets.UTF_8).lines().toList();
    // the first record, then one line per tenth: 11 lines for 200 records
    assertEquals(11, lines.size(), lines.toString());
    assertTrue(lines.get(lines.size() - 1).startsWith("ecg evaluate: 200/200 records (100.0 %)"),
        lines.toString());
    assertTrue(lines.get(0).contains(" left"), lines.get(0));
    assertEquals("1 h 2 min", RecordProgress.duration(3720));
    assertEquals("2 min 5 s", RecordProgress.duration(125));
  }

  @Test
  void helpListsTheModelsCommand() {
    String usage = new CommandLine(new EcgCli()).getUsageMessage();
    assertTrue(usage.contains("models"), usage);
  }

  /**
   * Every option a command's help mentions, in its synopsis or in any description, is one that
   * command has: no help text advertises an option (such as a former {@code train --list}) that
   * the parser would refuse.
   */
  @Test
  void helpMentionsOnlyOptionsThatExist() {
    CommandLine root = new CommandLine(new EcgCli());
    java.util.regex.Pattern opt = java.util.regex.Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");
    List<String> problems = new java.util.ArrayList<>();
    for (var e : root.getSubcommands().entrySet()) {
      CommandLine sub = e.getValue();
      String help = sub.getUsageMessage(CommandLine.Help.Ansi.OFF);
      java.util.regex.Matcher m = opt.matcher(help);
      while (m.find()) {
        if (sub.getCommandSpec().findOption(m.group()) == null) {
          problems.add("ecg " + e.getKey() + " --help mentions " + m.group());
        }
      }
    }
    assertTrue(root.getSubcommands().size() >= 8, root.getSubcommands().keySet().toString());
    assertEquals(List.of(), problems);
  }

  /** Loads the PyTorch engine as {@code ecg train} does and reports its GPU count. */
  public static final class EngineStart {
    private EngineStart() {}

    /**
     * @param args unused
     */
    public static void main(String[] args) {
      System.out.println("gpus " + ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount());
    }
  }

  /**
   * Starting libtorch, as {@code ecg train} does, logs nothing from DJL on a CPU-only machine:
   * no CUDA probe warnings, no engine chatter (the tool's simplelogger.properties).
   */
  @Test
  void engineStartIsQuietOnACpuMachine() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
        EngineStart.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("gpus "), out);
    assertFalse(out.contains("ai.djl") || out.toLowerCase(java.util.Locale.ROOT).contains("cuda"),
        "DJL logged on engine start:\n" + out);
  }
}
