/**
 * Tools for class imbalance: inverse-frequency class weights for a loss, and a seeded weighted
 * sampler (with replacement) for class-balanced mini-batches.
 */
package dev.ecg.core.imbalance;
