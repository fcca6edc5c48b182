package dev.ecg.models.pkg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the central directory of a zip file (PKWARE APPNOTE 6.3, sections 4.3.12 and 4.3.16) to
 * learn what {@link java.util.zip.ZipFile} does not expose: the entry's host system and Unix mode,
 * so symbolic-link entries can be refused before anything is extracted.
 */
final class ZipCentralDirectory {

  private static final int EOCD_SIG = 0x06054b50;
  private static final int CD_SIG = 0x02014b50;
  private static final int UNIX_HOST = 3;
  private static final int S_IFMT = 0170000;
  private static final int S_IFLNK = 0120000;

  /** One central-directory record. */
  record Entry(String name, long compressedSize, long size, boolean symlink) {}

  private ZipCentralDirectory() {}

  static List<Entry> read(Path zip, int maxEntries) throws ModelPackageException {
    try (SeekableByteChannel ch = Files.newByteChannel(zip)) {
      long fileSize = ch.size();
      int tail = (int) Math.min(fileSize, 22 + 65535);
      if (tail < 22) {
        throw new ModelPackageException(zip + ": not a zip file (too short)");
      }
      ByteBuffer buf = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
      ch.position(fileSize - tail);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // fill
      }
      int eocd = -1;
      for (int i = tail - 22; i >= 0; i--) {
        if (buf.getInt(i) == EOCD_SIG) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) {
        throw new ModelPackageException(zip + ": not a zip file (no end of central directory)");
      }
      int count = Short.toUnsignedInt(buf.getShort(eocd + 10));
      long cdSize = Integer.toUnsignedLong(buf.getInt(eocd + 12));
      long cdOffset = Integer.toUnsignedLong(buf.getInt(eocd + 16));
      if (count == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
        throw new ModelPackageException(zip + ": zip64 archives are not supported");
      }
      if (count > maxEntries) {
        throw new ModelPackageException(zip + ": archive holds " + count
            + " entries, more than the cap of " + maxEntries);
      }
      if (cdOffset + cdSize > fileSize) {
        throw new ModelPackageException(zip + ": central directory lies outside the file");
      }
      ByteBuffer cd = ByteBuffer.allocate((int) cdSize).order(ByteOrder.LITTLE_ENDIAN);
      ch.position(cdOffset);
      while (cd.hasRemaining() && ch.read(cd) >= 0) {
        // fill
      }
      cd.flip();
      List<Entry> out = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        if (cd.remaining() < 46 || cd.getInt(cd.position()) != CD_SIG) {
          throw new ModelPackageException(zip + ": corrupt central directory at entry " + k);
        }
        int p = cd.position();
        int madeBy = Short.toUnsignedInt(cd.getShort(p + 4));
        long comp = Integer.toUnsignedLong(cd.getInt(p + 20));
        long size = Integer.toUnsignedLong(cd.getInt(p + 24));
        int nameLen = Short.toUnsignedInt(cd.getShort(p + 28));
        int extraLen = Short.toUnsignedInt(cd.getShort(p + 30));
        int commentLen = Short.toUnsignedInt(cd.getShort(p + 32));
        long ext = Integer.toUnsignedLong(cd.getInt(p + 38));
        if (cd.remaining() < 46 + nameLen + extraLen + commentLen) {
          throw new ModelPackageException(zip + ": corrupt central directory at entry " + k);
        }
        byte[] nameBytes = new byte[nameLen];
        cd.position(p + 46);
        cd.get(nameBytes);
        cd.position(p + 46 + nameLen + extraLen + commentLen);
        int mode = (int) (ext >>> 16);
        boolean link = (madeBy >>> 8) == UNIX_HOST && (mode & S_IFMT) == S_IFLNK;
        out.add(new Entry(new String(nameBytes, StandardCharsets.UTF_8), comp, size, link));
      }
      return out;
    } catch (ModelPackageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ModelPackageException(zip + ": cannot read zip directory: " + e.getMessage(), e);
    }
  }
}
