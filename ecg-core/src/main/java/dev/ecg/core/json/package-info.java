/**
 * A minimal JSON writer and reader, just enough for metric reports, model cards and test fixtures,
 * so that {@code ecg-core} needs no JSON library (RFC 8259).
 */
package dev.ecg.core.json;
