package org.energytrace.ingest.verification;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.ingest.errors.DomainException;

/**
 * A non-routine adjustment as the enterprise proposes it (IPMVP static factors; docs/mv-method.md,
 * "Non-routine adjustments"): what changed ({@link Kind}), the days it covers, how its energy is
 * stated ({@link Method}, analytics' {@link NonRoutineAdjustment.Kind}), the value, its stated
 * standard uncertainty, the justification and an optional attachment. Pure; checks every field (400
 * naming it).
 */
public record Adjustment(
    Kind kind,
    LocalDate from,
    LocalDate to,
    Method method,
    double value,
    double stdError,
    String justification,
    Attachment attachment,
    String variable) {

  /** Largest attachment kept (bytes, decoded): a scanned page or a short PDF. */
  public static final int MAX_ATTACHMENT_BYTES = 512 * 1024;

  /** The static factor that changed. */
  public enum Kind {
    NEW_LINE,
    PRODUCT_MIX,
    CAPACITY,
    OPERATING_HOURS,
    OTHER;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * How the adjustment's energy is stated: a fixed amount per day or over the whole period, a
   * percentage of the routine adjusted baseline, or a model term on a column of the EnPI's
   * reporting data ({@code variable}) whose coefficient is re-fitted over the adjustment's days
   * from the routine residuals (analytics' model term with a refitted coefficient; no value, no
   * stated standard error).
   */
  public enum Method {
    FIXED_PER_DAY(NonRoutineAdjustment.Kind.FIXED_PER_DAY),
    FIXED_PER_PERIOD(NonRoutineAdjustment.Kind.FIXED_PER_PERIOD),
    PERCENTAGE(NonRoutineAdjustment.Kind.PERCENTAGE),
    REFITTED_TERM(NonRoutineAdjustment.Kind.MODEL_TERM);

    private final NonRoutineAdjustment.Kind analytics;

    Method(NonRoutineAdjustment.Kind analytics) {
      this.analytics = analytics;
    }

    public NonRoutineAdjustment.Kind analytics() {
      return analytics;
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A document supporting the adjustment, kept with its SHA-256. */
  public record Attachment(String name, String mediaType, byte[] content) {
    public Attachment {
      Objects.requireNonNull(content, "content");
      if (name == null || name.isBlank() || name.length() > 200) {
        throw DomainException.invalid("attachment.name", "a file name of 1 to 200 characters");
      }
      if (mediaType == null || !mediaType.matches("[a-z]+/[a-zA-Z0-9.+-]{1,100}")) {
        throw DomainException.invalid(
            "attachment.media_type", "a media type such as application/pdf");
      }
      if (content.length == 0) {
        throw DomainException.invalid("attachment.content_base64", "the file is empty");
      }
      if (content.length > MAX_ATTACHMENT_BYTES) {
        throw DomainException.invalid(
            "attachment.content_base64",
            "at most " + MAX_ATTACHMENT_BYTES + " bytes, got " + content.length);
      }
    }
  }

  /**
   * A column of an EnPI's daily data a re-fitted term may read: {@code production}, {@code
   * production_<product>}, or the weather column of a weather baseline ({@code temperature}, {@code
   * cdd_18c}, {@code hdd_15.5c}).
   */
  public static final String VARIABLE =
      "production(_[A-Za-z0-9_.-]{1,64})?|temperature|[ch]dd_[0-9]{1,2}(\\.[0-9]{1,6})?c";

  public Adjustment {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(method, "method");
    PeriodSignoff.period(from, to);
    if (method == Method.REFITTED_TERM) {
      if (variable == null || !variable.matches(VARIABLE)) {
        throw DomainException.invalid(
            "variable",
            "a re-fitted term reads a column of the EnPI's data: production, production_<product>,"
                + " or the baseline's weather column (temperature, cdd_18c, hdd_18c)");
      }
      if (!Double.isNaN(value)) {
        throw DomainException.invalid(
            "value", "a re-fitted term's coefficient is estimated from the data: state no value");
      }
      if (stdError != 0) {
        throw DomainException.invalid(
            "std_error", "a re-fitted term has its own standard error: state none");
      }
    } else if (variable != null) {
      throw DomainException.invalid("variable", "only a refitted_term names a variable");
    } else if (!Double.isFinite(value)) {
      throw DomainException.invalid("value", "must be a finite number");
    }
    if (method == Method.PERCENTAGE && !(value > -100 && value < 1000)) {
      throw DomainException.invalid("value", "a percentage above -100 and below 1000");
    }
    if (!(stdError >= 0) || !Double.isFinite(stdError)) {
      throw DomainException.invalid("std_error", "must be a finite number >= 0");
    }
    if (justification == null || justification.isBlank()) {
      throw DomainException.invalid(
          "justification", "required: IPMVP documents every non-routine adjustment");
    }
  }

  public static <E extends Enum<E>> E parse(Class<E> type, String field, String wire) {
    if (wire != null) {
      for (E e : type.getEnumConstants()) {
        if (e.name().toLowerCase(Locale.ROOT).equals(wire)) {
          return e;
        }
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      allowed.append(allowed.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
    }
    throw DomainException.invalid(field, "must be one of " + allowed + ", got " + wire);
  }
}
