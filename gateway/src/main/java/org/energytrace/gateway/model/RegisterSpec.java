package org.energytrace.gateway.model;

import java.util.Objects;

/**
 * Where and how one value lives in a Modbus device: function code (3 holding, 4 input registers),
 * 0-based wire address, data type, register order and a scale factor applied after decoding.
 */
public record RegisterSpec(
    int function, int address, DataType type, RegisterOrder order, double scale) {

  public static final int READ_HOLDING_REGISTERS = 3;
  public static final int READ_INPUT_REGISTERS = 4;

  public RegisterSpec {
    if (function != READ_HOLDING_REGISTERS && function != READ_INPUT_REGISTERS) {
      throw new IllegalArgumentException("function must be 3 or 4, was " + function);
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(order, "order");
    if (address < 0 || address + type.registers() - 1 > 0xFFFF) {
      throw new IllegalArgumentException("address out of range 0..65535: " + address);
    }
    if (!Double.isFinite(scale) || scale == 0) {
      throw new IllegalArgumentException("scale must be finite and non-zero, was " + scale);
    }
  }

  public int registers() {
    return type.registers();
  }

  public RegisterSpec withScale(double newScale) {
    return new RegisterSpec(function, address, type, order, newScale);
  }
}
