package org.energytrace.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
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

  /** A point's YAML, where it came from, and how its addresses are numbered. */
  private record Source(JsonNode node, String path, int addressing, int offset, String template) {
    String channel() {
      return node.path("channel").asText(null);
    }
  }

  Assembled assemble(JsonNode node, String at) {
    ConfigFile.ModbusDevice d = ConfigFile.bind(node, ConfigFile.ModbusDevice.class, at, report);
    if (d == null) {
      return null;
    }
    int addressing = ConfigAssembler.or(d.addressing(), 0);
    List<Source> sources = new ArrayList<>();
    if (d.template() != null && !templateSources(d, at, sources)) {
      return null;
    }
    List<JsonNode> points = d.points() == null ? List.of() : d.points();
    for (int i = 0; i < points.size(); i++) {
      JsonNode point = points.get(i);
      String where = at + "/points/" + i;
      String channel = point.path("channel").asText(null);
      Source base = null;
      for (Source s : sources) {
        if (s.template() != null && channel != null && channel.equals(s.channel())) {
          base = s;
        }
      }
      if (base == null) {
        sources.add(new Source(point, where, addressing, 0, null));
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
                null));
      }
    }
    List<DeviceConfig.ModbusPoint> built = new ArrayList<>();
    List<Source> builtFrom = new ArrayList<>();
    for (Source source : sources) {
      DeviceConfig.ModbusPoint point = point(source, d.id());
      if (point != null) {
        built.add(point);
        builtFrom.add(source);
      }
    }
    // the points that did build are checked against each other too: every problem at once
    boolean free = overlapsFree(built, builtFrom);
    if (built.size() != sources.size() || !free) {
      return null;
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
        return null;
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
    return device == null
        ? null
        : new Assembled(device, sources.stream().map(Source::path).toList());
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
      sources.add(new Source(tp.node().deepCopy(), path, tp.addressing(), offset, template.name()));
    }
    return true;
  }

  /** One point, from the device config or a template (merged). */
  private DeviceConfig.ModbusPoint point(Source source, String deviceId) {
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
    PointTarget target = report.construct(p, () -> m.target(deviceId));
    Integer wire = wireAddress(m.address(), source, p + "/address");
    OptionalInt scaleRegister = OptionalInt.empty();
    if (m.scaleRegister() != null) {
      Integer sf = wireAddress(m.scaleRegister(), source, p + "/scale_register");
      if (sf == null) {
        return null;
      }
      if (m.type().isFloatingPoint()) {
        report.add(
            p + "/scale_register", "a scale-factor register scales integers, not " + m.type());
        return null;
      }
      scaleRegister = OptionalInt.of(sf);
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
      return null;
    }
    if (target == null || wire == null) {
      return null;
    }
    DataType type = m.type();
    RegisterOrder order = ConfigAssembler.or(m.order(), RegisterOrder.ABCD);
    double scale = m.scale() == null ? 1.0 : m.scale().doubleValue();
    RegisterSpec spec =
        report.construct(
            p + "/address", () -> new RegisterSpec(m.function(), wire, type, order, scale));
    return spec == null ? null : new DeviceConfig.ModbusPoint(target, spec, scaleRegister);
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
  private boolean overlapsFree(List<DeviceConfig.ModbusPoint> points, List<Source> sources) {
    boolean free = true;
    for (int i = 0; i < points.size(); i++) {
      RegisterSpec a = points.get(i).register();
      for (int j = 0; j < i; j++) {
        RegisterSpec b = points.get(j).register();
        if (a.function() == b.function()
            && a.address() < b.address() + b.registers()
            && b.address() < a.address() + a.registers()) {
          report.add(
              sources.get(i).path(),
              "registers "
                  + span(a)
                  + " (function "
                  + a.function()
                  + ") overlap "
                  + describe(points.get(j))
                  + " at "
                  + span(b)
                  + (sources.get(j).template() == null
                      ? ""
                      : " from template " + sources.get(j).template()));
          free = false;
        }
      }
      if (points.get(i).scaleRegister().isPresent()) {
        int sf = points.get(i).scaleRegister().getAsInt();
        for (DeviceConfig.ModbusPoint other : points) {
          RegisterSpec b = other.register();
          if (b.function() == a.function()
              && sf >= b.address()
              && sf < b.address() + b.registers()) {
            report.add(
                sources.get(i).path() + "/scale_register",
                "scale-factor register " + sf + " lies inside " + describe(other));
            free = false;
          }
        }
      }
    }
    return free;
  }

  private static String span(RegisterSpec r) {
    return r.address() + ".." + (r.address() + r.registers() - 1);
  }

  private static String describe(DeviceConfig.ModbusPoint point) {
    return point.target() instanceof PointTarget.MeterChannel m
        ? "channel " + m.channel()
        : "production " + ((PointTarget.ProductionLine) point.target()).line();
  }
}
