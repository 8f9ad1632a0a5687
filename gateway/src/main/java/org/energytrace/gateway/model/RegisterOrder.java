package org.energytrace.gateway.model;

/**
 * How the bytes of a multi-register value are laid out on the wire, written as the order in which
 * the bytes A (most significant) .. D (least significant) of a 32-bit value arrive. For 16-bit
 * values only the byte swap matters; for 64-bit values both swaps apply to all four words.
 *
 * <p>Modbus itself (Modbus Application Protocol v1.1b3, §4.2) only fixes big-endian byte order
 * inside one register; the order of registers in a wider value is each vendor's choice, so it is
 * data in the register map, never a branch in code.
 */
public enum RegisterOrder {
  /** Big-endian: high word first, high byte first (Eastron, Schneider, Janitza). */
  ABCD(false, false),
  /** Little-endian: low word first, low byte first. */
  DCBA(true, true),
  /** High word first, bytes swapped inside each register. */
  BADC(true, false),
  /** Low word first, bytes big-endian inside each register (Carlo Gavazzi EM24). */
  CDAB(false, true);

  private final boolean byteSwap;
  private final boolean wordSwap;

  RegisterOrder(boolean byteSwap, boolean wordSwap) {
    this.byteSwap = byteSwap;
    this.wordSwap = wordSwap;
  }

  /** Whether the two bytes of each register are swapped (BADC, DCBA). */
  public boolean byteSwap() {
    return byteSwap;
  }

  /** Whether the registers of a multi-register value arrive low word first (CDAB, DCBA). */
  public boolean wordSwap() {
    return wordSwap;
  }
}
