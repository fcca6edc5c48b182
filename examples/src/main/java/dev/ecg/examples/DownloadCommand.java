package dev.ecg.examples;

import dev.ecg.io.physionet.DownloadProgress;
import dev.ecg.io.physionet.DownloadResult;
import dev.ecg.io.physionet.PhysioNet;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ecg download DB}: fetches a PhysioNet database, or some of its records, with the
 * {@link PhysioNet} client (SHA-256 verified against the database's own {@code SHA256SUMS.txt},
 * resumable, files already present skipped).
 */
@Command(name = "download", mixinStandardHelpOptions = true,
    description = "Download a PhysioNet database or some of its records (hash-verified).")
final class DownloadCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DB", description = "database slug, e.g. mitdb")
  String database;

  @Option(names = "--version", defaultValue = "1.0.0",
      description = "database version (default: ${DEFAULT-VALUE})")
  String dbVersion;

  @Option(names = "--records", split = ",", description = "only these records, e.g. 100,101")
  List<String> records;

  @Option(names = "--out", description = "target folder (default: data/<DB>)")
  Path out;

  @Option(names = "--base-url", defaultValue = "https://physionet.org",
      description = "server (default: ${DEFAULT-VALUE})")
  URI baseUrl;

  private final PrintStream stdout;

  DownloadCommand() {
    this(System.out);
  }

  DownloadCommand(PrintStream out) {
    this.stdout = out;
  }

  @Override
  public Integer call() throws Exception {
    Path target = out != null ? out : Path.of("data", database);
    PhysioNet client = PhysioNet.builder().baseUrl(baseUrl).progress(this::report).build();
    DownloadResult r;
    if (records == null || records.isEmpty()) {
      r = client.download(database, dbVersion, target);
    } else {
      int files = 0;
      int downloaded = 0;
      int cached = 0;
      long bytes = 0;
      for (String rec : records) {
        DownloadResult one = client.downloadRecord(database, dbVersion, rec, target);
        files += one.files().size();
        downloaded += one.downloaded();
        cached += one.cached();
        bytes += one.bytesTransferred();
      }
      stdout.printf(Locale.ROOT, "%s %s: %d record(s), %d file(s): %d downloaded, %d already "
          + "present, %.1f MB, in %s%n", database, dbVersion, records.size(), files, downloaded,
          cached, bytes / 1e6, target.toAbsolutePath());
      return 0;
    }
    stdout.printf(Locale.ROOT, "%s %s: %d file(s): %d downloaded, %d already present, %.1f MB, "
        + "in %s%n", database, dbVersion, r.files().size(), r.downloaded(), r.cached(),
        r.bytesTransferred() / 1e6, target.toAbsolutePath());
    return 0;
  }

  private synchronized void report(DownloadProgress p) {
    if (p.stage() == DownloadProgress.Stage.VERIFIED || p.stage() == DownloadProgress.Stage.FAILED
        || p.stage() == DownloadProgress.Stage.RETRYING) {
      stdout.println("  " + p.file() + " " + p.stage().name().toLowerCase(Locale.ROOT));
    }
  }
}
