package dev.ecg.examples;

import dev.ecg.models.pkg.ModelManifest;
import dev.ecg.models.pkg.ModelPackage;
import dev.ecg.models.pkg.ModelPackageException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ecg models}: lists the models bundled in the jar (classes, input, training data and
 * headline metrics); {@code ecg models NAME} prints that model's card.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the bundled models, or print the card of one.")
final class ModelsCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "NAME", description = "a bundled model name")
  String name;

  private final PrintStream out;
  private final PrintStream err;

  ModelsCommand() {
    this(System.out, System.err);
  }

  ModelsCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    ClassLoader cl = ModelsCommand.class.getClassLoader();
    List<String> names = ModelPackage.bundledNames(cl);
    if (name != null) {
      if (!names.contains(name)) {
        err.println("ecg models: no bundled model '" + name + "'; bundled: "
            + String.join(", ", names));
        return 1;
      }
      try (ModelPackage p = ModelPackage.openBundled(name, cl)) {
        out.println(p.card().orElse("(no card)"));
      } catch (ModelPackageException e) {
        err.println("ecg models: " + e.getMessage());
        return 1;
      }
      // the input layout, from the package's own steps (EcgClassifier.inputSpec())
      try (dev.ecg.models.EcgClassifier clf = dev.ecg.models.EcgClassifier.load(name)) {
        out.println();
        out.println("## Input layout");
        out.println();
        out.println(clf.inputSpec());
        return 0;
      } catch (ModelPackageException e) {
        err.println("ecg models: " + e.getMessage());
        return 1;
      }
    }
    for (String n : names) {
      try (ModelPackage p = ModelPackage.openBundled(n, cl)) {
        ModelManifest m = p.manifest();
        out.println(n);
        out.println("  classes: " + String.join(", ", m.classNames()));
        out.println("  input: " + m.leads() + " lead(s) at " + m.samplingRate() + " Hz, "
            + (m.architecture() == null ? "tree ensemble" : m.architecture().name())
            + ", " + m.preprocessing().size() + " preprocessing steps");
        if (m.provenance().data() != null) {
          out.println("  data: " + m.provenance().data());
        }
        Map<String, Double> metrics = m.provenance().metrics();
        StringBuilder sb = new StringBuilder();
        for (String k : List.of("cv_mean_cinc_score", "cinc_score", "f1_AF", "auc_AF_vs_rest",
            "f1_S", "f1_V", "macro_f1")) {
          if (metrics.containsKey(k)) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format(java.util.Locale.ROOT, "%.3f", metrics.get(k)));
          }
        }
        if (sb.length() > 0) {
          out.println("  metrics (see its card for the protocol): " + sb);
        }
      } catch (ModelPackageException e) {
        err.println("ecg models: " + n + ": " + e.getMessage());
        return 1;
      }
    }
    out.println("'ecg models NAME' prints a model's card.");
    return 0;
  }
}
