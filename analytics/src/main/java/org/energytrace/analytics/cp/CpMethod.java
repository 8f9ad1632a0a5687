package org.energytrace.analytics.cp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CP assessment method: six steps of eighteen numbered tasks (UNIDO/UNEP, VNCPC's manual), and
 * the status of a step derived from its tasks' statuses.
 */
public final class CpMethod {
  private CpMethod() {}

  /** What is done of a task or a step. */
  public enum Status {
    NOT_STARTED,
    IN_PROGRESS,
    DONE;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status fromWire(String s) {
      for (Status v : values()) {
        if (v.wire().equals(s)) {
          return v;
        }
      }
      throw new IllegalArgumentException("not a status: " + s);
    }
  }

  /** A task: its number 1..18, the step 1..6 it belongs to, its labels. */
  public record Task(int number, int step, String vi, String en) {
    public String label(String lang) {
      return "en".equals(lang) ? en : vi;
    }
  }

  /** A step 1..6 with its labels and tasks. */
  public record Step(int number, String vi, String en, List<Task> tasks) {
    public Step {
      tasks = List.copyOf(tasks);
    }

    public String label(String lang) {
      return "en".equals(lang) ? en : vi;
    }
  }

  public static final List<Step> STEPS =
      List.of(
          step(
              1,
              "Khởi động",
              "Getting started",
              task(1, 1, "Thành lập nhóm đánh giá SXSH", "Form the CP team"),
              task(
                  2,
                  1,
                  "Liệt kê các công đoạn và định mức tiêu thụ",
                  "List process steps and norms"),
              task(3, 1, "Xác định và chọn công đoạn gây lãng phí", "Select the wasteful step")),
          step(
              2,
              "Phân tích các công đoạn",
              "Analysing process steps",
              task(4, 2, "Lập sơ đồ dòng của công đoạn", "Prepare the process flow chart"),
              task(5, 2, "Cân bằng vật liệu và năng lượng", "Material and energy balance"),
              task(6, 2, "Xác định chi phí dòng thải", "Assign costs to waste streams"),
              task(7, 2, "Xác định nguyên nhân gây thải", "Identify causes of waste")),
          step(
              3,
              "Phát triển các cơ hội SXSH",
              "Generating CP opportunities",
              task(8, 3, "Đề xuất các cơ hội SXSH", "Develop CP opportunities"),
              task(9, 3, "Sàng lọc các cơ hội khả thi", "Select workable opportunities")),
          step(
              4,
              "Lựa chọn các giải pháp SXSH",
              "Selecting CP solutions",
              task(10, 4, "Phân tích tính khả thi về kỹ thuật", "Technical feasibility"),
              task(11, 4, "Phân tích tính khả thi về kinh tế", "Economic feasibility"),
              task(12, 4, "Đánh giá các khía cạnh môi trường", "Environmental aspects"),
              task(13, 4, "Lựa chọn giải pháp thực hiện", "Select solutions for implementation")),
          step(
              5,
              "Thực hiện các giải pháp SXSH",
              "Implementing CP solutions",
              task(14, 5, "Chuẩn bị thực hiện", "Prepare for implementation"),
              task(15, 5, "Thực hiện các giải pháp", "Implement the solutions"),
              task(16, 5, "Quan trắc và đánh giá kết quả", "Monitor and evaluate results")),
          step(
              6,
              "Duy trì SXSH",
              "Sustaining CP",
              task(17, 6, "Duy trì các giải pháp SXSH", "Sustain CP"),
              task(18, 6, "Lựa chọn công đoạn tiếp theo", "Select the next focus")));

  public static final int TASKS = 18;

  private static Task task(int n, int step, String vi, String en) {
    return new Task(n, step, vi, en);
  }

  private static Step step(int n, String vi, String en, Task... tasks) {
    return new Step(n, vi, en, List.of(tasks));
  }

  /** The task numbered {@code n} (1..18). */
  public static Task task(int n) {
    if (n < 1 || n > TASKS) {
      throw new IllegalArgumentException("a task is numbered 1 to 18, got " + n);
    }
    for (Step s : STEPS) {
      for (Task t : s.tasks()) {
        if (t.number() == n) {
          return t;
        }
      }
    }
    throw new IllegalStateException("task " + n);
  }

  /**
   * The status of each step from its tasks' statuses (a task not given is not started): done when
   * every task is done, not started when none is begun, in progress otherwise.
   */
  public static List<Status> stepStatuses(Map<Integer, Status> tasks) {
    Objects.requireNonNull(tasks, "tasks");
    List<Status> out = new ArrayList<>();
    for (Step s : STEPS) {
      int done = 0;
      int begun = 0;
      for (Task t : s.tasks()) {
        Status st = tasks.getOrDefault(t.number(), Status.NOT_STARTED);
        if (st == Status.DONE) {
          done++;
        }
        if (st != Status.NOT_STARTED) {
          begun++;
        }
      }
      out.add(
          done == s.tasks().size()
              ? Status.DONE
              : begun == 0 ? Status.NOT_STARTED : Status.IN_PROGRESS);
    }
    return out;
  }
}
