package org.energytrace.gateway.buffer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;

/**
 * The binary form of readings in a buffer segment. Each record starts with a small table of the
 * distinct targets it uses, then one (target number, epoch ms, value, quality) entry per reading,
 * so a poll of one device costs its names once. A reading with an exact value (a 64-bit counter
 * beyond what a double keeps) sets the top bit of its quality byte and is followed by that value:
 * its scale (int) and its unscaled two's-complement bytes (length as unsigned byte, then bytes).
 * Segments written before exact values existed never set that bit and read as they always did.
 */
final class ReadingRecordCodec {

  private static final byte METER = 0;
  private static final byte PRODUCTION = 1;
  private static final int EXACT = 0x80;

  private ReadingRecordCodec() {}

  static byte[] encode(List<Reading> readings) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + readings.size() * 24);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      Map<PointTarget, Integer> table = new HashMap<>();
      List<PointTarget> order = new ArrayList<>();
      for (Reading r : readings) {
        if (table.putIfAbsent(r.target(), order.size()) == null) {
          order.add(r.target());
        }
      }
      out.writeInt(order.size());
      for (PointTarget target : order) {
        writeTarget(out, target);
      }
      for (Reading r : readings) {
        out.writeInt(table.get(r.target()));
        out.writeLong(r.ts().toEpochMilli());
        out.writeDouble(r.value());
        if (r.exact().isPresent()) {
          BigDecimal exact = r.exact().get();
          byte[] unscaled = exact.unscaledValue().toByteArray();
          out.writeByte(r.quality().ordinal() | EXACT);
          out.writeInt(exact.scale());
          out.writeByte(unscaled.length);
          out.write(unscaled);
        } else {
          out.writeByte(r.quality().ordinal());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static List<Reading> decode(byte[] payload, int count) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    int targets = in.readInt();
    if (targets < 0 || targets > count) {
      throw new IOException("bad target table size " + targets);
    }
    PointTarget[] table = new PointTarget[targets];
    for (int i = 0; i < targets; i++) {
      table[i] = readTarget(in);
    }
    Quality[] qualities = Quality.values();
    List<Reading> readings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int t = in.readInt();
      long ts = in.readLong();
      double value = in.readDouble();
      int flags = in.readUnsignedByte();
      int q = flags & ~EXACT;
      Optional<BigDecimal> exact = Optional.empty();
      if ((flags & EXACT) != 0) {
        int scale = in.readInt();
        byte[] unscaled = new byte[in.readUnsignedByte()];
        in.readFully(unscaled);
        if (unscaled.length == 0) {
          throw new IOException("bad exact value in reading entry " + i);
        }
        exact = Optional.of(new BigDecimal(new BigInteger(unscaled), scale));
      }
      if (t < 0 || t >= targets || q >= qualities.length) {
        throw new IOException("bad reading entry " + i);
      }
      try {
        readings.add(new Reading(table[t], Instant.ofEpochMilli(ts), value, qualities[q], exact));
      } catch (IllegalArgumentException e) {
        throw new IOException("bad reading entry " + i + ": " + e.getMessage(), e);
      }
    }
    return readings;
  }

  private static void writeTarget(DataOutputStream out, PointTarget target) throws IOException {
    if (target instanceof PointTarget.MeterChannel m) {
      out.writeByte(METER);
      out.writeUTF(m.meter());
      out.writeUTF(m.channel());
      out.writeUTF(m.unit());
      out.writeByte(m.kind().ordinal());
      out.writeByte(m.counterBits() == null ? 0 : m.counterBits());
    } else {
      PointTarget.ProductionLine l = (PointTarget.ProductionLine) target;
      out.writeByte(PRODUCTION);
      out.writeUTF(l.line());
      out.writeUTF(l.product());
      out.writeUTF(l.unit());
    }
  }

  private static PointTarget readTarget(DataInputStream in) throws IOException {
    int type = in.readUnsignedByte();
    try {
      if (type == METER) {
        String meter = in.readUTF();
        String channel = in.readUTF();
        String unit = in.readUTF();
        PointTarget.Kind kind = PointTarget.Kind.values()[in.readUnsignedByte()];
        int bits = in.readUnsignedByte();
        return new PointTarget.MeterChannel(meter, channel, unit, kind, bits == 0 ? null : bits);
      }
      if (type == PRODUCTION) {
        return new PointTarget.ProductionLine(in.readUTF(), in.readUTF(), in.readUTF());
      }
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new IOException("bad target: " + e.getMessage(), e);
    }
    throw new IOException("unknown target type " + type);
  }
}
