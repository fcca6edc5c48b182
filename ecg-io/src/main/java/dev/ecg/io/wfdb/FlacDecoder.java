package dev.ecg.io.wfdb;

import dev.ecg.io.EcgFormatException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A FLAC decoder for WFDB's FLAC signal formats 508, 516 and 524 (WFDB 10.7), written from the
 * FLAC format specification (RFC 9639): STREAMINFO, frames with fixed or variable block size,
 * constant, verbatim, fixed-predictor and LPC subframes, wasted bits, Rice-coded residuals with
 * escape partitions, the three stereo decorrelation modes, and the CRC-8 / CRC-16 of every frame.
 *
 * <p>In a WFDB FLAC signal file each signal of the file is one FLAC channel; the decoder returns
 * the channels' samples as signed integers. Every malformed or truncated stream raises an
 * {@link EcgFormatException} naming the file and the byte offset; the number of samples is
 * bounded by the caller's limit before anything large is allocated, and decoding is linear in the
 * file size.
 */
final class FlacDecoder {

  /** Most channels a FLAC stream can have. */
  static final int MAX_CHANNELS = 8;

  /**
   * A decoded stream.
   *
   * @param channels channel count
   * @param bitsPerSample sample resolution in bits
   * @param samples one array per channel, each at least {@code length} long
   * @param length samples per channel
   */
  record Stream(int channels, int bitsPerSample, int[][] samples, int length) {}

  private final byte[] b;
  private final Path file;
  private long bit;
  private final long endBit;

  private FlacDecoder(byte[] b, Path file) {
    this.b = b;
    this.file = file;
    this.endBit = (long) b.length * 8;
  }

  /**
   * Decodes a whole FLAC stream.
   *
   * @param bytes the file content
   * @param file the file, for messages
   * @param maxSamples the most samples (all channels together) the stream may hold
   * @param wanted samples per channel the caller needs: decoding stops there (the rest of the
   *     stream is not read), so a small file of long constant blocks cannot make it allocate
   *     more than that
   * @return the channels
   * @throws EcgFormatException when the stream is malformed, truncated or too large
   */
  static Stream decode(byte[] bytes, Path file, long maxSamples, long wanted)
      throws EcgFormatException {
    return new FlacDecoder(bytes, file).run(maxSamples, Math.max(0, wanted));
  }

  private EcgFormatException error(long bytePos, String msg) {
    return new EcgFormatException(file, "byte", bytePos, "FLAC: " + msg);
  }

  private Stream run(long maxSamples, long wanted) throws EcgFormatException {
    if (b.length < 4 || b[0] != 'f' || b[1] != 'L' || b[2] != 'a' || b[3] != 'C') {
      throw error(0, "no fLaC marker: not a FLAC stream");
    }
    int pos = 4;
    boolean last = false;
    boolean info = false;
    int channels = 0;
    int bps = 0;
    long total = 0;
    int maxBlock = 0;
    while (!last) {
      if (pos + 4 > b.length) {
        throw error(pos, "metadata block header cut by the end of the file");
      }
      int h = b[pos] & 0xff;
      last = (h & 0x80) != 0;
      int type = h & 0x7f;
      int len = ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
      if (pos + 4L + len > b.length) {
        throw error(pos, "metadata block of " + len + " bytes runs past the end of the file");
      }
      if (type == 127) {
        throw error(pos, "invalid metadata block type 127");
      }
      if (!info && type != 0) {
        throw error(pos, "the first metadata block is not STREAMINFO");
      }
      if (type == 0) {
        if (info) {
          throw error(pos, "second STREAMINFO block");
        }
        if (len < 34) {
          throw error(pos, "STREAMINFO of " + len + " bytes (34 expected)");
        }
        int p = pos + 4;
        maxBlock = u16(p + 2);
        int x = b[p + 12] & 0xff;
        int y = b[p + 13] & 0xff;
        channels = ((x >> 1) & 7) + 1;
        bps = (((x & 1) << 4) | (y >> 4)) + 1;
        total = ((long) (y & 0x0f) << 32) | (u16(p + 14) & 0xffffL) << 16 | u16(p + 16);
        if (bps < 4) {
          throw error(p + 12, "bits per sample " + bps + " (4..32 allowed)");
        }
        info = true;
      }
      pos += 4 + len;
    }
    if (!info) {
      throw error(4, "no STREAMINFO block");
    }
    if (total > 0 && total > maxSamples / channels) {
      throw error(pos, "the stream declares " + total + " samples x " + channels
          + " channels, more than the limit of " + maxSamples + " samples");
    }
    long limit = Math.min(wanted, maxSamples / channels);
    int cap = (int) Math.min(Math.min(total > 0 ? total : 4096, limit), Integer.MAX_VALUE - 8);
    int[][] out = new int[channels][cap];
    int n = 0;
    bit = (long) pos * 8;
    int[][] sub = new int[channels][0];
    while (bit < endBit) {
      long frameStart = bit >>> 3;
      if ((total > 0 && n >= total) || n >= limit) {
        break; // trailing bytes after the last frame, or samples nobody asked for
      }
      int bs = frame(sub, channels, bps, maxBlock, frameStart);
      int keep = (int) Math.min(bs, limit - n);
      if (n + keep > out[0].length) {
        int grow = (int) Math.min(Math.max((long) out[0].length * 2, (long) n + keep),
            Math.min(limit, Integer.MAX_VALUE - 8));
        for (int c = 0; c < channels; c++) {
          out[c] = Arrays.copyOf(out[c], grow);
        }
      }
      for (int c = 0; c < channels; c++) {
        System.arraycopy(sub[c], 0, out[c], n, keep);
      }
      n += keep;
    }
    if (total > 0 && n != total && n < limit) {
      throw error(b.length, "STREAMINFO declares " + total + " samples per channel, the frames "
          + "hold " + n + " (truncated?)");
    }
    return new Stream(channels, bps, out, n);
  }

  private int u16(int p) {
    return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
  }

  // ------------------------------------------------------------------ frames

  /** Decodes one frame into {@code sub}; returns its block size. */
  private int frame(int[][] sub, int channels, int streamBps, int maxBlock, long start)
      throws EcgFormatException {
    if (u(15) != 0x7ffc) {
      throw error(start, "frame sync code missing");
    }
    u(1); // blocking strategy: the frame number is not needed to decode
    int bsCode = (int) u(4);
    int srCode = (int) u(4);
    int assign = (int) u(4);
    int ssCode = (int) u(3);
    if (u(1) != 0) {
      throw error(start + 3, "reserved frame header bit set");
    }
    int first = (int) u(8); // coded frame or sample number, UTF-8 style
    int extra = first < 0x80 ? 0
        : first >= 0xfe ? 6 : Integer.numberOfLeadingZeros(~first << 24) - 1;
    if (first >= 0x80 && (extra < 1 || first == 0xff)) {
      throw error(start + 4, "bad coded frame number");
    }
    for (int i = 0; i < extra; i++) {
      if ((u(8) & 0xc0) != 0x80) {
        throw error(bit >>> 3, "bad coded frame number");
      }
    }
    int bs;
    switch (bsCode) {
      case 0:
        throw error(start + 2, "reserved block size code 0");
      case 1:
        bs = 192;
        break;
      case 6:
        bs = (int) u(8) + 1;
        break;
      case 7:
        bs = (int) u(16) + 1;
        break;
      default:
        bs = bsCode <= 5 ? 576 << (bsCode - 2) : 256 << (bsCode - 8);
    }
    if (srCode == 12) {
      u(8);
    } else if (srCode == 13 || srCode == 14) {
      u(16);
    } else if (srCode == 15) {
      throw error(start + 2, "invalid sample rate code 15");
    }
    int bps;
    switch (ssCode) {
      case 0: bps = streamBps; break;
      case 1: bps = 8; break;
      case 2: bps = 12; break;
      case 4: bps = 16; break;
      case 5: bps = 20; break;
      case 6: bps = 24; break;
      case 7: bps = 32; break;
      default: throw error(start + 3, "reserved sample size code 3");
    }
    if (bps != streamBps) {
      throw error(start + 3, "frame of " + bps + "-bit samples in a " + streamBps
          + "-bit stream");
    }
    long headerEnd = bit >>> 3;
    int crc8 = (int) u(8);
    if (crc8 != crc8(start, headerEnd)) {
      throw error(start, "frame header CRC-8 mismatch");
    }
    int nch;
    if (assign <= 7) {
      nch = assign + 1;
    } else if (assign <= 10) {
      nch = 2;
    } else {
      throw error(start + 3, "reserved channel assignment " + assign);
    }
    if (nch != channels) {
      throw error(start + 3, "frame with " + nch + " channels in a " + channels
          + "-channel stream");
    }
    if (maxBlock > 0 && bs > maxBlock) {
      throw error(start, "block size " + bs + " exceeds STREAMINFO's maximum " + maxBlock);
    }
    for (int c = 0; c < nch; c++) {
      if (sub[c].length < bs) {
        sub[c] = new int[bs];
      }
      boolean side = (assign == 8 && c == 1) || (assign == 9 && c == 0)
          || (assign == 10 && c == 1);
      subframe(sub[c], bs, bps + (side ? 1 : 0));
    }
    decorrelate(sub, assign, bs);
    bit = (bit + 7) & ~7L; // zero padding to a byte boundary
    long crcPos = bit >>> 3;
    int crc16 = (int) u(16);
    if (crc16 != crc16(start, crcPos)) {
      throw error(start, "frame CRC-16 mismatch");
    }
    long lo = -(1L << (bps - 1));
    long hi = (1L << (bps - 1)) - 1;
    for (int c = 0; c < nch; c++) {
      for (int i = 0; i < bs; i++) {
        if (sub[c][i] < lo || sub[c][i] > hi) {
          throw error(start, "decoded sample " + sub[c][i] + " outside " + bps + " bits");
        }
      }
    }
    return bs;
  }

  private static void decorrelate(int[][] s, int assign, int n) {
    int[] a = s[0];
    switch (assign) {
      case 8: // left, side
        for (int i = 0; i < n; i++) {
          s[1][i] = a[i] - s[1][i];
        }
        break;
      case 9: // side, right
        for (int i = 0; i < n; i++) {
          a[i] = a[i] + s[1][i];
        }
        break;
      case 10: // mid, side
        for (int i = 0; i < n; i++) {
          long side = s[1][i];
          long mid = ((long) a[i] << 1) | (side & 1);
          a[i] = (int) ((mid + side) >> 1);
          s[1][i] = (int) ((mid - side) >> 1);
        }
        break;
      default:
    }
  }

  private void subframe(int[] s, int n, int bps) throws EcgFormatException {
    long start = bit >>> 3;
    if (u(1) != 0) {
      throw error(start, "subframe padding bit set");
    }
    int type = (int) u(6);
    int wasted = 0;
    if (u(1) == 1) {
      wasted = unary() + 1;
      if (wasted >= bps) {
        throw error(start, wasted + " wasted bits in " + bps + "-bit samples");
      }
    }
    int ebps = bps - wasted;
    if (type == 0) {
      Arrays.fill(s, 0, n, s(ebps));
    } else if (type == 1) {
      for (int i = 0; i < n; i++) {
        s[i] = s(ebps);
      }
    } else if (type >= 8 && type <= 12) {
      int order = type - 8;
      if (order > n) {
        throw error(start, "fixed predictor order " + order + " above the block size " + n);
      }
      for (int i = 0; i < order; i++) {
        s[i] = s(ebps);
      }
      residual(s, n, order);
      for (int i = order; i < n; i++) {
        long p;
        switch (order) {
          case 0: p = 0; break;
          case 1: p = s[i - 1]; break;
          case 2: p = 2L * s[i - 1] - s[i - 2]; break;
          case 3: p = 3L * s[i - 1] - 3L * s[i - 2] + s[i - 3]; break;
          default: p = 4L * s[i - 1] - 6L * s[i - 2] + 4L * s[i - 3] - s[i - 4];
        }
        s[i] = (int) (p + s[i]);
      }
    } else if (type >= 32) {
      int order = type - 31;
      if (order > n) {
        throw error(start, "LPC order " + order + " above the block size " + n);
      }
      for (int i = 0; i < order; i++) {
        s[i] = s(ebps);
      }
      int precision = (int) u(4) + 1;
      if (precision == 16) {
        throw error(bit >>> 3, "invalid LPC coefficient precision");
      }
      int shift = s(5);
      if (shift < 0) {
        throw error(bit >>> 3, "negative LPC shift " + shift);
      }
      int[] coef = new int[order];
      for (int j = 0; j < order; j++) {
        coef[j] = s(precision);
      }
      residual(s, n, order);
      for (int i = order; i < n; i++) {
        long sum = 0;
        for (int j = 0; j < order; j++) {
          sum += (long) coef[j] * s[i - 1 - j];
        }
        s[i] = (int) ((sum >> shift) + s[i]);
      }
    } else {
      throw error(start, "reserved subframe type " + type);
    }
    if (wasted > 0) {
      for (int i = 0; i < n; i++) {
        s[i] <<= wasted;
      }
    }
  }

  /** Reads the Rice-coded residual into {@code s[order..n)}. */
  private void residual(int[] s, int n, int order) throws EcgFormatException {
    long start = bit >>> 3;
    int method = (int) u(2);
    if (method > 1) {
      throw error(start, "reserved residual coding method " + method);
    }
    int paramBits = method == 0 ? 4 : 5;
    int escape = method == 0 ? 15 : 31;
    int porder = (int) u(4);
    int per = n >> porder;
    if ((per << porder) != n || per < order) {
      throw error(start, "partition order " + porder + " does not fit block size " + n
          + " and predictor order " + order);
    }
    int idx = order;
    for (int p = 0; p < (1 << porder); p++) {
      int count = p == 0 ? per - order : per;
      int k = (int) u(paramBits);
      if (k == escape) {
        int nbits = (int) u(5);
        for (int i = 0; i < count; i++) {
          s[idx++] = nbits == 0 ? 0 : s(nbits);
        }
      } else {
        for (int i = 0; i < count; i++) {
          long q = unary();
          if (q > (0xffffffffL >>> k)) {
            throw error(bit >>> 3, "residual does not fit 32 bits");
          }
          long v = (q << k) | u(k);
          s[idx++] = (int) ((v >>> 1) ^ -(v & 1));
        }
      }
    }
  }

  // ------------------------------------------------------------------ bits

  private long u(int n) throws EcgFormatException {
    if (n == 0) {
      return 0;
    }
    if (bit + n > endBit) {
      throw error(b.length, "stream cut inside a frame");
    }
    long v = 0;
    int left = n;
    while (left > 0) {
      int idx = (int) (bit >>> 3);
      int off = (int) (bit & 7);
      int avail = 8 - off;
      int take = Math.min(avail, left);
      int bits = ((b[idx] & 0xff) >>> (avail - take)) & ((1 << take) - 1);
      v = (v << take) | bits;
      left -= take;
      bit += take;
    }
    return v;
  }

  private int s(int n) throws EcgFormatException {
    long v = u(n);
    return (int) ((v << (64 - n)) >> (64 - n));
  }

  /** Counts zero bits up to and including the next one bit. */
  private int unary() throws EcgFormatException {
    int zeros = 0;
    while (true) {
      if (bit >= endBit) {
        throw error(b.length, "stream cut inside a frame");
      }
      if ((bit & 7) == 0 && b[(int) (bit >>> 3)] == 0) {
        zeros += 8;
        bit += 8;
      } else {
        int v = (b[(int) (bit >>> 3)] >>> (7 - (bit & 7))) & 1;
        bit++;
        if (v == 1) {
          return zeros;
        }
        zeros++;
      }
      if (zeros > (1 << 30)) {
        throw error(bit >>> 3, "unary code too long");
      }
    }
  }

  private int crc8(long from, long to) {
    int crc = 0;
    for (long i = from; i < to; i++) {
      crc ^= b[(int) i] & 0xff;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
      }
    }
    return crc;
  }

  private int crc16(long from, long to) {
    int crc = 0;
    for (long i = from; i < to; i++) {
      crc ^= (b[(int) i] & 0xff) << 8;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
      }
    }
    return crc;
  }
}
