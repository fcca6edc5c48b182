package dev.ecg.io.wfdb;

/**
 * Converts stored samples of one signal to physical units: {@code (d - baseline) / gain}, NaN for
 * the format's invalid value and {@link WfdbRecord#INVALID_DIGITAL}. Formats with at most 16-bit
 * range use an exact per-value table (one load per sample, the same doubles as dividing).
 */
final class PhysicalConverter {
  private final int invalid;
  private final double gain;
  private final int base;
  private final double[] table;
  private final int lo;

  PhysicalConverter(SignalSpec spec, long expectedSamples) {
    int fmt = spec.format();
    invalid = fmt == 0 ? WfdbRecord.INVALID_DIGITAL : WfdbFormat.invalidValue(fmt);
    gain = spec.effectiveGain();
    base = spec.baseline();
    if (fmt == 212 || fmt == 310 || fmt == 311 || fmt == 80
        || ((fmt == 16 || fmt == 61 || fmt == 160) && expectedSamples >= (1 << 18))) {
      lo = WfdbFormat.minValue(fmt);
      table = new double[WfdbFormat.maxValue(fmt) - lo + 1];
      for (int v = 0; v < table.length; v++) {
        int dv = v + lo;
        table[v] = dv == invalid ? Double.NaN : (dv - base) / gain;
      }
    } else {
      lo = 0;
      table = null;
    }
  }

  void convert(int[] d, int off, int n, double[] p, int pOff) {
    if (table != null) {
      double[] t = table;
      int size = t.length;
      for (int i = 0; i < n; i++) {
        int v = d[off + i];
        int idx = v - lo;
        p[pOff + i] = idx >= 0 && idx < size ? t[idx]
            : v == WfdbRecord.INVALID_DIGITAL ? Double.NaN : (v - base) / gain;
      }
      return;
    }
    // blockwise two passes: the first is branch-free so the JIT can vectorize it, the second
    // re-reads the block from cache to mark invalid samples
    for (int b = 0; b < n; b += 2048) {
      int e = Math.min(n, b + 2048);
      for (int i = b; i < e; i++) {
        p[pOff + i] = (d[off + i] - base) / gain;
      }
      for (int i = b; i < e; i++) {
        int v = d[off + i];
        if (v == invalid || v == WfdbRecord.INVALID_DIGITAL) {
          p[pOff + i] = Double.NaN;
        }
      }
    }
  }
}
