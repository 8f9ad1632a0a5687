package org.energytrace.ingest.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.energytrace.ingest.showcase.SiteStory;
import org.energytrace.ingest.showcase.SiteStory.Measure;
import org.energytrace.ingest.showcase.SiteStory.Text;

/**
 * What the demo plant's showcase tells (issue 20): a brewery and the three measures a brewery
 * typically takes, commissioned on the measure date from which the simulator saves 10 %. The
 * investments are illustrative round figures, not quotations.
 */
final class DemoStory {
  private DemoStory() {}

  static SiteStory of(LocalDate measureDate) {
    return new SiteStory(
        new Text("Công ty TNHH Nhà máy Bia Demo", "Demo Brewery Plant Co., Ltd."),
        new Text("Nhà máy bia số 1", "Brewery plant 1"),
        new Text("Sản xuất bia và đồ uống", "Beer and beverage manufacturing"),
        List.of(
            new Measure(
                new Text(
                    "Biến tần cho bơm nhà nấu", "Variable-speed drives on the brewhouse pumps"),
                new Text(
                    "Bốn bơm nhà nấu chạy theo lưu lượng cần thay vì tiết lưu bằng van.",
                    "Four brewhouse pumps run at the flow needed instead of throttling on a"
                        + " valve."),
                measureDate,
                new BigDecimal("450000000"),
                "VND"),
            new Measure(
                new Text("Bộ hâm nước cấp lò hơi", "Boiler feed-water economiser"),
                new Text(
                    "Nhiệt khói thải lò hơi hâm nóng nước cấp, giảm lượng khí đốt.",
                    "Heat from the boiler's flue gas preheats its feed water and saves gas."),
                measureDate,
                new BigDecimal("620000000"),
                "VND"),
            new Measure(
                new Text("Chương trình chống rò rỉ khí nén", "Compressed-air leak programme"),
                new Text(
                    "Dò và sửa rò rỉ hằng tháng, hạ áp suất mạng khí nén 0,5 bar.",
                    "Leaks found and fixed every month; network pressure lowered by 0.5 bar."),
                measureDate,
                new BigDecimal("85000000"),
                "VND")));
  }
}
