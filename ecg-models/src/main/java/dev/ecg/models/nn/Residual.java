package dev.ecg.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ecg.models.engine.OneDnnPolicy;
import java.util.Objects;

/**
 * A residual connection (He et al. 2016): {@code y = main(x) + shortcut(x)}, or {@code y = main(x)
 * + x} when there is no shortcut. Both branches receive the same single input and must produce
 * the same shape. Children, in this order: {@code 01main} and, when present, {@code 02shortcut}.
 * ONNX: the two sub-graphs followed by {@code Add}.
 */
public final class Residual extends AbstractBlock {

  private static final byte VERSION = 1;

  private final Block main;
  private final Block shortcut;

  /**
   * @param main the residual branch
   * @param shortcut the shortcut branch, or {@code null} for identity
   */
  public Residual(Block main, Block shortcut) {
    super(VERSION);
    OneDnnPolicy.apply(); // before libtorch's first op: see OneDnnPolicy
    this.main = addChildBlock("main", Objects.requireNonNull(main, "main"));
    this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
  }

  /** @return the residual branch */
  public Block main() {
    return main;
  }

  /** @return the shortcut branch, or {@code null} when it is the identity */
  public Block shortcut() {
    return shortcut;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    OneDnnPolicy.applyToLibtorch(); // cheap after the first call; see OneDnnPolicy
    NDArray a = main.forward(ps, inputs, training, params).singletonOrThrow();
    NDArray b =
        shortcut == null
            ? inputs.singletonOrThrow()
            : shortcut.forward(ps, inputs, training, params).singletonOrThrow();
    return new NDList(a.add(b));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    main.initialize(manager, dataType, inputShapes);
    if (shortcut != null) {
      shortcut.initialize(manager, dataType, inputShapes);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return main.getOutputShapes(inputShapes);
  }

  @Override
  public String toString() {
    return "Residual(main=" + main + ", shortcut=" + (shortcut == null ? "identity" : shortcut) + ")";
  }
}
