/**
 * Named, parameter-light building blocks used by the architectures in {@code
 * dev.ecg.models.arch}. Every node of an architecture's block tree is either one of DJL's built-in
 * blocks or one of these classes (no anonymous lambda blocks), so an exporter can identify each
 * node by class. The exact semantics are listed in {@code docs/training.md}, "Block vocabulary".
 */
package dev.ecg.models.nn;
