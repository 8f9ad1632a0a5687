package org.energytrace.ingest.upload;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The answers of an upload's preview and of a refused commit, the same for every feature: the file
 * name, whether it is valid, the upload id and the errors (row, column, column letter, message),
 * then for a preview the rows as the feature shows them.
 */
public final class UploadAnswers {
  private UploadAnswers() {}

  /** The problems, each message as {@link Problem#text()} says it. */
  public static Map<String, Object> problems(Parsed<?> parsed) {
    return problems(parsed, Problem::text);
  }

  /**
   * The problems, each message as {@code message} says it (an API request's rows name the request's
   * field instead of the file's row).
   */
  public static Map<String, Object> problems(Parsed<?> parsed, Function<Problem, String> message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file_name", parsed.fileName());
    m.put("valid", parsed.valid());
    m.put("upload_id", parsed.uploadId());
    m.put(
        "errors",
        parsed.problems().stream()
            .map(
                p ->
                    new JsonObject()
                        .put("row", p.row())
                        .put("column", p.column())
                        .put("column_letter", p.letter())
                        .put("message", message.apply(p)))
            .toList());
    return m;
  }

  /**
   * The problems of an API request's rows, each naming the request's item instead of the file's
   * row: {@code field[i]}, then where {@code column} puts the problem's column ("" when none), then
   * the message.
   */
  public static Map<String, Object> requestProblems(
      Parsed<?> parsed, String field, Function<Problem, String> column) {
    return problems(
        parsed, p -> field + "[" + (p.row() - 2) + "]" + column.apply(p) + ": " + p.message());
  }

  /**
   * The answer of a stored upload: its id, the rows stored, and whether the same rows had been
   * committed before (then nothing changed).
   */
  public static Map<String, Object> committed(
      String uploadId, int stored, boolean alreadyCommitted) {
    return Map.of("upload_id", uploadId, "stored", stored, "already_committed", alreadyCommitted);
  }

  /** The preview: the problems, then the rows as {@code row} shows each. */
  public static <R> Map<String, Object> preview(Parsed<R> parsed, Function<R, JsonObject> row) {
    Map<String, Object> m = problems(parsed);
    m.put("rows", parsed.rows().stream().map(row).toList());
    return m;
  }
}
