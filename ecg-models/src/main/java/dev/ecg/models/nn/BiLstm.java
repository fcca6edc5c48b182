package dev.ecg.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.engine.OneDnnPolicy;

/**
 * A one-layer bidirectional LSTM (Hochreiter and Schmidhuber 1997; Graves and Schmidhuber 2005)
 * built from two one-way DJL {@link LSTM}s, because DJL's own {@code optBidirectional(true)} is
 * unreliable with the PyTorch engine.
 *
 * <p>Input layout NTC {@code (batch, time, features)}. Child {@code 01forward} reads the sequence
 * as is; child {@code 02backward} reads it time-reversed (axis 1 flipped). Both are batch-first,
 * single-layer, with biases, zero initial state.
 *
 * <ul>
 *   <li>{@code returnSequence = true}: output {@code (N, T, 2H)}; {@code [..., :H]} is the forward
 *       output at step t, {@code [..., H:]} the backward output flipped back so that it also
 *       belongs to step t (the same as PyTorch's {@code nn.LSTM(bidirectional=True)} output).
 *   <li>{@code returnSequence = false}: output {@code (N, 2H)}; the forward output at the last
 *       step {@code T-1} concatenated with the backward output after it has read the whole
 *       reversed sequence (its output at reversed step {@code T-1}, i.e. at original step 0), the
 *       same as concatenating PyTorch's final hidden states {@code h_n[0], h_n[1]}.
 * </ul>
 */
public final class BiLstm extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int hidden;
  private final boolean returnSequence;
  private final LSTM forwardLstm;
  private final LSTM backwardLstm;

  /**
   * @param hidden hidden state size H of each direction
   * @param returnSequence whether to return every step or only the final summary
   * @throws EcgArgumentException if {@code hidden < 1}
   */
  public BiLstm(int hidden, boolean returnSequence) {
    super(VERSION);
    OneDnnPolicy.apply(); // before libtorch's first LSTM: see OneDnnPolicy
    if (hidden < 1) {
      throw new EcgArgumentException("BiLstm hidden size must be >= 1, got " + hidden);
    }
    this.hidden = hidden;
    this.returnSequence = returnSequence;
    this.forwardLstm = addChildBlock("forward", newLstm(hidden));
    this.backwardLstm = addChildBlock("backward", newLstm(hidden));
  }

  private static LSTM newLstm(int hidden) {
    return LSTM.builder()
        .setStateSize(hidden)
        .setNumLayers(1)
        .optBatchFirst(true)
        .optReturnState(false)
        .build();
  }

  /** @return the hidden size of one direction */
  public int hidden() {
    return hidden;
  }

  /** @return whether every time step is returned */
  public boolean returnSequence() {
    return returnSequence;
  }

  /** @return the LSTM reading the sequence forwards */
  public LSTM forwardLstm() {
    return forwardLstm;
  }

  /** @return the LSTM reading the time-reversed sequence */
  public LSTM backwardLstm() {
    return backwardLstm;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    OneDnnPolicy.applyToLibtorch(); // cheap after the first call; see OneDnnPolicy
    NDArray x = inputs.singletonOrThrow();
    NDArray fwd = forwardLstm.forward(ps, new NDList(x), training, params).get(0);
    NDArray bwd = backwardLstm.forward(ps, new NDList(x.flip(1)), training, params).get(0);
    if (returnSequence) {
      return new NDList(NDArrays.concat(new NDList(fwd, bwd.flip(1)), 2));
    }
    long last = x.getShape().get(1) - 1;
    NDArray f = fwd.get(new NDIndex(":, {}, :", last));
    NDArray b = bwd.get(new NDIndex(":, {}, :", last));
    return new NDList(NDArrays.concat(new NDList(f, b), 1));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    forwardLstm.initialize(manager, dataType, inputShapes);
    backwardLstm.initialize(manager, dataType, inputShapes);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    if (returnSequence) {
      return new Shape[] {new Shape(in.get(0), in.get(1), 2L * hidden)};
    }
    return new Shape[] {new Shape(in.get(0), 2L * hidden)};
  }

  @Override
  public String toString() {
    return "BiLstm(hidden=" + hidden + ", returnSequence=" + returnSequence + ")";
  }
}
