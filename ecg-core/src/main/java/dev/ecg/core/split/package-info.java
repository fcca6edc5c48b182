/**
 * Deterministic train/test splitters: stratified hold-out, stratified k-fold, group k-fold,
 * stratified group k-fold, and the MIT-BIH inter-patient split of de Chazal et al. (2004).
 *
 * <p>Every splitter returns sorted index arrays and, given the same input and seed, the same
 * split on every JVM: randomness comes from {@link dev.ecg.core.split.SplitMix64}, whose output is
 * fixed by its published algorithm rather than by a JDK implementation.
 */
package dev.ecg.core.split;
