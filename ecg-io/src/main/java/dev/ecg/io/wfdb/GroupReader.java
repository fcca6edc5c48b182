package dev.ecg.io.wfdb;

import dev.ecg.io.EcgFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the signals that share one signal file. Frames are decoded in bounded chunks through
 * positional {@link FileChannel} reads, so memory does not grow with the requested range beyond
 * the output arrays. Format 8 keeps its running sums so consecutive ranges continue where the last
 * one ended; any other start re-decodes from the beginning of the file.
 */
final class GroupReader implements Closeable {
  private static final int CHUNK_GROUPS = 1 << 16;

  final Path file;
  final int format;
  final int[] signals;
  private final long offset;
  private final int frameSamples;
  private final int[] spf;
  private final int[] skew;
  private final int[] slotSig;
  private final int[] slotSub;
  private final int minSkew;
  private final int maxSkew;
  private final boolean simple;
  private final int[] init;
  final long fileFrames;
  private final FileChannel channel;
  private byte[] buf;
  private int[] flat;
  private long state8Flat;
  /** 16-bit-relevant sums of each signal over the last read, when {@link #sumsValid}. */
  final int[] sums;
  /** Whether the last read filled {@link #sums} (fused path only). */
  boolean sumsValid;
  private int[] acc;

  /** Decoded samples per local signal for the FLAC formats (null otherwise). */
  private final int[][] flac;
  private final int flacLength;

  /**
   * @param file the signal file
   * @param specs the signals stored in it, in order
   * @param signalIndices their indices in the record
   * @param maxSamples the most samples a FLAC file's stream may hold (all channels)
   * @param frames the header's frame count (0 if unknown): a FLAC stream is decoded only that
   *     far (plus the largest skew)
   * @throws IOException when the file cannot be opened or is malformed
   */
  GroupReader(Path file, List<SignalSpec> specs, int[] signalIndices, long maxSamples,
      long frames) throws IOException {
    this.file = file;
    this.signals = signalIndices.clone();
    SignalSpec first = specs.get(0);
    this.format = first.format();
    this.offset = first.byteOffset();
    int k = specs.size();
    spf = new int[k];
    skew = new int[k];
    init = new int[k];
    int f = 0;
    int mn = Integer.MAX_VALUE;
    int mx = 0;
    boolean simpleLayout = true;
    for (int s = 0; s < k; s++) {
      SignalSpec sp = specs.get(s);
      spf[s] = sp.samplesPerFrame();
      skew[s] = sp.skew();
      init[s] = sp.initialValue();
      f += spf[s];
      mn = Math.min(mn, skew[s]);
      mx = Math.max(mx, skew[s]);
      simpleLayout &= spf[s] == 1 && skew[s] == 0;
    }
    if (f > 1_000_000) {
      throw new EcgFormatException(file, "signal", signalIndices[0], "frame of " + f
          + " samples is too large");
    }
    frameSamples = f;
    minSkew = mn;
    maxSkew = mx;
    simple = simpleLayout;
    slotSig = new int[f];
    slotSub = new int[f];
    for (int s = 0, q = 0; s < k; s++) {
      for (int j = 0; j < spf[s]; j++, q++) {
        slotSig[q] = s;
        slotSub[q] = j;
      }
    }
    if (WfdbFormat.isFlac(format)) {
      channel = null;
      for (int q = 1; q < k; q++) {
        if (spf[q] != spf[0]) {
          throw new EcgFormatException(file, "signal", signalIndices[q], "the signals of a FLAC "
              + "signal file must have equal samples per frame (" + spf[q] + " vs " + spf[0]
              + ")");
        }
      }
      if (k > FlacDecoder.MAX_CHANNELS) {
        throw new EcgFormatException(file, "signal", signalIndices[0], k + " signals in one "
            + "FLAC signal file (at most " + FlacDecoder.MAX_CHANNELS + ")");
      }
      byte[] bytes = readFlac(file, offset);
      long wanted = frames > 0 ? (frames + mx) * spf[0] : maxSamples / k;
      FlacDecoder.Stream st = FlacDecoder.decode(bytes, file, maxSamples, wanted);
      if (st.channels() != k) {
        throw new EcgFormatException(file, null, -1, "FLAC stream has " + st.channels()
            + " channels, the header puts " + k + " signals in this file");
      }
      if (st.bitsPerSample() != WfdbFormat.flacBits(format)) {
        throw new EcgFormatException(file, null, -1, "FLAC stream of " + st.bitsPerSample()
            + "-bit samples for format " + format + " (" + WfdbFormat.flacBits(format)
            + " bits)");
      }
      flac = st.samples();
      flacLength = st.length();
      fileFrames = flacLength / spf[0];
    } else if (format == 0) {
      channel = null;
      flac = null;
      flacLength = 0;
      fileFrames = Long.MAX_VALUE;
    } else {
      flac = null;
      flacLength = 0;
      if (java.nio.file.Files.isDirectory(file)) {
        throw new EcgFormatException(file, null, -1, "signal file name names a folder");
      }
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        throw new EcgFormatException(file, null, -1, "signal file not found", e);
      } catch (java.nio.file.FileSystemException e) {
        // e.g. "Not a directory" for a name like "r.dat/x" written by a damaged header
        throw new EcgFormatException(file, null, -1, "cannot open signal file: "
            + e.getReason(), e);
      }
      long size = channel.size();
      if (size < offset) {
        channel.close();
        throw new EcgFormatException(file, "byte", size, "file of " + size
            + " bytes is shorter than the byte offset " + offset);
      }
      fileFrames = WfdbFormat.samplesIn(format, size - offset) / f;
    }
    acc = init.clone();
    sums = new int[k];
  }

  int size() {
    return signals.length;
  }

  private static byte[] readFlac(Path file, long offset) throws IOException {
    if (java.nio.file.Files.isDirectory(file)) {
      throw new EcgFormatException(file, null, -1, "signal file name names a folder");
    }
    long size;
    try {
      size = java.nio.file.Files.size(file);
    } catch (NoSuchFileException e) {
      throw new EcgFormatException(file, null, -1, "signal file not found", e);
    }
    if (size - offset > Integer.MAX_VALUE - 8) {
      throw new EcgFormatException(file, "byte", 0, "FLAC signal file of " + size
          + " bytes is too large");
    }
    if (size < offset) {
      throw new EcgFormatException(file, "byte", size, "file of " + size
          + " bytes is shorter than the byte offset " + offset);
    }
    byte[] all = java.nio.file.Files.readAllBytes(file);
    return offset == 0 ? all : Arrays.copyOfRange(all, (int) offset, all.length);
  }

  int samplesPerFrame(int local) {
    return spf[local];
  }

  int skew(int local) {
    return skew[local];
  }

  /**
   * Decodes output frames [from, to) of every signal of this group.
   *
   * @param from first frame (before skew)
   * @param to end frame, exclusive
   * @param out one array per local signal, each of length (to - from) * spf
   * @throws IOException when the file cannot be read or is shorter than expected
   */
  void read(long from, long to, int[][] out) throws IOException {
    int k = signals.length;
    sumsValid = false;
    Arrays.fill(sums, 0);
    for (int s = 0; s < k; s++) {
      // samples that lie past the end of the file (only possible through skew) are invalid
      long validFrames = Math.max(0, Math.min(to, fileFrames - skew[s]) - from);
      if (validFrames < to - from) {
        Arrays.fill(out[s], (int) (validFrames * spf[s]), out[s].length,
            WfdbFormat.invalidValue(format));
      }
    }
    if (format == 0) {
      for (int[] o : out) {
        Arrays.fill(o, WfdbRecord.INVALID_DIGITAL);
      }
      return;
    }
    if (flac != null) {
      for (int s = 0; s < k; s++) {
        int per = spf[s];
        long validFrames = Math.max(0, Math.min(to, fileFrames - skew[s]) - from);
        int n = (int) (validFrames * per);
        long src = (from + skew[s]) * per;
        if (n > 0) {
          System.arraycopy(flac[s], (int) src, out[s], 0, n);
        }
      }
      return;
    }
    long fileStart = from + minSkew;
    long fileEnd = Math.min(to + maxSkew, fileFrames);
    if (fileStart >= fileEnd) {
      return;
    }
    long flatStart = fileStart * frameSamples;
    long flatEnd = fileEnd * frameSamples;
    int spg = WfdbFormat.samplesPerGroup(format);
    int bpg = WfdbFormat.bytesPerGroup(format);
    if (buf == null) {
      buf = new byte[CHUNK_GROUPS * bpg];
      flat = new int[CHUNK_GROUPS * spg];
    }
    // (a frame wider than a chunk, over 65,536 signals, takes the general path: the fused one
    // would advance by zero frames a chunk)
    if (simple && SampleCodec.canDecodeFrames(format, frameSamples) && flatStart % spg == 0
        && frameSamples <= CHUNK_GROUPS * spg) {
      // fused path: decode straight into the output arrays
      int maxFrames = CHUNK_GROUPS * spg / frameSamples;
      long frame = fileStart;
      while (frame < fileEnd) {
        int nFrames = (int) Math.min(maxFrames, fileEnd - frame);
        long flatPos = frame * frameSamples;
        int nBytes = (int) WfdbFormat.bytesFor(format, (long) nFrames * frameSamples);
        readFully(offset + flatPos / spg * bpg, nBytes);
        int o = (int) (frame - from);
        SampleCodec.decodeFrames(format, buf, out, o, nFrames, frameSamples);
        // checksum while the chunk is still in cache
        for (int s = 0; s < k; s++) {
          int[] d = out[s];
          int sum = 0;
          for (int i = o; i < o + nFrames; i++) {
            sum += d[i];
          }
          sums[s] += sum;
        }
        frame += nFrames;
      }
      sumsValid = true;
      return;
    }
    long pos;
    if (format == 8) {
      if (state8Flat > flatStart) {
        state8Flat = 0;
        acc = init.clone();
      }
      pos = state8Flat;
    } else {
      pos = flatStart;
    }
    long group = pos / spg;
    long flatPos = group * spg;
    while (flatPos < flatEnd) {
      int nFlat = (int) Math.min((long) CHUNK_GROUPS * spg, flatEnd - flatPos);
      int nBytes = (int) WfdbFormat.bytesFor(format, nFlat);
      readFully(offset + (flatPos / spg) * bpg, nBytes);
      SampleCodec.decode(format, buf, 0, flat, 0, nFlat);
      int skip = (int) Math.max(0, pos - flatPos);
      if (format == 8) {
        integrate(flatPos, nFlat);
      }
      distribute(flatPos + skip, flat, skip, nFlat - skip, from, to, out);
      flatPos += nFlat;
    }
    if (format == 8) {
      state8Flat = flatEnd;
    }
  }

  private void integrate(long flatPos, int n) {
    int slot = (int) (flatPos % frameSamples);
    int[] a = acc;
    for (int j = 0; j < n; j++) {
      int s = slotSig[slot];
      a[s] += flat[j];
      flat[j] = a[s];
      if (++slot == frameSamples) {
        slot = 0;
      }
    }
  }

  private void distribute(long flatIndex, int[] src, int srcPos, int n, long from, long to,
      int[][] out) {
    if (n <= 0) {
      return;
    }
    long frame = flatIndex / frameSamples;
    int slot = (int) (flatIndex % frameSamples);
    int j = srcPos;
    int end = srcPos + n;
    if (simple) {
      // fast path: spf 1, no skew; frames map to out[s][frame - from]
      while (j < end && slot != 0) {
        storeSimple(src[j++], frame, slot, from, to, out);
        if (++slot == frameSamples) {
          slot = 0;
          frame++;
        }
      }
      int k = frameSamples;
      if (frame < from) {
        long skipFrames = Math.min(from - frame, (end - j) / k);
        j += (int) (skipFrames * k);
        frame += skipFrames;
      }
      int wholeFrames = (int) Math.min((end - j) / k, Math.max(0, to - frame));
      int base = (int) (frame - from);
      if (frame >= from) {
        if (k == 1) {
          System.arraycopy(src, j, out[0], base, wholeFrames);
        } else if (k == 2) {
          int[] o0 = out[0];
          int[] o1 = out[1];
          for (int i = 0; i < wholeFrames; i++) {
            o0[base + i] = src[j + 2 * i];
            o1[base + i] = src[j + 2 * i + 1];
          }
        } else {
          for (int s = 0; s < k; s++) {
            int[] o = out[s];
            for (int i = 0, q = j + s; i < wholeFrames; i++, q += k) {
              o[base + i] = src[q];
            }
          }
        }
        j += wholeFrames * k;
        frame += wholeFrames;
      }
      while (j < end) {
        storeSimple(src[j++], frame, slot, from, to, out);
        if (++slot == frameSamples) {
          slot = 0;
          frame++;
        }
      }
      return;
    }
    for (; j < end; j++) {
      int s = slotSig[slot];
      long f = frame - skew[s] - from;
      if (f >= 0 && f < to - from) {
        out[s][(int) (f * spf[s]) + slotSub[slot]] = src[j];
      }
      if (++slot == frameSamples) {
        slot = 0;
        frame++;
      }
    }
  }

  private static void storeSimple(int v, long frame, int slot, long from, long to, int[][] out) {
    if (frame >= from && frame < to) {
      out[slot][(int) (frame - from)] = v;
    }
  }

  private void readFully(long position, int n) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
    long p = position;
    while (bb.hasRemaining()) {
      int r = channel.read(bb, p);
      if (r < 0) {
        throw new EcgFormatException(file, "byte", p, "unexpected end of signal file (needed "
            + n + " bytes from byte " + position + ")");
      }
      p += r;
    }
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
