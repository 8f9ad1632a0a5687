package org.energytrace.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.energytrace.gateway.config.ConfigAssembler.Assembled;
import org.energytrace.gateway.config.ConfigException.Problem;
import org.energytrace.gateway.model.DataType;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.RegisterOrder;
import org.energytrace.gateway.model.RegisterSpec;

/**
 * A Modbus device from its file form: the register-map template (when it names one) with the
 * device's overrides merged in by channel, each point checked as a whole against the schema, then
 * numbered on the wire (1-based maps, template offsets), with what no schema sees: a counter wider
 * than its register, a scale-factor register for a float, two values in the same registers.
 */
final class ModbusAssembler {

  private final ConfigReport report;

  ModbusAssembler(ConfigReport report) {
    this.report = report;
  }

  /**
   * A point's YAML, where it came from, and how its addresses are numbered; not {@code sound} when
   * the device's point has a problem of its own (reported), so it is checked no further.
   */
  private record Source(
      JsonNode node, String path, int addressing, int offset, String template, boolean sound) {
    String channel() {
      return node.path("channel").asText(null);
    }

    /** How an overlap names it: {@code channel X} or {@code production L}. */
    String label() {
      return node.has("production")
          ? "production " + node.path("production").path("line").asText()
          : "channel " + channel();
    }
  }

  /**
   * A point whose registers are known, for the overlap check; {@code point} is null when it has a
   * problem of its own (a counter wider than its register, …), already reported.
   */
  private record Checked(
      Source source,
      RegisterSpec register,
      OptionalInt scaleRegister,
      DeviceConfig.ModbusPoint point) {}

  /**
   * Checks the device's points beside the problems of its other keys; null when what numbers and
   * names its points (id, addressing, address_offset, template) has a problem, so their checks
   * would mislead.
   */
  Assembled assemble(JsonNode node, String at) {
    ConfigFile.ModbusDevice d =
        ConfigFile.bind(
            report.soundPart(node, at, "points"), ConfigFile.ModbusDevice.class, at, report);
    boolean numbered =
        Stream.of("id", "addressing", "address_offset", "template")
            .allMatch(key -> report.isClean(at + "/" + key));
    if (d == null || !numbered) {
      return null;
    }
    int addressing = ConfigAssembler.or(d.addressing(), 0);
    List<Source> sources = new ArrayList<>();
    if (d.template() != null && !templateSources(d, at, sources)) {
      return null;
    }
    JsonNode points = report.has(at + "/points") ? MissingNode.getInstance() : node.path("points");
    for (int i = 0; i < points.size(); i++) {
      JsonNode point = points.get(i);
      String where = at + "/points/" + i;
      if (!point.isObject()) {
        continue; // reported by the schema
      }
      boolean sound = report.isClean(where);
      String channel = point.path("channel").asText(null);
      Source base = null;
      for (Source s : sources) {
        if (s.template() != null && channel != null && channel.equals(s.channel())) {
          base = s;
        }
      }
      if (base == null) {
        sources.add(new Source(point, where, addressing, 0, null, sound));
      } else {
        // overrides what differs; an address given here is in the device's numbering
        ObjectNode merged = ((ObjectNode) base.node()).deepCopy();
        merged.setAll((ObjectNode) point);
        boolean own = point.has("address") || point.has("scale_register");
        sources.set(
            sources.indexOf(base),
            new Source(
                merged,
                where,
                own ? addressing : base.addressing(),
                own ? 0 : base.offset(),
                null,
                sound));
      }
    }
    List<Checked> checked = new ArrayList<>();
    for (Source source : sources) {
      Checked c = source.sound() ? point(source, d.id()) : null;
      if (c != null) {
        checked.add(c);
      }
    }
    // the points that could be read are checked against each other too: every problem at once
    overlaps(checked);
    List<DeviceConfig.ModbusPoint> built = new ArrayList<>();
    List<PointTarget> targets = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (Checked c : checked) {
      if (c.point() != null) {
        built.add(c.point());
        targets.add(c.point().target());
        paths.add(c.source().path());
      }
    }
    if (built.size() != sources.size() || !report.isClean(at)) {
      return new Assembled(null, targets, paths);
    }
    boolean rtu = d.link() == DeviceConfig.ModbusLink.RTU;
    Optional<DeviceConfig.SerialLine> serial = Optional.empty();
    if (rtu) {
      ConfigFile.Serial s = d.serial();
      serial =
          Optional.ofNullable(
              report.construct(
                  at + "/serial",
                  () ->
                      new DeviceConfig.SerialLine(
                          s.device(),
                          ConfigAssembler.or(s.baud(), DeviceConfig.SerialLine.DEFAULT_BAUD),
                          ConfigAssembler.or(s.parity(), DeviceConfig.Parity.NONE),
                          ConfigAssembler.or(s.stopBits(), 1))));
      if (serial.isEmpty()) {
        return new Assembled(null, targets, paths);
      }
    }
    Optional<DeviceConfig.SerialLine> line = serial;
    DeviceConfig device =
        report.construct(
            at,
            () ->
                new DeviceConfig.Modbus(
                    d.id(),
                    ConfigAssembler.or(d.link(), DeviceConfig.ModbusLink.TCP),
                    rtu ? "" : d.host(),
                    rtu ? 0 : ConfigAssembler.or(d.port(), DeviceConfig.Modbus.DEFAULT_PORT),
                    line,
                    d.unitId(),
                    ConfigAssembler.or(d.timeout(), DeviceConfig.Modbus.DEFAULT_TIMEOUT),
                    ConfigAssembler.or(d.retries(), DeviceConfig.Modbus.DEFAULT_RETRIES),
                    ConfigAssembler.or(d.retryBackoff(), DeviceConfig.Modbus.DEFAULT_RETRY_BACKOFF),
                    ConfigAssembler.or(d.maxGap(), DeviceConfig.Modbus.DEFAULT_MAX_GAP),
                    built));
    return new Assembled(device, targets, paths);
  }

  /** The template's points as sources; false when the template cannot be used. */
  private boolean templateSources(ConfigFile.ModbusDevice d, String at, List<Source> sources) {
    RegisterMapTemplate template;
    try {
      template = RegisterMapTemplate.load(d.template());
    } catch (ConfigException e) {
      report.add(at + "/template", e.problems().get(0).message());
      return false;
    }
    for (Problem p : template.problems()) {
      report.add(p, at + "/template");
    }
    if (!template.problems().isEmpty()) {
      return false;
    }
    int offset = ConfigAssembler.or(d.addressOffset(), template.addressOffset());
    for (RegisterMapTemplate.Point tp : template.points()) {
      String path = at + "/template/" + tp.channel();
      report.origin(path, tp.origin());
      sources.add(
          new Source(tp.node().deepCopy(), path, tp.addressing(), offset, template.name(), true));
    }
    return true;
  }

  /**
   * One point, from the device config or a template (merged); null when its registers are not
   * known. A problem that leaves them known (a counter wider than its register, a scale-factor
   * register for a float) is reported and the point still takes part in the overlap check.
   */
  private Checked point(Source source, String deviceId) {
    String p = source.path();
    List<ConfigSchema.Violation> violations =
        ConfigSchema.get().validate(ConfigSchema.GATEWAY_CONFIG, "modbusPoint", source.node(), p);
    violations.forEach(v -> report.add(v.pointer(), v.message()));
    if (!violations.isEmpty()) {
      return null;
    }
    ConfigFile.ModbusPoint m =
        ConfigFile.bind(source.node(), ConfigFile.ModbusPoint.class, p, report);
    if (m == null) {
      return null;
    }
    boolean ok = true;
    PointTarget target = report.construct(p, () -> m.target(deviceId));
    Integer wire = wireAddress(m.address(), source, p + "/address");
    OptionalInt scaleRegister = OptionalInt.empty();
    if (m.scaleRegister() != null) {
      Integer sf = wireAddress(m.scaleRegister(), source, p + "/scale_register");
      if (sf == null) {
        ok = false;
      } else if (m.type().isFloatingPoint()) {
        report.add(
            p + "/scale_register", "a scale-factor register scales integers, not " + m.type());
        ok = false;
      } else {
        scaleRegister = OptionalInt.of(sf);
      }
    }
    if (target instanceof PointTarget.MeterChannel c
        && c.kind() == PointTarget.Kind.COUNTER
        && !m.type().isFloatingPoint()
        && c.counterBits() > m.type().bits()) {
      report.add(
          p + "/counter_bits",
          "counter_bits "
              + c.counterBits()
              + " is wider than the "
              + m.type().name().toLowerCase(Locale.ROOT)
              + " register ("
              + m.type().bits()
              + " bits)");
      ok = false;
    }
    if (wire == null) {
      return null;
    }
    DataType type = m.type();
    RegisterOrder order = ConfigAssembler.or(m.order(), RegisterOrder.ABCD);
    double scale = m.scale() == null ? 1.0 : m.scale().doubleValue();
    RegisterSpec spec =
        report.construct(
            p + "/address", () -> new RegisterSpec(m.function(), wire, type, order, scale));
    if (spec == null) {
      return null;
    }
    boolean buildable = ok && target != null;
    OptionalInt sf = scaleRegister;
    return new Checked(
        source, spec, sf, buildable ? new DeviceConfig.ModbusPoint(target, spec, sf) : null);
  }

  /** Manual numbering to wire address: minus 1 in a 1-based map, plus the template offset. */
  private Integer wireAddress(int address, Source source, String path) {
    if (source.addressing() == 1 && address == 0) {
      report.add(path, "address 0 does not exist in a 1-based map (addressing: 1)");
      return null;
    }
    int wire = address - source.addressing() + source.offset();
    if (wire > 0xFFFF) {
      report.add(path, "wire address " + wire + " is beyond 65535");
      return null;
    }
    return wire;
  }

  /** Two values in the same registers mean the map is wrong: say which, and where. */
  private void overlaps(List<Checked> points) {
    for (int i = 0; i < points.size(); i++) {
      RegisterSpec a = points.get(i).register();
      Source source = points.get(i).source();
      for (int j = 0; j < i; j++) {
        RegisterSpec b = points.get(j).register();
        Source other = points.get(j).source();
        if (a.function() == b.function()
            && a.address() < b.address() + b.registers()
            && b.address() < a.address() + a.registers()) {
          report.add(
              source.path(),
              "registers "
                  + span(a)
                  + " (function "
                  + a.function()
                  + ") overlap "
                  + other.label()
                  + " at "
                  + span(b)
                  + (other.template() == null ? "" : " from template " + other.template()));
        }
      }
      if (points.get(i).scaleRegister().isPresent()) {
        int sf = points.get(i).scaleRegister().getAsInt();
        for (Checked other : points) {
          RegisterSpec b = other.register();
          if (b.function() == a.function()
              && sf >= b.address()
              && sf < b.address() + b.registers()) {
            report.add(
                source.path() + "/scale_register",
                "scale-factor register " + sf + " lies inside " + other.source().label());
          }
        }
      }
    }
  }

  private static String span(RegisterSpec r) {
    return r.address() + ".." + (r.address() + r.registers() - 1);
  }
}
