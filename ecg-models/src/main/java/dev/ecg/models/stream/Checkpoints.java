package dev.ecg.models.stream;

import dev.ecg.core.EcgArgumentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/** Java serialisation of stream state, read back through an allow-list filter. */
final class Checkpoints {
  private Checkpoints() {}

  static byte[] write(Object state, String what) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(state);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise the " + what + " state", e);
    }
  }

  /**
   * @return the object, which the filter allowed and which is an instance of {@code type}
   * @throws EcgArgumentException on unreadable bytes, a refused class or another type
   */
  static <T> T read(byte[] state, ObjectInputFilter filter, Class<T> type, String what) {
    Object o;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(state))) {
      in.setObjectInputFilter(filter);
      o = in.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new EcgArgumentException("not a readable " + what + " checkpoint (" + state.length
          + " bytes): " + e, e);
    }
    if (!type.isInstance(o)) {
      throw new EcgArgumentException("not a " + what + " checkpoint: " + o.getClass()
          .getName());
    }
    return type.cast(o);
  }
}
