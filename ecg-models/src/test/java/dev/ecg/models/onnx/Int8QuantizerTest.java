package dev.ecg.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.CnnBiLstm;
import dev.ecg.models.arch.KachueeResNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The int8 twin of exported networks: ONNX Runtime fuses it into integer kernels, its outputs
 * follow the fp32 graph's (the reference, itself checked against DJL by
 * {@link ArchitectureExportTest}), and BatchNorm folding is exact.
 */
class Int8QuantizerTest {

  static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static List<float[]> split(float[] flat, int per) {
    List<float[]> out = new ArrayList<>();
    for (int k = 0; k < flat.length / per; k++) {
      float[] v = new float[per];
      System.arraycopy(flat, k * per, v, 0, per);
      out.add(v);
    }
    return out;
  }

  private static int argmax(float[] o, int row, int classes) {
    int b = 0;
    for (int c = 1; c < classes; c++) {
      if (o[row * classes + c] > o[row * classes + b]) {
        b = c;
      }
    }
    return b;
  }

  /** Exports, quantizes, and compares int8 with fp32 on held-apart inputs. */
  private static double[] agreement(Architecture arch, Path dir, String expectOp)
      throws Exception {
    Block block = arch.build();
    long[] shape = arch.inputShape(1).getShape();
    OnnxParity.init(block, manager, shape);
    OnnxExporter.Exported ex = OnnxExporter.builder().build().exportGraph(block, shape);
    int per = arch.leads() * arch.inputLength();
    List<float[]> cal = split(OnnxParity.beats(300, 1, per, 11), per);
    byte[] int8 = Int8Quantizer.quantize(ex, cal);
    int n = 500;
    float[] x = OnnxParity.beats(n, 1, per, 12);
    long[] batch = shape.clone();
    batch[0] = n;
    float[] fp = OnnxParity.ort(ex.toModel(), x, batch);
    float[] q = OnnxParity.ort(int8, x, batch);
    int classes = arch.numClasses();
    int agree = 0;
    double maxDiff = 0;
    double range = 0;
    for (int k = 0; k < fp.length; k++) {
      maxDiff = Math.max(maxDiff, Math.abs(fp[k] - q[k]));
      range = Math.max(range, Math.abs(fp[k]));
    }
    // inputs fp32 itself decides clearly: top-two logit gap at least 10 % of the largest logit
    int decided = 0;
    int decidedAgree = 0;
    for (int r = 0; r < n; r++) {
      boolean same = argmax(fp, r, classes) == argmax(q, r, classes);
      agree += same ? 1 : 0;
      float[] row = java.util.Arrays.copyOfRange(fp, r * classes, (r + 1) * classes);
      java.util.Arrays.sort(row);
      if (row[classes - 1] - row[classes - 2] >= 0.1 * range) {
        decided++;
        decidedAgree += same ? 1 : 0;
      }
    }
    assertTrue(decided >= n / 4, "too few clearly decided inputs: " + decided);
    assertTrue(decidedAgree >= 0.99 * decided, arch.name() + ": " + decidedAgree + " of "
        + decided + " clearly decided inputs keep their label");
    // what ONNX Runtime makes of the graph: the integer kernels, not float ops between Q/DQ
    Path opt = dir.resolve(arch.name() + ".opt.onnx");
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
      so.setOptimizedModelFilePath(opt.toString());
      OrtEnvironment.getEnvironment().createSession(int8, so).close();
    }
    List<String> ops = OnnxOps.opTypes(Files.readAllBytes(opt));
    long convs = ex.graph().nodes().stream().filter(nd -> nd.opType().equals("Conv")).count();
    // every convolution runs as QLinearConv, none in float
    assertEquals(convs, ops.stream().filter("QLinearConv"::equals).count(), ops.toString());
    assertEquals(0, ops.stream().filter("Conv"::equals).count(), ops.toString());
    assertTrue(ops.contains(expectOp), arch.name() + ": " + ops);
    assertTrue(!ops.contains("BatchNormalization") && !ops.contains("DequantizeLinear")
        || expectOp.equals("DynamicQuantizeLSTM"), arch.name() + ": " + ops);
    System.out.printf("int8 %s: label agreement %.3f, %d of %d decided, largest logit error %.3f"
        + " of the largest logit%n", arch.name(), agree / (double) n, decidedAgree, decided,
        maxDiff / range);
    return new double[] {agree / (double) n, maxDiff / range};
  }

  @Test
  void kachueeResNetRunsOnIntegerKernelsAndFollowsFp32(@TempDir Path dir) throws Exception {
    double[] r = agreement(KachueeResNet.builder().setInput(1, 187).setNumClasses(5)
        .optFilters(16).build(), dir, "QLinearConv");
    assertTrue(r[0] >= 0.95, "label agreement " + r[0]);
    assertTrue(r[1] <= 0.12, "largest logit error relative to the largest logit " + r[1]);
  }

  @Test
  void cnnBiLstmFoldsBatchNormAndQuantizesTheLstm(@TempDir Path dir) throws Exception {
    double[] r = agreement(CnnBiLstm.builder().setInput(1, 187).setNumClasses(5)
        .optWidth(0.25).optLstmHidden(16).build(), dir, "DynamicQuantizeLSTM");
    assertTrue(r[0] >= 0.93, "label agreement " + r[0]);
    assertTrue(r[1] <= 0.12, "largest logit error relative to the largest logit " + r[1]);
  }

  @Test
  void batchNormFoldingIsExactInFp32() throws Exception {
    Architecture arch = CnnBiLstm.builder().setInput(1, 64).setNumClasses(3).optWidth(0.125)
        .optLstmHidden(8).build();
    Block block = arch.build();
    long[] shape = arch.inputShape(1).getShape();
    OnnxParity.init(block, manager, shape);
    OnnxExporter.Exported ex = OnnxExporter.builder().build().exportGraph(block, shape);
    OnnxExporter.Exported folded = Int8Quantizer.foldBatchNorm(ex);
    assertEquals(3, ex.graph().nodes().stream()
        .filter(n -> n.opType().equals("BatchNormalization")).count());
    assertEquals(0, folded.graph().nodes().stream()
        .filter(n -> n.opType().equals("BatchNormalization")).count());
    float[] x = OnnxParity.beats(200, 1, 64, 3);
    long[] batch = shape.clone();
    batch[0] = 200;
    double d = OnnxParity.maxAbsDiff(OnnxParity.ort(ex.toModel(), x, batch),
        OnnxParity.ort(folded.toModel(), x, batch));
    assertTrue(d < 1e-4, "folded BatchNorm differs by " + d);
  }

  @Test
  void quantizationParametersCoverZeroAndDegenerateRanges() {
    Int8Quantizer.Params p = Int8Quantizer.Params.of(0f, 2.55f);
    assertEquals(0.01f, p.scale(), 1e-7);
    assertEquals(0, p.zeroPoint());
    Int8Quantizer.Params q = Int8Quantizer.Params.of(-1f, 1.55f);
    assertEquals(0.01f, q.scale(), 1e-7);
    assertEquals(100, q.zeroPoint());
    // a range that excludes zero is widened to include it (zero must be exact)
    Int8Quantizer.Params r = Int8Quantizer.Params.of(1f, 2.55f);
    assertEquals(0, r.zeroPoint());
    assertEquals(0.01f, r.scale(), 1e-7);
    assertEquals(new Int8Quantizer.Params(1f, 0), Int8Quantizer.Params.of(0f, 0f));
  }

  @Test
  void refusesMissingOrMisshapenCalibration() {
    Architecture arch = KachueeResNet.builder().setInput(1, 187).setNumClasses(2).optFilters(4)
        .build();
    Block block = arch.build();
    long[] shape = arch.inputShape(1).getShape();
    OnnxParity.init(block, manager, shape);
    OnnxExporter.Exported ex = OnnxExporter.builder().build().exportGraph(block, shape);
    assertThrows(EcgArgumentException.class, () -> Int8Quantizer.quantize(ex, List.of()));
    EcgArgumentException e = assertThrows(EcgArgumentException.class,
        () -> Int8Quantizer.quantize(ex, List.of(new float[186])));
    assertTrue(e.getMessage().contains("186 values, the graph takes 187"), e.getMessage());
  }
}
