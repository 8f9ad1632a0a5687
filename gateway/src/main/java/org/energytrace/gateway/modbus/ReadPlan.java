package org.energytrace.gateway.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups register spans into the fewest read requests: spans of one function code whose gap is at
 * most {@code maxGap} registers share a request of at most 125 registers (Modbus Application
 * Protocol v1.1b3 §6.3/6.4: quantity 1..125 for functions 3 and 4).
 */
public final class ReadPlan {

  public static final int MAX_REGISTERS = 125;

  /** A value's registers: function, first wire address, number of registers; id is the caller's. */
  public record Span(int id, int function, int address, int count) {
    public Span {
      if (count < 1 || count > MAX_REGISTERS) {
        throw new IllegalArgumentException("a span has 1..125 registers, was " + count);
      }
      if (address < 0 || address + count - 1 > 0xFFFF) {
        throw new IllegalArgumentException("span beyond register 65535: " + address);
      }
    }

    int end() {
      return address + count;
    }
  }

  /** One read request and the spans it answers. */
  public record Block(int function, int address, int count, List<Span> spans) {
    public Block {
      spans = List.copyOf(spans);
    }

    /** The bytes of one span, cut out of this block's response. */
    public byte[] slice(byte[] response, Span span) {
      int from = (span.address() - address) * 2;
      byte[] out = new byte[span.count() * 2];
      System.arraycopy(response, from, out, 0, out.length);
      return out;
    }

    /** Whether a (possibly short) response covers a span completely. */
    public boolean covers(byte[] response, Span span) {
      return (span.end() - address) * 2 <= response.length;
    }
  }

  private ReadPlan() {}

  public static List<Block> plan(List<Span> spans, int maxGap) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort(
        Comparator.comparingInt(Span::function)
            .thenComparingInt(Span::address)
            .thenComparingInt(Span::count));
    List<Block> blocks = new ArrayList<>();
    List<Span> current = new ArrayList<>();
    int function = -1;
    int start = 0;
    int end = 0;
    for (Span span : sorted) {
      boolean fits =
          !current.isEmpty()
              && span.function() == function
              && span.address() - end <= maxGap
              && Math.max(end, span.end()) - start <= MAX_REGISTERS;
      if (!fits) {
        if (!current.isEmpty()) {
          blocks.add(new Block(function, start, end - start, current));
        }
        current = new ArrayList<>();
        function = span.function();
        start = span.address();
        end = span.end();
      }
      current.add(span);
      end = Math.max(end, span.end());
    }
    if (!current.isEmpty()) {
      blocks.add(new Block(function, start, end - start, current));
    }
    return blocks;
  }
}
