package org.energytrace.gateway.modbus;

import java.math.BigInteger;
import java.nio.ByteBuffer;

/** The data types a meter register map uses, with their width in 16-bit registers. */
public enum DataType {
  INT16(1),
  UINT16(1),
  INT32(2),
  UINT32(2),
  INT64(4),
  UINT64(4),
  FLOAT32(2),
  FLOAT64(4);

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private final int registers;

  DataType(int registers) {
    this.registers = registers;
  }

  /** Number of 16-bit registers the value occupies. */
  public int registers() {
    return registers;
  }

  /** Width in bits (the natural {@code counter_bits} of a counter held in this type). */
  public int bits() {
    return registers * 16;
  }

  public boolean isFloatingPoint() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /** Reads big-endian bytes as this type. */
  double read(ByteBuffer bigEndian) {
    return switch (this) {
      case INT16 -> bigEndian.getShort();
      case UINT16 -> Short.toUnsignedInt(bigEndian.getShort());
      case INT32 -> bigEndian.getInt();
      case UINT32 -> Integer.toUnsignedLong(bigEndian.getInt());
      case INT64 -> bigEndian.getLong();
      case UINT64 -> unsigned(bigEndian.getLong());
      case FLOAT32 -> bigEndian.getFloat();
      case FLOAT64 -> bigEndian.getDouble();
    };
  }

  /** Reads big-endian bytes of an integer type exactly (uint64 up to 2^64 - 1); null for floats. */
  BigInteger readInteger(ByteBuffer bigEndian) {
    return switch (this) {
      case INT16 -> BigInteger.valueOf(bigEndian.getShort());
      case UINT16 -> BigInteger.valueOf(Short.toUnsignedInt(bigEndian.getShort()));
      case INT32 -> BigInteger.valueOf(bigEndian.getInt());
      case UINT32 -> BigInteger.valueOf(Integer.toUnsignedLong(bigEndian.getInt()));
      case INT64 -> BigInteger.valueOf(bigEndian.getLong());
      case UINT64 -> {
        long v = bigEndian.getLong();
        yield v >= 0 ? BigInteger.valueOf(v) : BigInteger.valueOf(v).add(TWO_64);
      }
      case FLOAT32, FLOAT64 -> null;
    };
  }

  /** Writes a raw (unscaled) value as big-endian bytes of this type; integers must be exact. */
  void write(ByteBuffer bigEndian, double raw) {
    switch (this) {
      case INT16 ->
          bigEndian.putShort((short) checkedInteger(raw, Short.MIN_VALUE, Short.MAX_VALUE));
      case UINT16 -> bigEndian.putShort((short) checkedInteger(raw, 0, 0xFFFF));
      case INT32 ->
          bigEndian.putInt((int) checkedInteger(raw, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case UINT32 -> bigEndian.putInt((int) checkedInteger(raw, 0, 0xFFFF_FFFFL));
      case INT64 -> bigEndian.putLong(checkedInteger(raw, Long.MIN_VALUE, Long.MAX_VALUE));
      case UINT64 -> {
        if (raw < 0 || raw >= 0x1p64 || raw != Math.rint(raw)) {
          throw new IllegalArgumentException(raw + " is not a uint64");
        }
        bigEndian.putLong(new java.math.BigDecimal(raw).toBigInteger().longValue());
      }
      case FLOAT32 -> bigEndian.putFloat((float) raw);
      case FLOAT64 -> bigEndian.putDouble(raw);
    }
  }

  private long checkedInteger(double raw, long min, long max) {
    if (raw != Math.rint(raw) || raw < min || raw > max) {
      throw new IllegalArgumentException(raw + " does not fit " + name().toLowerCase());
    }
    return (long) raw;
  }

  private static double unsigned(long value) {
    return value >= 0 ? value : BigInteger.valueOf(value).add(TWO_64).doubleValue();
  }
}
