package dev.ecg.models.onnx;

import ai.djl.nn.Block;

/**
 * Turns one DJL block into ONNX nodes. Register converters for custom blocks with
 * {@link OnnxExporter.Builder#register(Class, BlockConverter)} (by class) or
 * {@link OnnxExporter.Builder#registerLambda(String, BlockConverter)} (a {@code LambdaBlock} by
 * its name).
 */
@FunctionalInterface
public interface BlockConverter {

  /**
   * @param block the block to convert (initialized, with its parameters)
   * @param input the tensor the block receives
   * @param ctx the export in progress: graph, parameter access, recursion into children
   * @return the tensor the block produces
   * @throws OnnxExportException if the block's configuration cannot be expressed in ONNX
   */
  GraphValue convert(Block block, GraphValue input, ExportContext ctx);
}
