package dev.ecg.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.ndarray.NDArrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The independent reference is ONNX Runtime (Microsoft's engine) executing the exported graph,
 * compared against DJL's PyTorch engine executing the original block on the same 1,000 beats.
 */
class OnnxExporterTest {

  static final int N = 1000;
  static final int LEN = 187;
  static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  static void assertParity(Block block, OnnxExporter exporter, int leads, int len, int n) throws Exception {
    OnnxParity.init(block, manager, 1, leads, len);
    byte[] onnx = exporter.export(block, leads, len);
    float[] x = OnnxParity.beats(n, leads, len, 11);
    float[] ref = OnnxParity.djl(block, manager, x, n, leads, len);
    float[] got = OnnxParity.ort(onnx, x, n, leads, len);
    double d = OnnxParity.maxAbsDiff(ref, got);
    assertTrue(d <= 1e-4, "max |ORT - DJL| = " + d);
    // the outputs must not be trivially constant (a broken export could match a dead network)
    double spread = 0;
    for (int k = 1; k < ref.length; k++) {
      spread = Math.max(spread, Math.abs(ref[k] - ref[0]));
    }
    assertTrue(spread > 1e-3, "reference output is constant; test model is degenerate");
  }

  static Block cnn(int classes) {
    return new SequentialBlock()
        .add(Conv1d.builder().setKernelShape(new Shape(5)).setFilters(8).optPadding(new Shape(2))
            .build())
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock())
        .add(Pool.maxPool1dBlock(new Shape(2), new Shape(2), new Shape(0)))
        .add(Conv1d.builder().setKernelShape(new Shape(3)).setFilters(6)
            .optStride(new Shape(2)).optDilation(new Shape(2)).optPadding(new Shape(1)).build())
        .add(BatchNorm.builder().optEpsilon(1e-3f).build())
        .add(Activation.leakyReluBlock(0.1f))
        .add(Pool.avgPool1dBlock(new Shape(3), new Shape(2), new Shape(1), false, false))
        .add(Dropout.builder().optRate(0.5f).build())
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(16).build())
        .add(Activation.tanhBlock())
        .add(Linear.builder().setUnits(classes).build());
  }

  @Test
  void cnnFromDjlBuiltinsMatchesOnOneThousandBeats() throws Exception {
    assertParity(cnn(5), OnnxExporter.builder().build(), 1, LEN, N);
  }

  @Test
  void twoLeadCnnWithGlobalPoolingAndExoticActivations() throws Exception {
    Block b = new SequentialBlock()
        .add(Conv1d.builder().setKernelShape(new Shape(7)).setFilters(4).build())
        .add(Activation.geluBlock())
        .add(Conv1d.builder().setKernelShape(new Shape(3)).setFilters(4).optGroups(2).build())
        .add(Activation.swishBlock(1.3f))
        .add(Activation.mishBlock())
        .add(Activation.eluBlock(0.7f))
        .add(Activation.seluBlock())
        .add(Activation.relu6Block())
        .add(Activation.softPlusBlock())
        .add(Activation.softSignBlock())
        .add(Activation.sigmoidBlock())
        .add(Pool.globalAvgPool1dBlock())
        .add(Linear.builder().setUnits(3).build());
    assertParity(b, OnnxExporter.builder().build(), 2, 100, 200);
  }

  public static LambdaBlock channelsLast() {
    return new LambdaBlock(l -> new NDList(l.singletonOrThrow().transpose(0, 2, 1)),
        "test-channels-last");
  }

  static OnnxExporter withChannelsLast() {
    return OnnxExporter.builder().registerLambda("test-channels-last", (blk, in, ctx) ->
        new GraphValue(ctx.graph().node("Transpose", List.of(in.name()),
            OnnxGraph.ints("perm", 0, 2, 1)), new long[] {in.dim(0), in.dim(2), in.dim(1)}))
        .build();
  }

  @Test
  void stackedLstmGateOrderIsReordered() throws Exception {
    Block b = new SequentialBlock()
        .add(Conv1d.builder().setKernelShape(new Shape(4)).setFilters(3)
            .optStride(new Shape(4)).build())
        .add(channelsLast())
        .add(LSTM.builder().setStateSize(6).setNumLayers(2).optBatchFirst(true)
            .optReturnState(false).build())
        .add(BatchNorm.builder().optAxis(2).build())
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(4).build());
    assertParity(b, withChannelsLast(), 1, LEN, N);
  }

  @Test
  void bidirectionalDjlLstmIsRefusedWithReason() {
    Block b = new SequentialBlock()
        .add(Conv1d.builder().setKernelShape(new Shape(8)).setFilters(5)
            .optStride(new Shape(8)).build())
        .add(channelsLast())
        .add(LSTM.builder().setStateSize(5).setNumLayers(1).optBatchFirst(true)
            .optBidirectional(true).optReturnState(false).build())
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(3).build());
    OnnxParity.init(b, manager, 1, 1, 64);
    OnnxExportException e = assertThrows(OnnxExportException.class,
        () -> withChannelsLast().export(b, 1, 64));
    assertTrue(e.getMessage().contains("bidirectional"), e.getMessage());
  }

  @Test
  void residualSumAndConcatParallelBlocks() throws Exception {
    Block residual = new ParallelBlock(list -> new NDList(
        list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())), List.of(
        new SequentialBlock()
            .add(Conv1d.builder().setKernelShape(new Shape(3)).setFilters(4)
                .optPadding(new Shape(1)).build())
            .add(Activation.reluBlock()),
        Blocks.identityBlock()));
    Block concat = new ParallelBlock(list -> new NDList(NDArrays.concat(new NDList(
        list.get(0).singletonOrThrow(), list.get(1).singletonOrThrow()), 1)), List.of(
        Conv1d.builder().setKernelShape(new Shape(1)).setFilters(3).build(),
        Conv1d.builder().setKernelShape(new Shape(1)).setFilters(2).build()));
    Block b = new SequentialBlock()
        .add(Conv1d.builder().setKernelShape(new Shape(5)).setFilters(4).build())
        .add(residual)
        .add(concat)
        .add(Pool.globalMaxPool1dBlock())
        .add(Linear.builder().setUnits(3).build());
    assertParity(b, OnnxExporter.builder().build(), 1, 64, 300);
  }

  static String text(byte[] onnx) {
    return new String(onnx, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Pad, conv, batch norm, ReLU, residual with a 1x1 shortcut, dropout, pooling, transpose. */
  static Block liftable() {
    SequentialBlock main = new SequentialBlock()
        .add(Conv1d.builder().setKernelShape(new Shape(3)).setFilters(6)
            .optPadding(new Shape(1)).build())
        .add(Activation.reluBlock())
        .add(Dropout.builder().optRate(0.5f).build())
        .add(Conv1d.builder().setKernelShape(new Shape(3)).setFilters(6)
            .optPadding(new Shape(1)).build());
    return new SequentialBlock()
        .add(new dev.ecg.models.nn.Pad1d(1, 2))
        .add(Conv1d.builder().setKernelShape(new Shape(4)).setFilters(5).build())
        .add(BatchNorm.builder().optAxis(1).build())
        .add(new dev.ecg.models.nn.Relu())
        .add(new dev.ecg.models.nn.Residual(main,
            Conv1d.builder().setKernelShape(new Shape(1)).setFilters(6).build()))
        .add(dev.ecg.models.nn.MaxPool.of1d(3, 2))
        .add(new dev.ecg.models.nn.Transpose(1, 2))
        .add(new dev.ecg.models.nn.Flatten())
        .add(Linear.builder().setUnits(4).build());
  }

  @Test
  void conv1dAs2dWritesRankFourStacksWithTheSameResults() throws Exception {
    Block b = liftable();
    assertParity(b, OnnxExporter.builder().build(), 2, 60, 300);
    assertParity(b, OnnxExporter.builder().optConv1dAs2d(false).build(), 2, 60, 300);
    String as2d = text(OnnxExporter.builder().build().export(b, 2, 60));
    String as1d = text(OnnxExporter.builder().optConv1dAs2d(false).build().export(b, 2, 60));
    // one Unsqueeze after the input, one Squeeze before the Transpose (not lift-aware)
    assertTrue(as2d.contains("Unsqueeze") && as2d.contains("Squeeze"), "rank-4 graph expected");
    assertTrue(!as1d.contains("Squeeze"), "plain 1-D graph expected");
  }

  @Test
  void biLstmIsOneBidirectionalNodeForSummaryAndSequence() throws Exception {
    for (boolean sequence : new boolean[] {false, true}) {
      Block b = new SequentialBlock()
          .add(Conv1d.builder().setKernelShape(new Shape(4)).setFilters(3)
              .optStride(new Shape(4)).build())
          .add(new dev.ecg.models.nn.Transpose(1, 2))
          .add(new dev.ecg.models.nn.BiLstm(5, sequence))
          .add(new dev.ecg.models.nn.Flatten())
          .add(Linear.builder().setUnits(3).build());
      assertParity(b, OnnxExporter.builder().build(), 1, 40, 300);
      String g = text(OnnxExporter.builder().build().export(b, 1, 40));
      assertEquals(g.indexOf("bidirectional"), g.lastIndexOf("bidirectional"),
          "exactly one bidirectional LSTM node");
      assertTrue(g.contains("bidirectional") && !g.contains("Slice"),
          "no reversing Slice when the LSTM reverses itself");
    }
  }

  @Test
  void softmaxOutputIsProbabilities() throws Exception {
    Block b = cnn(4);
    OnnxParity.init(b, manager, 1, 1, LEN);
    byte[] onnx = OnnxExporter.builder().optSoftmax(true).build().export(b, 1, LEN);
    float[] x = OnnxParity.beats(10, 1, LEN, 3);
    float[] logits = OnnxParity.djl(b, manager, x, 10, 1, LEN);
    float[] probs = OnnxParity.ort(onnx, x, 10, 1, LEN);
    for (int r = 0; r < 10; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < 4; c++) {
        max = Math.max(max, logits[r * 4 + c]);
      }
      double z = 0;
      for (int c = 0; c < 4; c++) {
        z += Math.exp(logits[r * 4 + c] - max);
      }
      for (int c = 0; c < 4; c++) {
        assertEquals(Math.exp(logits[r * 4 + c] - max) / z, probs[r * 4 + c], 1e-5);
      }
    }
  }

  @Test
  void unknownBlockIsANamedError() {
    Block b = new SequentialBlock()
        .add(new LambdaBlock(l -> l, "mystery"))
        .add(Linear.builder().setUnits(2).build());
    OnnxParity.init(b, manager, 1, 1, 10);
    OnnxExportException e = assertThrows(OnnxExportException.class,
        () -> OnnxExporter.builder().build().export(b, 1, 10));
    assertTrue(e.getMessage().contains("mystery"), e.getMessage());
  }

  @Test
  void outputMustBeRankTwo() {
    Block b = new SequentialBlock()
        .add(Conv1d.builder().setKernelShape(new Shape(3)).setFilters(2).build());
    OnnxParity.init(b, manager, 1, 1, 10);
    assertThrows(OnnxExportException.class, () -> OnnxExporter.builder().build().export(b, 1, 10));
  }
}
