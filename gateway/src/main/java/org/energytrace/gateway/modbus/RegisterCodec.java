package org.energytrace.gateway.modbus;

import java.math.BigDecimal;
import java.nio.ByteBuffer;

/** Pure functions between register bytes (as they travel in a Modbus PDU) and scaled values. */
public final class RegisterCodec {

  private RegisterCodec() {}

  /**
   * Decodes the register bytes of one value and applies the scale. Scaling is done in decimal so
   * that an integer register with a decimal scale gives the value a person would write (int64
   * 1234567 Wh × 0.001 = 1234.567 kWh, not 1234.5670000000002).
   */
  public static double decode(byte[] registerBytes, RegisterSpec spec) {
    return scale(decodeRaw(registerBytes, spec.type(), spec.order()), spec.scale());
  }

  /**
   * Decodes an integer register exactly and applies the scale in decimal: an int64 or uint64 keeps
   * every digit (0x0123456789ABCDEF is 81985529216486895, which a double would make …896). Empty
   * for floating-point types.
   */
  public static java.util.Optional<BigDecimal> decodeExact(
      byte[] registerBytes, RegisterSpec spec) {
    DataType type = spec.type();
    int expected = type.registers() * 2;
    if (registerBytes.length != expected) {
      throw new IllegalArgumentException(
          type.name().toLowerCase() + " needs " + expected + " bytes, got " + registerBytes.length);
    }
    java.math.BigInteger raw =
        type.readInteger(ByteBuffer.wrap(spec.order().reorder(registerBytes)));
    if (raw == null) {
      return java.util.Optional.empty();
    }
    BigDecimal value = new BigDecimal(raw);
    return java.util.Optional.of(
        spec.scale() == 1.0
            ? value
            : value.multiply(new BigDecimal(Double.toString(spec.scale()))));
  }

  /** Decodes without scaling. */
  public static double decodeRaw(byte[] registerBytes, DataType type, RegisterOrder order) {
    int expected = type.registers() * 2;
    if (registerBytes.length != expected) {
      throw new IllegalArgumentException(
          type.name().toLowerCase() + " needs " + expected + " bytes, got " + registerBytes.length);
    }
    return type.read(ByteBuffer.wrap(order.reorder(registerBytes)));
  }

  /**
   * Encodes a scaled value into register bytes (the inverse of {@link #decode}); integer types
   * round to the nearest raw step. Used by the simulator, which serves what a real meter would.
   */
  public static byte[] encode(double value, RegisterSpec spec) {
    double raw =
        spec.scale() == 1.0
            ? value
            : BigDecimal.valueOf(value)
                .divide(BigDecimal.valueOf(spec.scale()), java.math.MathContext.DECIMAL64)
                .doubleValue();
    if (!spec.type().isFloatingPoint()) {
      raw = Math.rint(raw);
    }
    return encodeRaw(raw, spec.type(), spec.order());
  }

  /** Encodes an unscaled value. */
  public static byte[] encodeRaw(double raw, DataType type, RegisterOrder order) {
    ByteBuffer buffer = ByteBuffer.allocate(type.registers() * 2);
    type.write(buffer, raw);
    return order.reorder(buffer.array());
  }

  public static double scale(double raw, double scale) {
    if (scale == 1.0 || !Double.isFinite(raw)) {
      return raw;
    }
    return new BigDecimal(Double.toString(raw))
        .multiply(new BigDecimal(Double.toString(scale)))
        .doubleValue();
  }
}
