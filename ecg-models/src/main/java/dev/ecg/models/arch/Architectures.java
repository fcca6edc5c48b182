package dev.ecg.models.arch;

import dev.ecg.core.EcgArgumentException;
import java.util.List;
import java.util.Map;

/** Registry and shortcuts: rebuilds any architecture from its name and hyperparameters. */
public final class Architectures {

  /** Every registered name. */
  public static final List<String> NAMES =
      List.of(
          SimpleCnn.NAME,
          BiLstmClassifier.NAME,
          ResNet1d.NAME,
          SpectrogramCnn2d.NAME,
          KachueeResNet.NAME,
          CnnBiLstm.NAME);

  private Architectures() {}

  /**
   * Rebuilds an architecture from what a model package stores. {@code create(a.name(),
   * a.hyperparameters())} equals {@code a}.
   *
   * @param name a name from {@link #NAMES}
   * @param hyperparameters all hyperparameters, including {@code leads}, {@code inputLength} and
   *     {@code numClasses} (and {@code freqBins}, {@code timeFrames} for {@code SpectrogramCnn2d});
   *     missing optional ones take their defaults
   * @return the architecture
   * @throws EcgArgumentException for an unknown name, unknown key, missing required key or
   *     invalid value
   */
  public static Architecture create(String name, Map<String, ?> hyperparameters) {
    if (name == null || hyperparameters == null) {
      throw new EcgArgumentException("architecture name and hyperparameters are required");
    }
    return switch (name) {
      case SimpleCnn.NAME -> SimpleCnn.builder().fromMap(hyperparameters).build();
      case BiLstmClassifier.NAME -> BiLstmClassifier.builder().fromMap(hyperparameters).build();
      case ResNet1d.NAME -> ResNet1d.builder().fromMap(hyperparameters).build();
      case SpectrogramCnn2d.NAME -> SpectrogramCnn2d.builder().fromMap(hyperparameters).build();
      case KachueeResNet.NAME -> KachueeResNet.builder().fromMap(hyperparameters).build();
      case CnnBiLstm.NAME -> CnnBiLstm.builder().fromMap(hyperparameters).build();
      default -> throw new EcgArgumentException(
          "unknown architecture '" + name + "', known: " + NAMES);
    };
  }

  /**
   * @param leads leads
   * @param inputLength samples per lead
   * @param numClasses classes
   * @return a {@link SimpleCnn} with default hyperparameters
   */
  public static SimpleCnn simpleCnn(int leads, int inputLength, int numClasses) {
    return SimpleCnn.builder().setInput(leads, inputLength).setNumClasses(numClasses).build();
  }

  /**
   * @param inputLength samples of the single-lead beat (187 in the paper)
   * @param numClasses classes
   * @return a {@link KachueeResNet} with the paper's hyperparameters
   */
  public static KachueeResNet kachueeResNet(int inputLength, int numClasses) {
    return KachueeResNet.builder().setInput(1, inputLength).setNumClasses(numClasses).build();
  }

  /**
   * @param leads leads
   * @param inputLength samples per lead
   * @param numClasses classes
   * @return the 34-layer {@link ResNet1d} of Hannun et al. 2019
   */
  public static ResNet1d resNet34(int leads, int inputLength, int numClasses) {
    return ResNet1d.hannun34(leads, inputLength, numClasses);
  }

  /**
   * @param leads leads
   * @param inputLength samples per lead
   * @param numClasses classes
   * @return a {@link CnnBiLstm} with default hyperparameters
   */
  public static CnnBiLstm cnnBiLstm(int leads, int inputLength, int numClasses) {
    return CnnBiLstm.builder().setInput(leads, inputLength).setNumClasses(numClasses).build();
  }

  /**
   * @param leads leads
   * @param inputLength samples per lead
   * @param numClasses classes
   * @return a {@link BiLstmClassifier} with default hyperparameters
   */
  public static BiLstmClassifier biLstm(int leads, int inputLength, int numClasses) {
    return BiLstmClassifier.builder().setInput(leads, inputLength).setNumClasses(numClasses).build();
  }
}
