package org.energytrace.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.energytrace.gateway.modbus.ReadPlan.Block;
import org.energytrace.gateway.modbus.ReadPlan.Span;
import org.junit.jupiter.api.Test;

class ReadPlanTest {

  @Test
  void readsNeighbouringValuesInOneRequestBridgingSmallGaps() {
    // SDM630 input registers: voltage 0x00, current 0x06, power L1 0x0C (gaps of 4 registers)
    List<Block> blocks =
        ReadPlan.plan(
            List.of(new Span(0, 4, 0x00, 2), new Span(1, 4, 0x06, 2), new Span(2, 4, 0x0C, 2)), 8);
    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).address()).isZero();
    assertThat(blocks.get(0).count()).isEqualTo(14);
  }

  @Test
  void startsANewRequestWhenTheGapIsWiderThanAllowed() {
    List<Block> blocks =
        ReadPlan.plan(List.of(new Span(0, 4, 0x00, 2), new Span(1, 4, 0x48, 2)), 16);
    assertThat(blocks).extracting(Block::address).containsExactly(0x00, 0x48);
  }

  @Test
  void neverMixesFunctionCodesInOneRequest() {
    List<Block> blocks = ReadPlan.plan(List.of(new Span(0, 3, 10, 2), new Span(1, 4, 12, 2)), 16);
    assertThat(blocks).extracting(Block::function).containsExactly(3, 4);
  }

  // Modbus Application Protocol v1.1b3 §6.3: quantity of registers 1 to 125 (0x7D).
  @Test
  void keepsEveryRequestWithin125Registers() {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      spans.add(new Span(i, 3, i * 4, 4)); // 400 contiguous registers of int64 values
    }
    List<Block> blocks = ReadPlan.plan(spans, 0);
    assertThat(blocks).allSatisfy(b -> assertThat(b.count()).isLessThanOrEqualTo(125));
    assertThat(blocks).hasSize(4);
    assertThat(blocks.stream().mapToInt(b -> b.spans().size()).sum()).isEqualTo(100);
  }

  @Test
  void sharesOneScaleFactorRegisterBetweenValuesAndSlicesEachValueOutOfTheResponse() {
    Span energy = new Span(0, 3, 40116, 2);
    Span sf = new Span(1, 3, 40124, 1);
    Block block = ReadPlan.plan(List.of(energy, sf), 16).get(0);
    byte[] response = new byte[block.count() * 2];
    response[0] = 0x12;
    response[3] = 0x34;
    response[response.length - 1] = (byte) 0xFD; // -3 as the last register's low byte
    assertThat(block.slice(response, energy)).containsExactly(0x12, 0, 0, 0x34);
    assertThat(block.slice(response, sf)).containsExactly(0, 0xFD);
  }

  @Test
  void aShortReplyCoversOnlyTheValuesItReaches() {
    Span a = new Span(0, 3, 0, 2);
    Span b = new Span(1, 3, 2, 2);
    Block block = ReadPlan.plan(List.of(a, b), 0).get(0);
    byte[] shortReply = new byte[4];
    assertThat(block.covers(shortReply, a)).isTrue();
    assertThat(block.covers(shortReply, b)).isFalse();
  }
}
