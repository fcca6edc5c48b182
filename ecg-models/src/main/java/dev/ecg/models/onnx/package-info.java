/**
 * Pure-Java ONNX export of DJL block trees: a minimal protobuf wire encoder, an opset-17 graph
 * builder and {@link dev.ecg.models.onnx.OnnxExporter} with a registry of block converters.
 */
package dev.ecg.models.onnx;
