package org.energytrace.gateway.simulator;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.gateway.modbus.RegisterCodec;

/**
 * The simulated Modbus TCP meters, served by digitalpetri modbus-tcp. Each unit id answers only the
 * registers of its map; a read touching any other register gets exception 02 (ILLEGAL DATA ADDRESS,
 * Modbus Application Protocol v1.1b3 §7), an unknown unit id no answer at all.
 */
public final class SimulatorModbusServer implements AutoCloseable {

  /** Immutable register images, swapped whole so a read never sees half an update. */
  private record Image(Map<Integer, byte[]> holding, Map<Integer, byte[]> input) {}

  private final Map<Integer, List<ServedRegister>> maps;
  private final ModbusTcpServer server;
  private volatile Map<Integer, Image> images = Map.of();

  public SimulatorModbusServer(
      String bindAddress, int port, Map<Integer, List<ServedRegister>> maps) {
    this.maps = Map.copyOf(maps);
    NettyTcpServerTransport transport =
        NettyTcpServerTransport.create(cfg -> cfg.setBindAddress(bindAddress).setPort(port));
    this.server = ModbusTcpServer.create(transport, new Services());
  }

  public void start() throws Exception {
    server.start();
  }

  /**
   * Encodes a snapshot into the register images; returns the served values as a gateway decodes
   * them (float32 rounding, integer steps, decimal scaling).
   */
  public List<ServedValue> update(PlantSnapshot snapshot) {
    Map<Integer, Image> next = new HashMap<>();
    List<ServedValue> served = new ArrayList<>();
    for (Map.Entry<Integer, List<ServedRegister>> unit : maps.entrySet()) {
      Map<Integer, byte[]> holding = new HashMap<>();
      Map<Integer, byte[]> input = new HashMap<>();
      for (ServedRegister register : unit.getValue()) {
        byte[] bytes =
            RegisterCodec.encode(register.value().applyAsDouble(snapshot), register.spec());
        Map<Integer, byte[]> table = register.spec().function() == 3 ? holding : input;
        for (int i = 0; i < register.spec().registers(); i++) {
          table.put(register.spec().address() + i, new byte[] {bytes[2 * i], bytes[2 * i + 1]});
        }
        if (register.channel() != null) {
          served.add(
              ServedValue.meter(
                  register.meter(),
                  register.channel(),
                  register.unit(),
                  RegisterCodec.decode(bytes, register.spec())));
        }
      }
      next.put(unit.getKey(), new Image(Map.copyOf(holding), Map.copyOf(input)));
    }
    images = Map.copyOf(next);
    return served;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  private final class Services implements ModbusServices {

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(
        ModbusRequestContext context, int unitId, ReadHoldingRegistersRequest request)
        throws ModbusResponseException, UnknownUnitIdException {
      Image image = image(unitId);
      return new ReadHoldingRegistersResponse(
          read(
              image.holding(),
              request.address(),
              request.quantity(),
              FunctionCode.READ_HOLDING_REGISTERS));
    }

    @Override
    public ReadInputRegistersResponse readInputRegisters(
        ModbusRequestContext context, int unitId, ReadInputRegistersRequest request)
        throws ModbusResponseException, UnknownUnitIdException {
      Image image = image(unitId);
      return new ReadInputRegistersResponse(
          read(
              image.input(),
              request.address(),
              request.quantity(),
              FunctionCode.READ_INPUT_REGISTERS));
    }

    private Image image(int unitId) throws UnknownUnitIdException {
      Image image = images.get(unitId);
      if (image == null) {
        throw new UnknownUnitIdException(unitId);
      }
      return image;
    }

    private byte[] read(Map<Integer, byte[]> table, int address, int quantity, FunctionCode fc)
        throws ModbusResponseException {
      if (quantity < 1 || quantity > 125) {
        throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
      }
      byte[] out = new byte[quantity * 2];
      for (int i = 0; i < quantity; i++) {
        byte[] word = table.get(address + i);
        if (word == null) {
          throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        out[2 * i] = word[0];
        out[2 * i + 1] = word[1];
      }
      return out;
    }
  }
}
