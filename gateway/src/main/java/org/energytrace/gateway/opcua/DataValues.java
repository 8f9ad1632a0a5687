package org.energytrace.gateway.opcua;

import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UNumber;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;

/** An OPC UA DataValue as a reading. */
final class DataValues {

  private DataValues() {}

  /**
   * Maps one DataValue, stamped with its SourceTimestamp (else the poll's time); quality follows
   * the StatusCode severity (OPC 10000-4 §7.39). A value that is not a number, not finite, or Bad
   * gives a bad reading carrying {@code lastKnown}. 64-bit integers keep every digit.
   */
  static Reading reading(PointTarget target, DataValue value, Instant pollTs, double lastKnown) {
    DateTime source = value.getSourceTime();
    Instant ts =
        source != null && source.isValid() && !source.isNull() ? source.getJavaInstant() : pollTs;
    StatusCode status = value.getStatusCode() == null ? StatusCode.GOOD : value.getStatusCode();
    Object raw = value.getValue() == null ? null : value.getValue().getValue();
    double number;
    BigDecimal exact = null;
    if (raw instanceof ULong u) {
      // UInt64 (OPC 10000-6 §5.2.2.2): exact, a double would lose digits above 2^53
      exact = new BigDecimal(u.toBigInteger());
      number = exact.doubleValue();
    } else if (raw instanceof Long l) {
      exact = BigDecimal.valueOf(l);
      number = l;
    } else if (raw instanceof Number n) {
      number = n.doubleValue();
    } else if (raw instanceof UNumber u) {
      number = u.doubleValue();
    } else {
      return Reading.bad(target, ts, lastKnown);
    }
    if (!Double.isFinite(number) || status.isBad()) {
      return Reading.bad(target, ts, lastKnown);
    }
    Quality quality = status.isGood() ? Quality.GOOD : Quality.UNCERTAIN;
    return exact != null
        ? Reading.of(target, ts, exact, quality)
        : new Reading(target, ts, number, quality);
  }
}
