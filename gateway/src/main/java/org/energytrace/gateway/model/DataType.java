package org.energytrace.gateway.model;

/**
 * The data types a meter register map uses, with their width in 16-bit registers. How their bytes
 * are decoded is the Modbus driver's business ({@code modbus.RegisterCodec}).
 */
public enum DataType {
  INT16(1),
  UINT16(1),
  INT32(2),
  UINT32(2),
  INT64(4),
  UINT64(4),
  FLOAT32(2),
  FLOAT64(4);

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
}
