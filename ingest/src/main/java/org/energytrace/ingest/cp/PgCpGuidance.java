package org.energytrace.ingest.cp;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.Transactions;

/**
 * The officers' guidance notes per sector (issue 18) in PostgreSQL: each cites measures-catalogue
 * entries by id; every change in one transaction with its audit entry ({@code cp.guidance.create},
 * {@code cp.guidance.update}, state before and after). Blocking: call from worker threads.
 */
public final class PgCpGuidance {
  /** One note as written by a province officer. */
  public record Note(String sector, CpTexts texts, List<Long> cites, boolean published) {
    public Note {
      cites = List.copyOf(cites);
    }

    Map<String, Object> json(String code) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", code);
      m.put("sector", sector);
      texts.json(m);
      m.put("cites", new ArrayList<>(cites));
      m.put("published", published);
      return m;
    }
  }

  private final DataSource dataSource;

  public PgCpGuidance(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Creates or replaces a note; an unchanged one writes nothing.
   *
   * @return whether it was created
   */
  public boolean put(Who who, String code, Note note, Instant now) {
    return Transactions.run(
        dataSource,
        "writing CP guidance note " + code,
        c ->
            CpRecords.put(
                c,
                who,
                now,
                "cp.guidance",
                null,
                "cp-guidance/" + code,
                CpRecords.first(read(c, "WHERE code = ? FOR UPDATE", code)),
                note.json(code),
                w ->
                    Sql.update(
                        w,
                        "INSERT INTO cp_guidance (code, sector, title_vi, title_en, body_vi,"
                            + " body_en, cites, published, updated_by, updated_at) VALUES (?, ?,"
                            + " ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET sector"
                            + " = EXCLUDED.sector, title_vi = EXCLUDED.title_vi, title_en ="
                            + " EXCLUDED.title_en, body_vi = EXCLUDED.body_vi, body_en ="
                            + " EXCLUDED.body_en, cites = EXCLUDED.cites, published ="
                            + " EXCLUDED.published, updated_by = EXCLUDED.updated_by,"
                            + " updated_at = EXCLUDED.updated_at",
                        Sql.text(code),
                        Sql.text(note.sector()),
                        Sql.text(note.texts().titleVi()),
                        Sql.text(note.texts().titleEn()),
                        Sql.text(note.texts().bodyVi()),
                        Sql.text(note.texts().bodyEn()),
                        w.createArrayOf("bigint", note.cites().toArray()),
                        note.published(),
                        who.subject(),
                        Timestamp.from(now))));
  }

  /** Every note, drafts too (for the officers), by sector and code. */
  public List<Map<String, Object>> all() {
    return query("ORDER BY sector, code");
  }

  /** The published notes, by sector and code. */
  public List<Map<String, Object>> published() {
    return query("WHERE published ORDER BY sector, code");
  }

  /** A published note, empty when there is none of that code or it is a draft. */
  public Optional<Map<String, Object>> published(String code) {
    return query("WHERE published AND code = ?", code).stream().findFirst();
  }

  private List<Map<String, Object>> query(String where, String... params) {
    return Sql.with(dataSource, "reading the CP guidance notes", c -> read(c, where, params));
  }

  private static List<Map<String, Object>> read(Connection c, String where, String... params)
      throws SQLException {
    return CpRecords.rows(
        c,
        "SELECT code, sector, title_vi, title_en, body_vi, body_en, cites, published"
            + " FROM cp_guidance ",
        where,
        rs -> {
          Array a = rs.getArray(7);
          List<Long> cites = Arrays.asList((Long[]) a.getArray());
          return new Note(rs.getString(2), CpTexts.of(rs, 3), cites, rs.getBoolean(8))
              .json(rs.getString(1));
        },
        params);
  }
}
