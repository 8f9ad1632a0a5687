package org.energytrace.gateway.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one JSON line per served value change: {@code {"meter", "channel", "unit", "value",
 * "from"}} (plus {@code "product"} for production counters), {@code from} being the UTC instant
 * from which the value is visible to a client. An end-to-end test replays it against the database
 * to prove that exactly the served values arrive.
 */
public final class ServedValueJournal implements AutoCloseable {

  private final ObjectMapper json = new ObjectMapper();
  private final BufferedWriter out;
  private final Map<String, Double> last = new HashMap<>();

  public ServedValueJournal(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.out =
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open journal " + file, e);
    }
  }

  /** Records the values that differ from the last ones recorded, visible from {@code from}. */
  public synchronized void record(List<ServedValue> values, Instant from) {
    String at = from.truncatedTo(ChronoUnit.MILLIS).toString();
    try {
      boolean wrote = false;
      for (ServedValue value : values) {
        Double previous = last.put(value.key(), value.value());
        if (previous != null && previous.doubleValue() == value.value()) {
          continue;
        }
        ObjectNode line = json.createObjectNode();
        line.put("meter", value.meter());
        line.put("channel", value.channel());
        line.put("unit", value.unit());
        if (value.product() != null) {
          line.put("product", value.product());
        }
        line.put("value", value.value());
        line.put("from", at);
        out.write(json.writeValueAsString(line));
        out.newLine();
        wrote = true;
      }
      if (wrote) {
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write journal", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
