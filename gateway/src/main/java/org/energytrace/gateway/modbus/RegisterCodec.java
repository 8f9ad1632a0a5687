package org.energytrace.gateway.modbus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import org.energytrace.gateway.model.DataType;
import org.energytrace.gateway.model.RegisterOrder;
import org.energytrace.gateway.model.RegisterSpec;

/** Pure functions between register bytes (as they travel in a Modbus PDU) and scaled values. */
public final class RegisterCodec {

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

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
  public static Optional<BigDecimal> decodeExact(byte[] registerBytes, RegisterSpec spec) {
    BigInteger raw = readInteger(bigEndian(registerBytes, spec.type(), spec.order()), spec.type());
    if (raw == null) {
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(raw);
    return Optional.of(
        spec.scale() == 1.0
            ? value
            : value.multiply(new BigDecimal(Double.toString(spec.scale()))));
  }

  /** Decodes without scaling. */
  public static double decodeRaw(byte[] registerBytes, DataType type, RegisterOrder order) {
    return read(bigEndian(registerBytes, type, order), type);
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
                .divide(BigDecimal.valueOf(spec.scale()), MathContext.DECIMAL64)
                .doubleValue();
    if (!spec.type().isFloatingPoint()) {
      raw = Math.rint(raw);
    }
    return encodeRaw(raw, spec.type(), spec.order());
  }

  /** Encodes an unscaled value. */
  public static byte[] encodeRaw(double raw, DataType type, RegisterOrder order) {
    ByteBuffer buffer = ByteBuffer.allocate(type.registers() * 2);
    write(buffer, type, raw);
    return reorder(buffer.array(), order);
  }

  public static double scale(double raw, double scale) {
    if (scale == 1.0 || !Double.isFinite(raw)) {
      return raw;
    }
    return new BigDecimal(Double.toString(raw))
        .multiply(new BigDecimal(Double.toString(scale)))
        .doubleValue();
  }

  private static ByteBuffer bigEndian(byte[] registerBytes, DataType type, RegisterOrder order) {
    int expected = type.registers() * 2;
    if (registerBytes.length != expected) {
      throw new IllegalArgumentException(
          name(type) + " needs " + expected + " bytes, got " + registerBytes.length);
    }
    return ByteBuffer.wrap(reorder(registerBytes, order));
  }

  /**
   * Reorders register bytes between a wire order and big-endian (ABCD). The operation is its own
   * inverse, so it serves both decoding and encoding.
   */
  static byte[] reorder(byte[] bytes, RegisterOrder order) {
    if (bytes.length % 2 != 0) {
      throw new IllegalArgumentException("register data has an odd length: " + bytes.length);
    }
    int words = bytes.length / 2;
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < words; i++) {
      int src = order.wordSwap() ? words - 1 - i : i;
      byte hi = bytes[2 * src];
      byte lo = bytes[2 * src + 1];
      out[2 * i] = order.byteSwap() ? lo : hi;
      out[2 * i + 1] = order.byteSwap() ? hi : lo;
    }
    return out;
  }

  private static double read(ByteBuffer in, DataType type) {
    return switch (type) {
      case INT16 -> in.getShort();
      case UINT16 -> Short.toUnsignedInt(in.getShort());
      case INT32 -> in.getInt();
      case UINT32 -> Integer.toUnsignedLong(in.getInt());
      case INT64 -> in.getLong();
      case UINT64 -> unsigned(in.getLong()).doubleValue();
      case FLOAT32 -> in.getFloat();
      case FLOAT64 -> in.getDouble();
    };
  }

  /** An integer type read exactly (uint64 up to 2^64 - 1); null for floats. */
  private static BigInteger readInteger(ByteBuffer in, DataType type) {
    return switch (type) {
      case INT16 -> BigInteger.valueOf(in.getShort());
      case UINT16 -> BigInteger.valueOf(Short.toUnsignedInt(in.getShort()));
      case INT32 -> BigInteger.valueOf(in.getInt());
      case UINT32 -> BigInteger.valueOf(Integer.toUnsignedLong(in.getInt()));
      case INT64 -> BigInteger.valueOf(in.getLong());
      case UINT64 -> unsigned(in.getLong());
      case FLOAT32, FLOAT64 -> null;
    };
  }

  /** Writes a raw (unscaled) value as big-endian bytes of the type; integers must be exact. */
  private static void write(ByteBuffer out, DataType type, double raw) {
    switch (type) {
      case INT16 ->
          out.putShort((short) checkedInteger(type, raw, Short.MIN_VALUE, Short.MAX_VALUE));
      case UINT16 -> out.putShort((short) checkedInteger(type, raw, 0, 0xFFFF));
      case INT32 ->
          out.putInt((int) checkedInteger(type, raw, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case UINT32 -> out.putInt((int) checkedInteger(type, raw, 0, 0xFFFF_FFFFL));
      case INT64 -> out.putLong(checkedInteger(type, raw, Long.MIN_VALUE, Long.MAX_VALUE));
      case UINT64 -> {
        if (raw < 0 || raw >= 0x1p64 || raw != Math.rint(raw)) {
          throw new IllegalArgumentException(raw + " is not a uint64");
        }
        out.putLong(new BigDecimal(raw).toBigInteger().longValue());
      }
      case FLOAT32 -> out.putFloat((float) raw);
      case FLOAT64 -> out.putDouble(raw);
    }
  }

  private static long checkedInteger(DataType type, double raw, long min, long max) {
    if (raw != Math.rint(raw) || raw < min || raw > max) {
      throw new IllegalArgumentException(raw + " does not fit " + name(type));
    }
    return (long) raw;
  }

  private static BigInteger unsigned(long value) {
    return value >= 0 ? BigInteger.valueOf(value) : BigInteger.valueOf(value).add(TWO_64);
  }

  private static String name(DataType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }
}
