package org.energytrace.ingest.config;

/**
 * One invalid field of a configuration file; {@code line} is 0 when unknown, {@code path} empty for
 * the document as a whole.
 */
public record ConfigProblem(String file, int line, String path, String problem) {
  @Override
  public String toString() {
    return file
        + (line > 0 ? ":" + line : "")
        + ": "
        + (path.isEmpty() ? "" : path + ": ")
        + problem;
  }
}
