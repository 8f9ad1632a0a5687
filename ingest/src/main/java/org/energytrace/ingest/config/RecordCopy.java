package org.energytrace.ingest.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * A configuration record with some components replaced, built again through its canonical
 * constructor so that every check of the record runs again (the {@code withX} methods of the
 * configuration records).
 */
final class RecordCopy {
  private RecordCopy() {}

  /**
   * {@code record} with the named components replaced.
   *
   * @param namesAndValues component name, new value, name, value, …
   * @throws IllegalArgumentException what the record's constructor refuses, unchanged
   */
  static <R extends Record> R with(R record, Object... namesAndValues) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        values[i] = components[i].getAccessor().invoke(record);
        types[i] = components[i].getType();
      }
      for (int k = 0; k < namesAndValues.length; k += 2) {
        values[indexOf(components, (String) namesAndValues[k])] = namesAndValues[k + 1];
      }
      @SuppressWarnings("unchecked")
      Constructor<R> canonical = (Constructor<R>) record.getClass().getDeclaredConstructor(types);
      return canonical.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(RecordComponent[] components, String name) {
    for (int i = 0; i < components.length; i++) {
      if (components[i].getName().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "no component " + name + " in " + Arrays.toString(components));
  }
}
