package dev.ecg.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.Architectures;
import dev.ecg.models.arch.BiLstmClassifier;
import dev.ecg.models.arch.CnnBiLstm;
import dev.ecg.models.arch.KachueeResNet;
import dev.ecg.models.arch.ResNet1d;
import dev.ecg.models.arch.SimpleCnn;
import dev.ecg.models.arch.SpectrogramCnn2d;
import ai.djl.nn.Block;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered architecture (small hyperparameters) exported to ONNX and run on ONNX Runtime
 * matches DJL's PyTorch engine to 1e-4 on 1,000 random inputs.
 */
class ArchitectureExportTest {

  static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  static Stream<Architecture> architectures() {
    return Stream.of(
        SimpleCnn.builder().setInput(2, 50).setNumClasses(3).optFilters(4, 6).optHidden(8)
            .build(),
        BiLstmClassifier.builder().setInput(1, 24).setNumClasses(4).optHidden(8).build(),
        ResNet1d.builder().setInput(3, 64).setNumClasses(5).optStartFilters(4).optBlocks(5)
            .build(),
        SpectrogramCnn2d.builder().setSpectrogram(1, 9, 13).setNumClasses(4).optFilters(4)
            .build(),
        KachueeResNet.builder().setInput(1, 187).setNumClasses(5).optFilters(8).build(),
        CnnBiLstm.builder().setInput(2, 40).setNumClasses(3).optWidth(0.125).optLstmHidden(8)
            .build());
  }

  @Test
  void everyRegisteredArchitectureIsCovered() {
    Set<String> covered = new HashSet<>();
    architectures().forEach(a -> covered.add(a.name()));
    assertEquals(new HashSet<>(Architectures.NAMES), covered);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("architectures")
  void onnxRuntimeMatchesDjl(Architecture arch) throws Exception {
    Block block = arch.build();
    long[] shape = arch.inputShape(1).getShape();
    OnnxParity.init(block, manager, shape);
    byte[] onnx = OnnxExporter.builder().build().export(block, shape);
    // kept for ecg-models/src/test/python/check_exported_onnx.py (onnx.checker, not run in CI)
    java.nio.file.Path dir = java.nio.file.Path.of("target", "exported-onnx");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.write(dir.resolve(arch.name() + ".onnx"), onnx);
    int n = 1000;
    int per = arch.leads() * arch.inputLength();
    float[] x = OnnxParity.beats(n, 1, per, 5);
    long[] batch = shape.clone();
    batch[0] = n;
    float[] ref = OnnxParity.djl(block, manager, x, batch);
    float[] got = OnnxParity.ort(onnx, x, batch);
    assertEquals(n * arch.numClasses(), ref.length);
    double d = OnnxParity.maxAbsDiff(ref, got);
    assertTrue(d <= 1e-4, arch.name() + ": max |ORT - DJL| = " + d);
  }
}
