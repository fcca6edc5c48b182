package dev.ecg.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ecg.models.engine.OneDnnPolicy;

/**
 * Base of the parameter-free, single-input blocks of this package. Subclasses give the array
 * function and its shape function; both must agree (the unit tests check that they do).
 */
public abstract class StatelessBlock extends AbstractBlock {

  /** Serialisation version of all stateless blocks. */
  protected static final byte VERSION = 1;

  /** Creates the block. */
  protected StatelessBlock() {
    super(VERSION);
    OneDnnPolicy.apply(); // blocks run on libtorch: its oneDNN cap must precede the first op
  }

  /**
   * @param x the single input array
   * @return the single output array
   */
  protected abstract NDArray apply(NDArray x);

  /**
   * @param in the input shape, batch axis included
   * @return the output shape
   */
  protected abstract Shape outputShape(Shape in);

  @Override
  protected final NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    OneDnnPolicy.applyToLibtorch(); // cheap after the first call; see OneDnnPolicy
    return new NDList(apply(inputs.singletonOrThrow()));
  }

  @Override
  public final Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {outputShape(inputShapes[0])};
  }
}
