package dev.ecg.models.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtProvider;
import dev.ecg.models.arch.Architecture;
import dev.ecg.models.arch.KachueeResNet;
import dev.ecg.models.device.DeviceChoice;
import dev.ecg.models.device.DeviceProbe;
import dev.ecg.models.device.NoSuchDeviceException;
import dev.ecg.models.onnx.OnnxExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime engine: the per-thread reusable tensors (input wrapped once, pinned output) give
 * the scores DJL's PyTorch engine computes for the same parameters, whatever the sequence of batch
 * sizes and threads; and the CUDA execution-provider decision, driven by a fake device probe.
 */
class OrtEngineTest {

  private static final Set<OrtProvider> CPU_ONLY = EnumSet.of(OrtProvider.CPU);
  private static final Set<OrtProvider> WITH_CUDA = EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA);

  @TempDir static Path tmp;
  private static Path onnx;
  private static Model model;
  private static Architecture arch;
  private static final int LEN = 40;

  @BeforeAll
  static void export() throws Exception {
    arch = KachueeResNet.builder().setInput(1, LEN).setNumClasses(3).optFilters(4).optBlocks(2)
        .optFc(8).build();
    model = Model.newInstance("m", "PyTorch");
    Block b = arch.build();
    model.setBlock(b);
    Engine.getInstance().setRandomSeed(11);
    b.initialize(model.getNDManager(), DataType.FLOAT32, arch.inputShape(1));
    onnx = tmp.resolve("m.onnx");
    Files.write(onnx, OnnxExporter.builder().build().export(b, arch.inputShape(1).getShape()));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static float[] beats(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * LEN];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (Math.sin(i * 0.3) + 0.5 * r.nextGaussian());
    }
    return x;
  }

  /** Scores from DJL's PyTorch engine running the block itself (an independent runtime). */
  private static float[] reference(float[] x, int n) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDList out = model.getBlock().forward(new ParameterStore(m, false),
          new NDList(m.create(x, new Shape(n, 1, LEN))), false);
      return out.singletonOrThrow().toFloatArray();
    }
  }

  /** Two runtimes agree to float rounding: 1e-5 relative to the score's magnitude (min 1). */
  private static void close(float[] expected, float[] got, String what) {
    assertEquals(expected.length, got.length, what);
    for (int i = 0; i < got.length; i++) {
      float tol = 1e-5f * Math.max(1, Math.abs(expected[i]));
      assertEquals(expected[i], got[i], tol, what + ", score " + i);
    }
  }

  @Test
  void reusedTensorsMatchPyTorchForEveryBatchSequence() {
    try (OrtEngine e = new OrtEngine(onnx, new long[] {1, LEN},
        EngineSettings.DEFAULT.withIntraOpThreads(1).withDevice(DeviceChoice.CPU))) {
      assertFalse(e.onGpu());
      // 1, 1 (same slot), 5 (new slot), 1 (back), then a batch above the 4 MiB cache
      // (temporary slot), then 5 again: each result must be this call's, not a stale one.
      int big = OrtEngine.MAX_CACHED_FLOATS / LEN + 7;
      int[] sizes = {1, 1, 5, 1, big, 5, 2};
      for (int k = 0; k < sizes.length; k++) {
        float[] x = beats(sizes[k], k);
        float[] got = e.run(x, sizes[k]);
        assertEquals(sizes[k] * 3, got.length);
        close(reference(x, sizes[k]), got, "call " + k);
      }
      // input longer than needed: only the first batch * perExample floats count
      float[] x = beats(4, 99);
      close(reference(x, 3), e.run(x, 3), "longer input");
    }
  }

  @Test
  void threadsKeepTheirOwnSlots() throws Exception {
    int threads = 4;
    int calls = 40;
    float[][] inputs = new float[threads * 3][];
    float[][] expected = new float[inputs.length][];
    for (int i = 0; i < inputs.length; i++) {
      int n = 1 + i % 3;
      inputs[i] = beats(n, 100 + i);
      expected[i] = reference(inputs[i], n);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger wrong = new AtomicInteger();
    try (OrtEngine e = new OrtEngine(onnx, new long[] {1, LEN}, 1)) {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        fs.add(pool.submit(() -> {
          for (int c = 0; c < calls; c++) {
            int i = (id * 7 + c) % inputs.length;
            float[] got = e.run(inputs[i], 1 + i % 3);
            for (int j = 0; j < got.length; j++) {
              if (Math.abs(got[j] - expected[i][j]) > 1e-5f * Math.max(1, Math.abs(got[j]))) {
                wrong.incrementAndGet();
                break;
              }
            }
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, wrong.get());
  }

  @Test
  void closedEngineRefusesCalls() {
    OrtEngine e = new OrtEngine(onnx, new long[] {1, LEN}, 0);
    e.run(beats(1, 1), 1);
    e.close();
    e.close();
    assertThrows(IllegalStateException.class, () -> e.run(beats(1, 1), 1));
  }

  @Test
  void badBatchIsRefused() {
    try (OrtEngine e = new OrtEngine(onnx, new long[] {1, LEN}, 0)) {
      assertThrows(IllegalArgumentException.class, () -> e.run(beats(1, 1), 2));
      assertThrows(IllegalArgumentException.class, () -> e.run(beats(1, 1), 0));
    }
  }

  // ---- CUDA execution provider decision (fake probes) ----

  private static final class FakeProbe implements DeviceProbe {
    final int gpus;
    final String problem;
    int asked;

    FakeProbe(int gpus, String problem) {
      this.gpus = gpus;
      this.problem = problem;
    }

    @Override
    public int gpuCount() {
      asked++;
      return gpus;
    }

    @Override
    public Optional<String> cudaProblem() {
      return Optional.ofNullable(problem);
    }
  }

  @Test
  void cpuOnlyBuildNeverProbesAndUsesTheCpu() {
    FakeProbe p = new FakeProbe(2, null);
    OrtEngine.CudaPlan plan = OrtEngine.plan(DeviceChoice.AUTO, CPU_ONLY, () -> p);
    assertEquals(-1, plan.gpu());
    assertTrue(plan.reason().contains("onnxruntime_gpu"), plan.reason());
    assertEquals(0, p.asked);
    assertEquals(-1, OrtEngine.plan(DeviceChoice.CPU, WITH_CUDA, () -> p).gpu());
    assertEquals(0, p.asked);
  }

  @Test
  void autoTakesGpuZeroOnlyWhenCudaIsUsable() {
    assertEquals(0, OrtEngine.plan(DeviceChoice.AUTO, WITH_CUDA, () -> new FakeProbe(2, null))
        .gpu());
    OrtEngine.CudaPlan none = OrtEngine.plan(DeviceChoice.AUTO, WITH_CUDA,
        () -> new FakeProbe(0, "no driver"));
    assertEquals(-1, none.gpu());
    assertTrue(none.reason().contains("no driver"), none.reason());
    OrtEngine.CudaPlan broken = OrtEngine.plan(DeviceChoice.AUTO, WITH_CUDA,
        () -> new FakeProbe(1, "libcudnn.so.9 missing"));
    assertEquals(-1, broken.gpu());
    assertTrue(broken.reason().contains("libcudnn"), broken.reason());
  }

  @Test
  void explicitGpuNeverFallsBack() {
    assertEquals(1, OrtEngine.plan(DeviceChoice.gpu(1), WITH_CUDA, () -> new FakeProbe(2, null))
        .gpu());
    NoSuchDeviceException a = assertThrows(NoSuchDeviceException.class,
        () -> OrtEngine.plan(DeviceChoice.gpu(0), CPU_ONLY, () -> new FakeProbe(1, null)));
    assertTrue(a.getMessage().contains("onnxruntime_gpu"), a.getMessage());
    NoSuchDeviceException b = assertThrows(NoSuchDeviceException.class,
        () -> OrtEngine.plan(DeviceChoice.gpu(2), WITH_CUDA, () -> new FakeProbe(2, null)));
    assertTrue(b.getMessage().contains("gpu:2"), b.getMessage());
    assertThrows(NoSuchDeviceException.class,
        () -> OrtEngine.plan(DeviceChoice.gpu(0), WITH_CUDA, () -> new FakeProbe(1, "bad")));
  }

  /**
   * The GPU branch on a machine without CUDA: the probe claims a GPU, so the engine asks ONNX
   * Runtime for the CUDA provider, which this CPU build refuses. AUTO falls back to the CPU and
   * says why; an explicit GPU request fails.
   */
  @Test
  void cudaProviderFailureFallsBackUnderAutoOnly() {
    boolean realCuda = ai.onnxruntime.OrtEnvironment.getAvailableProviders()
        .contains(OrtProvider.CUDA);
    org.junit.jupiter.api.Assumptions.assumeFalse(realCuda, "a CUDA ONNX Runtime is present");
    try (OrtEngine e = new OrtEngine(onnx, new long[] {1, LEN}, EngineSettings.DEFAULT,
        WITH_CUDA, () -> new FakeProbe(1, null))) {
      assertFalse(e.onGpu());
      assertTrue(e.deviceReason().contains("CUDA execution provider failed"), e.deviceReason());
      float[] x = beats(2, 5);
      close(reference(x, 2), e.run(x, 2), "fallback");
    }
    EngineException ex = assertThrows(EngineException.class, () -> new OrtEngine(onnx,
        new long[] {1, LEN}, EngineSettings.DEFAULT.withDevice(DeviceChoice.gpu(0)), WITH_CUDA,
        () -> new FakeProbe(1, null)));
    assertTrue(ex.getMessage().contains("gpu:0"), ex.getMessage());
  }

  @Test
  void settingsCheckArguments() {
    assertThrows(IllegalArgumentException.class, () -> new EngineSettings(-1, false,
        DeviceChoice.AUTO));
    assertThrows(IllegalArgumentException.class, () -> new EngineSettings(1, false, null));
    assertEquals(3, EngineSettings.DEFAULT.withIntraOpThreads(3).intraOpThreads());
    assertTrue(EngineSettings.DEFAULT.withSpinning(true).spinning());
  }
}
