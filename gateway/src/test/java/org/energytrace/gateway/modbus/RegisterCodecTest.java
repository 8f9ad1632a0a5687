package org.energytrace.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;
import org.energytrace.gateway.model.DataType;
import org.energytrace.gateway.model.RegisterOrder;
import org.energytrace.gateway.model.RegisterSpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegisterCodecTest {

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Nested
  class GoldenFrames {

    // Each row: the bytes exactly as they arrive in the register data of a Modbus response
    // (Modbus Application Protocol v1.1b3 §6.3/§6.4: big-endian inside each register), and the
    // value a meter means by them. Values are written as bit patterns so that the expectation
    // does not depend on the code under test.
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
      // int16 -200 = 0xFF38; 16-bit values only see the byte swap
      "INT16, ABCD, FF 38, -200",
      "INT16, DCBA, 38 FF, -200",
      "INT16, BADC, 38 FF, -200",
      "INT16, CDAB, FF 38, -200",
      "UINT16, ABCD, FF 38, 65336",
      "UINT16, DCBA, 38 FF, 65336",
      "UINT16, BADC, 38 FF, 65336",
      "UINT16, CDAB, FF 38, 65336",
      // int32 0x12345678 = 305419896
      "INT32, ABCD, 12 34 56 78, 305419896",
      "INT32, DCBA, 78 56 34 12, 305419896",
      "INT32, BADC, 34 12 78 56, 305419896",
      "INT32, CDAB, 56 78 12 34, 305419896",
      // int32 0xFFFFFF38 = -200
      "INT32, ABCD, FF FF FF 38, -200",
      "INT32, DCBA, 38 FF FF FF, -200",
      "INT32, BADC, FF FF 38 FF, -200",
      "INT32, CDAB, FF 38 FF FF, -200",
      // uint32 0xFFFFFF38 = 4294967096
      "UINT32, ABCD, FF FF FF 38, 4294967096",
      "UINT32, DCBA, 38 FF FF FF, 4294967096",
      "UINT32, BADC, FF FF 38 FF, 4294967096",
      "UINT32, CDAB, FF 38 FF FF, 4294967096",
      // int64 0x0102030405060708 = 72623859790382856
      "INT64, ABCD, 01 02 03 04 05 06 07 08, 72623859790382856",
      "INT64, DCBA, 08 07 06 05 04 03 02 01, 72623859790382856",
      "INT64, BADC, 02 01 04 03 06 05 08 07, 72623859790382856",
      "INT64, CDAB, 07 08 05 06 03 04 01 02, 72623859790382856",
      // int64 0xFFFFFFFFFFFFFF38 = -200
      "INT64, ABCD, FF FF FF FF FF FF FF 38, -200",
      "INT64, DCBA, 38 FF FF FF FF FF FF FF, -200",
      "INT64, BADC, FF FF FF FF FF FF 38 FF, -200",
      "INT64, CDAB, FF 38 FF FF FF FF FF FF, -200",
      // uint64 0xFFFFFFFFFFFFFF38 = 18446744073709551416 (nearest double 2^64)
      "UINT64, ABCD, FF FF FF FF FF FF FF 38, 18446744073709551616",
      "UINT64, DCBA, 38 FF FF FF FF FF FF FF, 18446744073709551616",
      "UINT64, BADC, FF FF FF FF FF FF 38 FF, 18446744073709551616",
      "UINT64, CDAB, FF 38 FF FF FF FF FF FF, 18446744073709551616",
      // uint64 0x0102030405060708
      "UINT64, ABCD, 01 02 03 04 05 06 07 08, 72623859790382856",
      "UINT64, CDAB, 07 08 05 06 03 04 01 02, 72623859790382856",
      // float32 0x4640E400 = 12345.0 (IEEE 754 binary32)
      "FLOAT32, ABCD, 46 40 E4 00, 12345.0",
      "FLOAT32, DCBA, 00 E4 40 46, 12345.0",
      "FLOAT32, BADC, 40 46 00 E4, 12345.0",
      "FLOAT32, CDAB, E4 00 46 40, 12345.0",
      // float32 0xC3480000 = -200.0
      "FLOAT32, ABCD, C3 48 00 00, -200.0",
      "FLOAT32, CDAB, 00 00 C3 48, -200.0",
      // float64 0x40C81CD000000000 = 12345.625 (IEEE 754 binary64)
      "FLOAT64, ABCD, 40 C8 1C D0 00 00 00 00, 12345.625",
      "FLOAT64, DCBA, 00 00 00 00 D0 1C C8 40, 12345.625",
      "FLOAT64, BADC, C8 40 D0 1C 00 00 00 00, 12345.625",
      "FLOAT64, CDAB, 00 00 00 00 1C D0 40 C8, 12345.625",
    })
    void decodesEveryTypeInEveryRegisterOrder(
        DataType type, RegisterOrder order, String wire, double expected) {
      assertThat(RegisterCodec.decodeRaw(hex(wire), type, order)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
      "INT16, BADC, 38 FF, -200",
      "INT32, CDAB, 56 78 12 34, 305419896",
      "UINT32, DCBA, 38 FF FF FF, 4294967096",
      // 0x0001020304050607 = 283686952306183, exact in a double (below 2^53)
      "INT64, BADC, 01 00 03 02 05 04 07 06, 283686952306183",
      "FLOAT32, CDAB, E4 00 46 40, 12345.0",
      "FLOAT64, DCBA, 00 00 00 00 D0 1C C8 40, 12345.625",
    })
    void encodesTheSameFramesItDecodes(
        DataType type, RegisterOrder order, String wire, double value) {
      assertThat(RegisterCodec.encodeRaw(value, type, order)).isEqualTo(hex(wire));
    }

    @Test
    void readsFloat32FromTheEastronSdm630TotalPowerRegisters() {
      // SDM630 input registers 30053/30054 (wire 0x0034), float32 high word first, in W.
      RegisterSpec power = new RegisterSpec(4, 0x0034, DataType.FLOAT32, RegisterOrder.ABCD, 0.001);
      assertThat(RegisterCodec.decode(hex("47 4C 74 80"), power)).isEqualTo(52.3405);
    }

    @Test
    void readsInt64WattHoursFromSchneiderIem3000AsExactKilowattHours() {
      // iEM3xxx register 3204 (wire 3203): Int64 Wh, high word first. 1 234 567 Wh = 1234.567 kWh.
      RegisterSpec energy = new RegisterSpec(3, 3203, DataType.INT64, RegisterOrder.ABCD, 0.001);
      assertThat(RegisterCodec.decode(hex("00 00 00 00 00 12 D6 87"), energy)).isEqualTo(1234.567);
    }
  }

  @Nested
  class Scaling {

    @Test
    void appliesTheScaleInDecimalSoHundredthsStayExact() {
      RegisterSpec gas = new RegisterSpec(3, 0, DataType.UINT32, RegisterOrder.ABCD, 0.01);
      assertThat(RegisterCodec.decode(hex("05 12 6B 1D"), gas)).isEqualTo(850_931.49);
    }

    @Test
    void encodingThenDecodingGivesBackAValueOnTheRegisterGrid() {
      RegisterSpec gas = new RegisterSpec(3, 0, DataType.UINT32, RegisterOrder.CDAB, 0.01);
      byte[] bytes = RegisterCodec.encode(850_931.494, gas);
      assertThat(RegisterCodec.decode(bytes, gas)).isEqualTo(850_931.49);
    }

    @Test
    void float32ValuesComeBackRoundedToSinglePrecision() {
      RegisterSpec volts = new RegisterSpec(4, 0, DataType.FLOAT32, RegisterOrder.ABCD, 1);
      byte[] bytes = RegisterCodec.encode(230.123456789, volts);
      assertThat(RegisterCodec.decode(bytes, volts)).isEqualTo((double) (float) 230.123456789);
    }
  }

  // Modbus registers are 16-bit words; a 64-bit integer spans four of them, high word first here
  @Nested
  class ExactIntegers {

    @Test
    void decodesAUint64BeyondTwoToThe53ExactlyWhereADoubleWouldNot() {
      byte[] words = {0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xAB, (byte) 0xCD, (byte) 0xEF};
      RegisterSpec spec = new RegisterSpec(3, 0, DataType.UINT64, RegisterOrder.ABCD, 1);
      assertThat(RegisterCodec.decodeExact(words, spec))
          .contains(new BigDecimal("81985529216486895"));
      assertThat(RegisterCodec.decode(words, spec)).isEqualTo(81985529216486896.0);
    }

    @Test
    void decodesTheLargestUint64AndANegativeInt64AndScalesInDecimal() {
      byte[] ones = new byte[8];
      Arrays.fill(ones, (byte) 0xFF);
      assertThat(
              RegisterCodec.decodeExact(
                  ones, new RegisterSpec(3, 0, DataType.UINT64, RegisterOrder.ABCD, 1)))
          .contains(new BigDecimal("18446744073709551615"));
      assertThat(
              RegisterCodec.decodeExact(
                  ones, new RegisterSpec(3, 0, DataType.INT64, RegisterOrder.ABCD, 0.001)))
          .map(BigDecimal::stripTrailingZeros)
          .contains(new BigDecimal("-0.001"));
    }

    @Test
    void hasNoExactValueForFloatingPointRegisters() {
      assertThat(
              RegisterCodec.decodeExact(
                  new byte[4], new RegisterSpec(3, 0, DataType.FLOAT32, RegisterOrder.ABCD, 1)))
          .isEmpty();
    }
  }

  @Nested
  class Refusals {

    @Test
    void refusesAFrameOfTheWrongLength() {
      assertThatThrownBy(
              () -> RegisterCodec.decodeRaw(hex("00 01"), DataType.INT32, RegisterOrder.ABCD))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("needs 4 bytes");
    }

    @Test
    void refusesToEncodeAValueThatDoesNotFitTheType() {
      assertThatThrownBy(() -> RegisterCodec.encodeRaw(70_000, DataType.UINT16, RegisterOrder.ABCD))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesARegisterSpecWithAnUnreadableFunctionCode() {
      assertThatThrownBy(() -> new RegisterSpec(6, 0, DataType.INT16, RegisterOrder.ABCD, 1))
          .hasMessageContaining("function must be 3 or 4");
    }
  }
}
