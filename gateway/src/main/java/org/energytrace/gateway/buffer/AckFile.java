package org.energytrace.gateway.buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file {@code ack}: the index of the oldest reading not yet acknowledged, written with fsync
 * and atomic rename. It may lag behind (it is written at most every half second); an older ack only
 * means more duplicates after a crash.
 */
final class AckFile {

  static final String NAME = "ack";

  private static final Logger log = LoggerFactory.getLogger(AckFile.class);

  private final Path dir;

  AckFile(Path dir) {
    this.dir = dir;
  }

  /** The saved ack; 0 when there is none, or when it is unreadable (everything replays). */
  long read() throws IOException {
    Path file = dir.resolve(NAME);
    if (!Files.exists(file)) {
      return 0;
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    try {
      return Math.max(0, Long.parseLong(text));
    } catch (NumberFormatException e) {
      // Written with fsync and atomic rename, so this means someone edited it: replay everything.
      log.warn("buffer {}: unreadable ack file '{}'; replaying from the oldest segment", dir, text);
      return 0;
    }
  }

  /** Writes the ack; false (logged) when it could not, which is not fatal. */
  boolean write(long ack) {
    try {
      BufferFiles.writeNumber(dir.resolve(NAME), ack);
      return true;
    } catch (IOException e) {
      log.error("buffer {}: {}", dir, e.getMessage());
      return false;
    }
  }
}
