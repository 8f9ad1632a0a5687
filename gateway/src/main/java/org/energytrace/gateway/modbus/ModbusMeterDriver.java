package org.energytrace.gateway.modbus;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.ModbusTimeoutException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.DeviceConfig.ModbusPoint;
import org.energytrace.gateway.poll.LastKnownValues;
import org.energytrace.gateway.poll.MeterDriver;
import org.energytrace.gateway.poll.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Modbus TCP device with functions 3 and 4, one request per point, and decodes the
 * registers per the register map ({@link RegisterCodec}). An exception response (e.g. 02, illegal
 * data address) marks only that point bad; a timeout or lost connection marks the remaining points
 * of this device bad and the next poll tries again. Each reading is stamped with the instant its
 * response arrived.
 */
public final class ModbusMeterDriver implements MeterDriver {

  private static final Logger log = LoggerFactory.getLogger(ModbusMeterDriver.class);

  private final DeviceConfig.Modbus config;
  private final Clock clock;
  private final ModbusTcpClient client;
  private final LastKnownValues lastKnown = new LastKnownValues();
  private boolean failing;

  public ModbusMeterDriver(DeviceConfig.Modbus config, Clock clock) {
    this.config = config;
    this.clock = clock;
    NettyTcpClientTransport transport =
        NettyTcpClientTransport.create(
            cfg ->
                cfg.setHostname(config.host())
                    .setPort(config.port())
                    .setConnectTimeout(config.timeout())
                    .setConnectPersistent(false));
    this.client = ModbusTcpClient.create(transport, cfg -> cfg.setRequestTimeout(config.timeout()));
  }

  @Override
  public String deviceId() {
    return config.id();
  }

  @Override
  public String protocol() {
    return "modbus";
  }

  @Override
  public synchronized List<Reading> poll() {
    List<Reading> readings = new ArrayList<>();
    List<ModbusPoint> points = config.points();
    try {
      if (!client.isConnected()) {
        client.connect();
      }
    } catch (Exception e) {
      return allBad(readings, points, 0, "cannot connect to " + where() + ": " + e.getMessage());
    }
    for (int i = 0; i < points.size(); i++) {
      ModbusPoint point = points.get(i);
      try {
        byte[] bytes = read(point.register());
        double value = RegisterCodec.decode(bytes, point.register());
        readings.add(lastKnown.remember(Reading.good(point.target(), clock.instant(), value)));
      } catch (ModbusResponseException e) {
        // The device answered with an exception code: only this point is affected.
        log.debug(
            "device {}: {} answered exception {}",
            config.id(),
            point.register(),
            e.getExceptionCode());
        readings.add(Reading.bad(point.target(), clock.instant(), lastKnown.get(point.target())));
      } catch (ModbusTimeoutException e) {
        return allBad(readings, points, i, "timeout reading " + where());
      } catch (Exception e) {
        return allBad(readings, points, i, "cannot read " + where() + ": " + e.getMessage());
      }
    }
    if (failing) {
      log.info("device {}: reading again from {}", config.id(), where());
      failing = false;
    }
    return readings;
  }

  private byte[] read(RegisterSpec spec) throws Exception {
    int unit = config.unitId();
    byte[] bytes =
        spec.function() == RegisterSpec.READ_HOLDING_REGISTERS
            ? client
                .readHoldingRegisters(
                    unit, new ReadHoldingRegistersRequest(spec.address(), spec.registers()))
                .registers()
            : client
                .readInputRegisters(
                    unit, new ReadInputRegistersRequest(spec.address(), spec.registers()))
                .registers();
    if (bytes.length != spec.registers() * 2) {
      // Some servers answer past their map with a short normal reply instead of exception 02.
      throw new ModbusResponseException(spec.function(), 0x02);
    }
    return bytes;
  }

  private List<Reading> allBad(
      List<Reading> readings, List<ModbusPoint> points, int from, String why) {
    if (!failing) {
      log.warn("device {}: {}", config.id(), why);
      failing = true;
    }
    for (int i = from; i < points.size(); i++) {
      ModbusPoint point = points.get(i);
      readings.add(Reading.bad(point.target(), clock.instant(), lastKnown.get(point.target())));
    }
    return readings;
  }

  private String where() {
    return config.host() + ":" + config.port() + " unit " + config.unitId();
  }

  @Override
  public synchronized void close() {
    try {
      client.disconnect();
    } catch (Exception e) {
      log.debug("device {}: disconnect failed", config.id(), e);
    }
  }
}
