package dev.ecg.models.train;

/**
 * One labelled example: flat features in the architecture's input layout (row-major {@code
 * leads x length}) and a class index.
 *
 * @param features the flat input, length {@code leads * inputLength}
 * @param label class index in {@code [0, numClasses)}
 */
public record EcgSample(float[] features, int label) {}
