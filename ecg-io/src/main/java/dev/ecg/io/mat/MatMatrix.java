package dev.ecg.io.mat;

import dev.ecg.core.EcgArgumentException;
import java.util.Objects;

/**
 * One named, full numeric matrix from a MATLAB v4 MAT-file.
 *
 * <p>Elements are kept in MATLAB's column-major order and widened to {@code double}; every stored
 * type (double, float, int32, int16, uint16, uint8) converts to {@code double} exactly. The
 * on-disk element type is kept in {@link #type()}.
 *
 * @param name the variable name
 * @param rows number of rows
 * @param cols number of columns
 * @param real the real parts, column-major, {@code rows * cols} elements
 * @param imaginary the imaginary parts, column-major, or null for a real matrix
 * @param type the element type on disk
 * @param bigEndian whether the file stored this matrix big-endian
 */
public record MatMatrix(
    String name,
    int rows,
    int cols,
    double[] real,
    double[] imaginary,
    MatType type,
    boolean bigEndian) {

  /** Validates the shape against the data length. */
  public MatMatrix {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(real, "real");
    Objects.requireNonNull(type, "type");
    if (rows < 0 || cols < 0 || (long) rows * cols != real.length) {
      throw new EcgArgumentException("matrix " + name + ": " + rows + " x " + cols
          + " does not match " + real.length + " elements");
    }
    if (imaginary != null && imaginary.length != real.length) {
      throw new EcgArgumentException("matrix " + name + ": imaginary part has "
          + imaginary.length + " elements, real part " + real.length);
    }
  }

  /** @return whether the matrix has an imaginary part */
  public boolean isComplex() {
    return imaginary != null;
  }

  /**
   * @param r row index, 0-based
   * @param c column index, 0-based
   * @return the real part of element (r, c)
   * @throws IndexOutOfBoundsException when r or c is out of range
   */
  public double get(int r, int c) {
    Objects.checkIndex(r, rows);
    Objects.checkIndex(c, cols);
    return real[c * rows + r];
  }

  /**
   * @param r row index, 0-based
   * @return a new array holding the real parts of row {@code r}
   * @throws IndexOutOfBoundsException when r is out of range
   */
  public double[] row(int r) {
    Objects.checkIndex(r, rows);
    double[] out = new double[cols];
    for (int c = 0; c < cols; c++) {
      out[c] = real[c * rows + r];
    }
    return out;
  }
}
